import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import { masterKey, masterKeyOrNewCards } from './master-key-schema';
import type {
  AccountView,
  BreakGlassOpenView,
  CodesView,
  CustodyWriteView,
  EnrolmentView,
  ImportPreviewView,
  ImportResultView,
  KdfView,
  PassphraseStrengthView,
  ProgressView,
} from './custody-views';

// Loose on purpose: core/account checks the id and says exactly what is wrong with it (digits dropped by a
// spreadsheet, a digit typed twice), which a schema message could not.
const accountId = z.string().min(1).max(40);
const enrolmentId = z.string().uuid();
const sessionId = z.string().uuid();
const devicePath = z.string().min(1).max(4096);
const importText = z.string().max(20 * 1024 * 1024);
const mediumIds = z.array(z.string().regex(/^(VAULT|SEEDS)-\d{2,4}$/)).max(20).optional();

export const custodyChannels = {
  listAccounts: channel(emptyRequest, returns<AccountView[]>(), { needsCustodian: true }),
  addAccount: channel(
    z
      .object({
        accountId,
        name: z.string().max(200),
        rootEmail: z.string().max(320),
        organizationalUnit: z.string().max(200).optional(),
        rootCredentialStatus: z.enum(['custodied', 'removed-centrally']).optional(),
        /** 'hardware': root's MFA is only the tokens named (no seed kept); by default so when tokens are named. */
        mfa: z.enum(['virtual', 'hardware']).optional(),
        tokenIds: z.array(z.string().min(1).max(20)).max(8).optional(),
      })
      .strict(),
    returns<AccountView>(),
    { needsCustodian: true },
  ),
  previewImport: channel(z.object({ text: importText }).strict(), returns<ImportPreviewView>(), { needsCustodian: true }),
  importAccounts: channel(
    z.object({ text: importText, skipProblemRows: z.boolean(), fileName: z.string().max(300).optional(), confirmedDiff: z.string().regex(/^[0-9a-f]{64}$/).optional() }).strict(),
    returns<ImportResultView>(),
    { needsCustodian: true },
  ),
  kdfSettings: channel(emptyRequest, returns<KdfView>(), { needsCustodian: true }),
  startEnrolment: channel(z.object({ accountId }).strict(), returns<EnrolmentView>(), { needsCustodian: true }),
  listEnrolments: channel(emptyRequest, returns<EnrolmentView[]>(), { needsCustodian: true }),
  revealEnrolmentPassword: channel(z.object({ enrolmentId }).strict(), returns<{ password: string }>(), { needsCustodian: true }),
  setEnrolmentSeed: channel(z.object({ enrolmentId, secret: z.string().min(1).max(2048) }).strict(), returns<{ enrolment: EnrolmentView; codes: CodesView }>(), {
    needsCustodian: true,
  }),
  enrolmentCodes: channel(z.object({ enrolmentId }).strict(), returns<CodesView>(), { needsCustodian: true }),
  confirmEnrolment: channel(z.object({ enrolmentId }).strict(), returns<EnrolmentView>(), { needsCustodian: true }),
  cancelEnrolment: channel(z.object({ enrolmentId }).strict(), returns<EnrolmentView[]>(), { needsCustodian: true }),
  /** Without vaultMedia / seedMedia, every inserted stick of each role in service is written. */
  writeEnrolments: channel(
    // For a role's first generation the key given becomes its key: a new passphrase or a set of new key cards. A new
    // passphrase comes with its second typing (`...Again`), which main compares.
    z
      .object({
        vaultPassphrase: masterKeyOrNewCards,
        seedPassphrase: masterKeyOrNewCards,
        vaultPassphraseAgain: z.string().max(1024).optional(),
        seedPassphraseAgain: z.string().max(1024).optional(),
        vaultMedia: mediumIds,
        seedMedia: mediumIds,
      })
      .strict(),
    returns<CustodyWriteView>(),
    { needsCustodian: true },
  ),
  openBreakGlass: channel(
    z
      .object({
        accountId,
        reason: z.string().max(1000),
        vaultDevicePath: devicePath,
        vaultPassphrase: masterKey,
        vaultCustodian: z.string().max(200),
        // The seed half is left out when root's MFA is a token taken from the safe.
        seedDevicePath: devicePath.optional(),
        seedPassphrase: masterKey.optional(),
        // Two-person control: the second custodian is named explicitly, never filled in, also for a token account.
        seedCustodian: z.string().max(200),
        tokenId: z.string().min(1).max(20).optional(),
      })
      .strict(),
    returns<BreakGlassOpenView>(),
    { needsCustodian: true },
  ),
  /** Takes one more of the account's tokens out of the safe during an open break-glass ("offer both"). */
  takeBreakGlassToken: channel(z.object({ sessionId, tokenId: z.string().min(1).max(20) }).strict(), returns<BreakGlassOpenView>(), { needsCustodian: true }),
  breakGlassCode: channel(z.object({ sessionId }).strict(), returns<CodesView>(), { needsCustodian: true }),
  revealBreakGlassPassword: channel(z.object({ sessionId }).strict(), returns<{ password: string }>(), { needsCustodian: true }),
  copyBreakGlassPassword: channel(z.object({ sessionId }).strict(), returns<{ clearsAfterMs: number }>(), { needsCustodian: true }),
  closeBreakGlass: channel(z.object({ sessionId }).strict(), returns<{ closed: true }>(), { needsCustodian: true }),
  assessPassphrase: channel(z.object({ passphrase: z.string().min(1).max(1024), role: z.enum(['vault', 'seed']) }).strict(), returns<PassphraseStrengthView>(), { needsCustodian: true }),
  /** Seven words from the EFF long list, for a custodian to learn or write on the emergency sheet by hand. */
  suggestPassphrase: channel(emptyRequest, returns<{ passphrase: string; words: number }>(), { needsCustodian: true }),
  exportSeedCsv: channel(
    z.object({ sourceDevicePath: devicePath, targetDevicePath: devicePath, seedPassphrase: masterKey, plaintextAcknowledged: z.boolean(), secondCustodian: z.string().max(200) }).strict(),
    returns<{ mediumId: string; path: string; accounts: number; generation: number }>(),
    { needsCustodian: true },
  ),
  currentProgress: channel(emptyRequest, returns<ProgressView | null>(), { needsCustodian: false }),
} as const;
