import { z } from 'zod';
import { channel, emptyRequest, returns } from './channel-kit';
import { masterKey, passphrase } from './master-key-schema';
import type { AccountView, CodesView } from './custody-views';
import type {
  CustodyAlertView,
  LostMediumView,
  OutOfServiceView,
  PaperFreshnessView,
  PendingWorkView,
  RotationFinishView,
  RotationStartView,
  RotationView,
  SealView,
  WriteJobView,
  WriteJobsView,
} from './transaction-views';

const accountId = z.string().min(1).max(40);
const jobId = z.string().regex(/^WJ-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}$/, 'a write job id looks like WJ-2026-11-23-0a1b2c3d');
const mediumId = z.string().regex(/^(VAULT|SEEDS)-\d{2,4}$/, 'a medium id looks like VAULT-02 or SEEDS-01');
const devicePath = z.string().min(1).max(4096);
const reason = z.string().max(1000);
const mediaChoice = z.array(mediumId).max(20).optional();
const rotationMedia = {
  vaultPassphrase: masterKey.optional(),
  seedPassphrase: masterKey.optional(),
  vaultMedia: mediaChoice,
  seedMedia: mediaChoice,
};

export const transactionChannels = {
  listWriteJobs: channel(emptyRequest, returns<WriteJobsView>(), { needsCustodian: true }),
  /** Writes the sticks a pending job still lacks, with the same generation (the same bytes). No passphrase needed. */
  retryWriteJob: channel(z.object({ jobId }).strict(), returns<WriteJobView>(), { needsCustodian: true }),
  closeWriteJob: channel(z.object({ jobId, reason }).strict(), returns<WriteJobView>(), { needsCustodian: true }),

  markAccountLifecycle: channel(
    z.object({ accountId, lifecycle: z.enum(['active', 'suspended', 'pending-closure', 'closed', 'removed-centrally', 'left-organisation']), reason }).strict(),
    returns<AccountView>(),
    { needsCustodian: true },
  ),

  listRotations: channel(emptyRequest, returns<RotationView[]>(), { needsCustodian: true }),
  startRotation: channel(
    z.object({ accountId, what: z.enum(['password', 'seed', 'both']), reason, newSeed: z.string().min(1).max(2048).optional(), ...rotationMedia }).strict(),
    returns<RotationStartView>(),
    { needsCustodian: true },
  ),
  revealRotationPassword: channel(z.object({ accountId }).strict(), returns<{ password: string }>(), { needsCustodian: true }),
  rotationCodes: channel(z.object({ accountId }).strict(), returns<CodesView>(), { needsCustodian: true }),
  confirmRotation: channel(z.object({ accountId, ...rotationMedia }).strict(), returns<RotationFinishView>(), { needsCustodian: true }),
  cancelRotation: channel(z.object({ accountId, ...rotationMedia }).strict(), returns<RotationFinishView>(), { needsCustodian: true }),

  reportMediumLost: channel(z.object({ mediumId, reason }).strict(), returns<LostMediumView>(), { needsCustodian: true }),
  retireMedium: channel(z.object({ devicePath, confirmMediumId: z.string().max(20), reason }).strict(), returns<OutOfServiceView>(), { needsCustodian: true }),
  replaceMedium: channel(
    z.object({ oldMediumId: mediumId, newDevicePath: devicePath, fromDevicePath: devicePath.optional(), reason }).strict(),
    returns<{ replaced: OutOfServiceView; replacementMediumId: string; job: WriteJobView }>(),
    { needsCustodian: true },
  ),
  recordSeal: channel(z.object({ mediumId, serial: z.string().max(60), occasion: z.enum(['after-write', 'resealed']) }).strict(), returns<SealView>(), { needsCustodian: true }),
  changeMasterPassphrase: channel(
    // A change to key cards goes through the key card flow (drawKeyCards, rekeyWithKeyCards): the cards are printed first.
    z.object({ role: z.enum(['vault', 'seed']), currentPassphrase: masterKey, newPassphrase: passphrase, newPassphraseAgain: passphrase, leaveBehind: z.boolean().optional() }).strict(),
    returns<WriteJobView>(),
    { needsCustodian: true },
  ),
  outOfServiceMedia: channel(emptyRequest, returns<OutOfServiceView[]>(), { needsCustodian: true }),
  /** How many generations of its artefact each stick keeps, the current one included. */
  setKeptGenerations: channel(z.object({ generations: z.number().int().min(2).max(20) }).strict(), returns<{ keptGenerations: number }>(), { needsCustodian: true }),

  breakGlassPendingPassword: channel(z.object({ sessionId: z.string().uuid() }).strict(), returns<{ password: string | null }>(), { needsCustodian: true }),
  breakGlassPendingCode: channel(z.object({ sessionId: z.string().uuid() }).strict(), returns<CodesView | null>(), { needsCustodian: true }),

  custodyAlerts: channel(emptyRequest, returns<CustodyAlertView[]>(), { needsCustodian: true }),
  paperBackupFreshness: channel(emptyRequest, returns<PaperFreshnessView>(), { needsCustodian: true }),
  pendingWork: channel(emptyRequest, returns<PendingWorkView[]>(), { needsCustodian: true }),
} as const;
