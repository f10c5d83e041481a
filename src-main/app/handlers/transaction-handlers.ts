import type { ConsecutiveCodes } from '../../core/totp';
import type { MediumRecord } from '../../catalog/media-store';
import type { FeatureHandlers } from '../../contract/dispatch';
import type { transactionChannels } from '../../contract/transaction-channels';
import type { CodesView } from '../../contract/custody-views';
import type { OutOfServiceView, RotationView } from '../../contract/transaction-views';
import type { MasterKeyInput } from '../master-keys';
import type { RotationMedia } from '../rotation-desk';
import type { StrongroomApp } from '../strongroom-app';
import { toWriteJobView } from '../custody-views';

const codesView = (codes: ConsecutiveCodes): CodesView => ({ current: codes.current.code, next: codes.next.code, secondsLeft: codes.secondsLeft });

function outOfService(m: MediumRecord): OutOfServiceView {
  return { mediumId: m.mediumId, role: m.role, lifecycle: m.lifecycle === 'active' ? 'retired' : m.lifecycle, reason: m.lifecycleReason, at: m.retiredAt, replacedBy: m.replacedBy };
}

function mediaOf(r: {
  vaultPassphrase?: MasterKeyInput | undefined;
  seedPassphrase?: MasterKeyInput | undefined;
  vaultMedia?: string[] | undefined;
  seedMedia?: string[] | undefined;
}): RotationMedia {
  return {
    ...(r.vaultPassphrase !== undefined ? { vaultPassphrase: r.vaultPassphrase } : {}),
    ...(r.seedPassphrase !== undefined ? { seedPassphrase: r.seedPassphrase } : {}),
    ...(r.vaultMedia?.length ? { vaultMedia: r.vaultMedia } : {}),
    ...(r.seedMedia?.length ? { seedMedia: r.seedMedia } : {}),
  };
}

/** Custody transactions in the window: write jobs, rotations, lifecycles, seals, what needs attention. */
export function transactionHandlers(app: StrongroomApp): FeatureHandlers<typeof transactionChannels> {
  const { writeJobs, rotation, mediumLifecycle, accounts, mediaFeed, breakGlass } = app;
  const changing = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } finally {
      mediaFeed.bump();
    }
  };
  const rotationView = (v: RotationView): RotationView => ({ ...v });
  return {
    listWriteJobs: () => ({ pending: writeJobs.pending().map(toWriteJobView), recent: writeJobs.recent(10).map(toWriteJobView) }),
    retryWriteJob: ({ jobId }) => changing(writeJobs.retry(jobId).then(toWriteJobView)),
    closeWriteJob: ({ jobId, reason }) => toWriteJobView(writeJobs.close(jobId, reason)),
    markAccountLifecycle: ({ accountId, lifecycle, reason }) => accounts.view(accounts.markLifecycle(accountId, lifecycle, reason)),
    listRotations: () => rotation.list().map(rotationView),
    startRotation: (r) =>
      changing(
        rotation
          .start({ accountId: r.accountId, what: r.what, reason: r.reason, ...(r.newSeed ? { newSeed: r.newSeed } : {}), ...mediaOf(r) })
          .then((out) => ({ rotation: rotationView(out.rotation), job: toWriteJobView(out.job), password: out.password, codes: out.codes ? codesView(out.codes) : null })),
      ),
    revealRotationPassword: ({ accountId }) => ({ password: rotation.revealPassword(accountId) }),
    rotationCodes: ({ accountId }) => codesView(rotation.codes(accountId)),
    confirmRotation: (r) => changing(rotation.confirm(r.accountId, mediaOf(r)).then((out) => ({ rotation: rotationView(out.rotation), job: toWriteJobView(out.job) }))),
    cancelRotation: (r) => changing(rotation.cancel(r.accountId, mediaOf(r)).then((out) => ({ rotation: rotationView(out.rotation), job: toWriteJobView(out.job) }))),
    reportMediumLost: ({ mediumId, reason }) => {
      const report = mediumLifecycle.reportLost(mediumId, reason);
      mediaFeed.bump();
      return { mediumId: report.medium.mediumId, advice: report.advice, warning: report.warning };
    },
    retireMedium: ({ devicePath, confirmMediumId, reason }) => changing(mediumLifecycle.retire(devicePath, confirmMediumId, reason).then(outOfService)),
    replaceMedium: ({ oldMediumId, newDevicePath, fromDevicePath, reason }) =>
      changing(
        mediumLifecycle
          .replace({ oldMediumId, newDevicePath, reason, ...(fromDevicePath ? { fromDevicePath } : {}) })
          .then((out) => ({ replaced: outOfService(out.replaced), replacementMediumId: out.replacement.mediumId, job: toWriteJobView(out.job) })),
      ),
    recordSeal: ({ mediumId, serial, occasion }) => {
      const seal = mediumLifecycle.recordSeal(mediumId, serial, occasion);
      return { mediumId: seal.mediumId, serial: seal.serial, occasion: seal.occasion, sealedBy: seal.sealedBy, sealedAt: seal.sealedAt };
    },
    changeMasterPassphrase: (r) =>
      changing(
        mediumLifecycle
          .changePassphrase({ role: r.role, currentPassphrase: r.currentPassphrase, newPassphrase: r.newPassphrase, newPassphraseAgain: r.newPassphraseAgain, ...(r.leaveBehind ? { leaveBehind: true } : {}) })
          .then((out) => toWriteJobView(out.job)),
      ),
    outOfServiceMedia: () => mediumLifecycle.outOfService().map(outOfService),
    setKeptGenerations: ({ generations }) => ({ keptGenerations: writeJobs.setKeptGenerations(generations) }),
    breakGlassPendingPassword: ({ sessionId }) => ({ password: breakGlass.revealPendingPassword(sessionId) }),
    breakGlassPendingCode: ({ sessionId }) => {
      const codes = breakGlass.pendingCode(sessionId);
      return codes ? codesView(codes) : null;
    },
    custodyAlerts: () => app.overview.alerts(),
    paperBackupFreshness: () => app.print.paperFreshness(),
    pendingWork: () => app.session.pendingWork(),
  };
}
