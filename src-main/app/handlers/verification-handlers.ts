import type { FeatureHandlers } from '../../contract/dispatch';
import type { verificationChannels } from '../../contract/verification-channels';
import type { StrongroomApp } from '../strongroom-app';

export function verificationHandlers(app: StrongroomApp): FeatureHandlers<typeof verificationChannels> {
  const { verification, mediaFeed } = app;
  const runView = () => {
    const run = verification.activeRun();
    return run ? { runId: run.runId, startedAt: run.startedAt, startedBy: run.startedBy, done: run.done, tokens: run.tokens } : null;
  };
  return {
    verificationSchedule: () => verification.schedule(),
    activeVerification: () => runView(),
    setVerificationInterval: ({ days }) => {
      verification.setIntervalDays(days);
      return verification.schedule();
    },
    startVerification: () => {
      verification.startRun();
      return runView()!;
    },
    verifyMedium: async ({ runId, devicePath, passphrase, physical }) => {
      try {
        return await verification.verifyMedium(runId, devicePath, passphrase, {
          sealSerial: physical.sealSerial,
          bagIntact: physical.bagIntact,
          locationConfirmed: physical.locationConfirmed,
          ...(physical.newSealSerial ? { newSealSerial: physical.newSealSerial } : {}),
        });
      } finally {
        mediaFeed.bump();
      }
    },
    presentTokenForVerification: ({ runId, identification }) => verification.presentToken(runId, identification),
    closeTokenCheck: ({ runId }) => verification.closeTokenCheck(runId),
    recordTokenNotPresented: ({ runId, tokenId, reason }) => verification.recordTokenNotPresented(runId, tokenId, reason),
    finishVerification: ({ runId, paper }) => app.verificationReports.finish(runId, paper ? { paper } : {}),
  };
}
