import type { ConsecutiveCodes } from '../../core/totp';
import type { custodyChannels } from '../../contract/custody-channels';
import type { CodesView } from '../../contract/custody-views';
import type { FeatureHandlers } from '../../contract/dispatch';
import { addAccountWithTokens } from '../account-intake';
import { toWriteJobView } from '../custody-views';
import type { StrongroomApp } from '../strongroom-app';

const codesView = (codes: ConsecutiveCodes): CodesView => ({ current: codes.current.code, next: codes.next.code, secondsLeft: codes.secondsLeft });

export function custodyHandlers(app: StrongroomApp): FeatureHandlers<typeof custodyChannels> {
  const { accounts, enrolment, breakGlass, mediaFeed } = app;
  return {
    listAccounts: () => accounts.views(),
    addAccount: (r) =>
      accounts.view(
        addAccountWithTokens(accounts, app.tokens, {
          accountId: r.accountId,
          name: r.name,
          rootEmail: r.rootEmail,
          ...(r.organizationalUnit ? { organizationalUnit: r.organizationalUnit } : {}),
          ...(r.rootCredentialStatus ? { rootCredentialStatus: r.rootCredentialStatus } : {}),
          ...(r.mfa ? { mfa: r.mfa } : {}),
          ...(r.tokenIds ? { tokenIds: r.tokenIds } : {}),
        }),
      ),
    previewImport: ({ text }) => {
      const { parsed, diff, needsConfirmation } = accounts.preview(text);
      return {
        format: parsed.format,
        rows: parsed.accounts.map((row) => ({
          line: row.line,
          accountId: row.account.accountId,
          name: row.account.name,
          rootEmail: row.account.rootEmail,
          notices: row.notices,
          hasSeed: row.seed !== undefined,
          known: accounts.isKnown(row.account.accountId),
        })),
        problems: parsed.problems,
        seedCount: parsed.seedCount,
        diff: {
          changes: diff.changes.map((c) => ({ kind: c.kind, accountId: c.accountId, line: c.line, sentence: c.sentence })),
          unchanged: diff.unchanged,
          completeListing: diff.completeListing,
          digest: diff.digest,
          needsConfirmation,
        },
        incompleteBecause: parsed.incompleteBecause,
      };
    },
    importAccounts: ({ text, skipProblemRows, fileName, confirmedDiff }) => {
      const outcome = accounts.import(text, { skipProblemRows, ...(fileName ? { fileName } : {}), ...(confirmedDiff ? { confirmedDiff } : {}) });
      return { added: outcome.added, updated: outcome.updated, skippedLines: outcome.skippedLines };
    },
    kdfSettings: () => ({ ...app.kdf }),
    startEnrolment: ({ accountId }) => enrolment.start(accountId),
    listEnrolments: () => enrolment.list(),
    revealEnrolmentPassword: ({ enrolmentId }) => ({ password: enrolment.revealPassword(enrolmentId) }),
    setEnrolmentSeed: ({ enrolmentId, secret }) => {
      const { state, codes } = enrolment.setSeed(enrolmentId, secret);
      return { enrolment: state, codes: codesView(codes) };
    },
    enrolmentCodes: ({ enrolmentId }) => codesView(enrolment.codes(enrolmentId)),
    confirmEnrolment: ({ enrolmentId }) => enrolment.confirmAwsAccepted(enrolmentId),
    cancelEnrolment: ({ enrolmentId }) => {
      enrolment.cancel(enrolmentId);
      return enrolment.list();
    },
    writeEnrolments: async ({ vaultPassphrase, seedPassphrase, vaultPassphraseAgain, seedPassphraseAgain, vaultMedia, seedMedia }) => {
      try {
        const report = await enrolment.writeAsEntered({
          vaultPassphrase,
          seedPassphrase,
          ...(vaultPassphraseAgain !== undefined ? { vaultPassphraseAgain } : {}),
          ...(seedPassphraseAgain !== undefined ? { seedPassphraseAgain } : {}),
          ...(vaultMedia?.length ? { vaultMedia } : {}),
          ...(seedMedia?.length ? { seedMedia } : {}),
        });
        return { enrolled: report.enrolled, job: toWriteJobView(report.job), outcomes: report.outcomes };
      } finally {
        mediaFeed.bump();
      }
    },
    openBreakGlass: (r) => breakGlass.openFor(r),
    takeBreakGlassToken: ({ sessionId, tokenId }) => breakGlass.takeToken(sessionId, tokenId),
    breakGlassCode: ({ sessionId }) => codesView(breakGlass.code(sessionId)),
    revealBreakGlassPassword: ({ sessionId }) => ({ password: breakGlass.revealPassword(sessionId) }),
    copyBreakGlassPassword: ({ sessionId }) => breakGlass.copyPassword(sessionId),
    closeBreakGlass: ({ sessionId }) => {
      breakGlass.close(sessionId);
      return { closed: true as const };
    },
    assessPassphrase: ({ passphrase, role }) => accounts.assessPassphrase(passphrase, role),
    suggestPassphrase: () => app.keys.suggestPassphrase('window'),
    exportSeedCsv: async (request) => {
      try {
        return await app.seedCsvExport.export(request);
      } finally {
        mediaFeed.bump();
      }
    },
    currentProgress: () => app.progress.view(),
  };
}
