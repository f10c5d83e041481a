import { join } from 'node:path';
import { ensureKioskFolder, writeKioskFile } from '../../platform/kiosk-files';
import type { FeatureHandlers } from '../../contract/dispatch';
import type { verificationChannels } from '../../contract/verification-channels';
import type { StrongroomApp } from '../strongroom-app';

/** Verification reports hold no secret, so they are kept with the catalog for the next audit. */
export function reportsFolder(home: string): string {
  return join(home, 'reports');
}

export function verificationHandlers(app: StrongroomApp, home: string): FeatureHandlers<typeof verificationChannels> {
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
    finishVerification: async ({ runId, paper }) => {
      const report = await verification.finishRun(runId, paper ? { paper } : {});
      const folder = reportsFolder(home);
      await ensureKioskFolder(folder);
      const savedTo = join(folder, `verification-${runId}.pdf`);
      await writeKioskFile(savedTo, report.pdf);
      const held = app.print.holdVerificationReport({ runId, pdf: report.pdf, pageCount: report.pageCount, fingerprint: report.fingerprint, paper: paper ?? 'A4' });
      return { runId, fingerprint: report.fingerprint, pageCount: report.pageCount, allPassed: report.allPassed, media: report.media, tokens: report.tokens, savedTo, documentId: held.documentId };
    },
  };
}
