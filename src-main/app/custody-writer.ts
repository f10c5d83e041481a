import type { ProtectedValue } from 'kdbxweb';
import type { PendingCredential, ReplacedCredential, RetiredMark } from '../artefacts/credential-history';
import { DEFAULT_KDF_PARAMETERS, type KdfParameters } from '../artefacts/kdbx-crypto';
import { withDerivationMemo } from '../artefacts/derivation-memo';
import { buildSeedFile, openSeedFile } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { buildVaultFile, openVaultFile } from '../artefacts/vault-file';
import { credentialsRetired } from '../core/account';
import { roleFit } from '../core/custody-vocabulary';
import { ErrorCode, StrongroomError } from '../core/errors';
import { ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import { aboutPassphrase, requireDistinctPassphrases, requireStrongMasterPassphrase } from '../core/passphrase-policy';
import type { Seed } from '../core/seed';
import type { WriteJobPurpose } from '../core/write-job';
import type { Catalog } from '../catalog/catalog';
import type { Clock } from '../platform/clock';
import type { AirGapGuard } from './air-gap-guard';
import type { MasterKeyInput, MasterKeys, ResolvedMasterKey } from './master-keys';
import type { MediaDesk } from './media-desk';
import type { InsertedMedium } from './inserted-medium';
import type { ProgressBoard } from './progress-board';
import type { GenerationPlan, WriteJobReport, WriteJobs } from './write-jobs';

/** What one write changes about one role's credentials; everything else in the artefact is carried over. */
export interface RoleChanges<T> {
  /** Accounts getting their first credential. An account that already holds a different one is never changed here. */
  readonly add?: ReadonlyMap<string, T>;
  /** A new credential written beside the current one, pending until AWS has accepted it. */
  readonly startRotation?: ReadonlyMap<string, { readonly value: T; readonly reason: string }>;
  /** The pending credential becomes current; the replaced one moves into the entry's history. */
  readonly confirmRotation?: ReadonlySet<string>;
  /** The pending credential is dropped from use (kept in the entry's history, in case it was set on AWS after all). */
  readonly cancelRotation?: ReadonlySet<string>;
}

export interface CustodyUpdate {
  readonly vault?: RoleChanges<ProtectedValue>;
  readonly seed?: RoleChanges<Seed>;
}

export interface CustodyWriteOptions {
  /** Each role's master passphrase, or k of its key cards; for a first generation, the new key (passphrase or new cards). */
  readonly vaultPassphrase?: MasterKeyInput;
  readonly seedPassphrase?: MasterKeyInput;
  /** Sticks to write (device paths, mount points or medium ids); default every inserted stick of the role in service. */
  readonly vaultMedia?: readonly string[];
  readonly seedMedia?: readonly string[];
  /** The artefacts to write; default both. */
  readonly roles?: readonly MediumRole[];
  readonly purpose?: WriteJobPurpose;
  readonly note?: string;
  /** Re-encrypts the role's artefact under a new master passphrase (already typed twice and compared), or new key cards. */
  readonly newPassphrase?: { readonly role: MediumRole; readonly passphrase: MasterKeyInput };
  /** An account that already holds a different credential is reported and left as it is, instead of refusing the write. */
  readonly keepExisting?: boolean;
}

export type AccountOutcomeKind = 'added' | 'unchanged' | 'kept-existing' | 'rotation-started' | 'rotation-confirmed' | 'rotation-cancelled' | 'retired' | 'back-in-use';

export interface AccountOutcome {
  readonly accountId: string;
  readonly role: MediumRole;
  readonly outcome: AccountOutcomeKind;
  readonly sentence: string;
}

export interface CustodyWriteReport {
  readonly job: WriteJobReport;
  readonly outcomes: readonly AccountOutcome[];
}

interface Entry<T> {
  readonly account: { readonly accountId: string; readonly name: string; readonly rootEmail: string };
  value: T;
  pending: PendingCredential<T> | undefined;
  history: ReplacedCredential<T>[];
  retired: RetiredMark | undefined;
}

const CREDENTIAL_WORDS: Readonly<Record<MediumRole, string>> = { vault: 'root password', seed: 'MFA seed' };
const ROLE_NAME: Readonly<Record<MediumRole, string>> = { vault: 'vault', seed: 'seed store' };

/**
 * Builds the next generation of the vault and the seed store from the newest one (read strictly from a stick
 * that holds it, opened with the custodian's passphrase) and the changes asked for, and hands the bytes to a
 * write job. The rules for changing credentials live here: nothing replaces a live credential except an
 * explicit, two-phase rotation; a closed or centrally removed account moves to the retired group.
 */
export class CustodyWriter {
  /** Generations written under a new key, until a stick commits them: then that key is the role's (master-keys). */
  private readonly newKeys = new Map<string, { readonly role: MediumRole; readonly generation: number; readonly key: ResolvedMasterKey }>();

  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly jobs: WriteJobs,
    private readonly progress: ProgressBoard,
    private readonly airGap: AirGapGuard,
    private readonly clock: Clock,
    private readonly keys: MasterKeys,
    private readonly kdf: KdfParameters = DEFAULT_KDF_PARAMETERS,
  ) {
    // A retried pending write may be what first commits a generation written under a new key.
    jobs.onSettled((report) => this.settleNewKeys(report));
  }

  /**
   * One write job derives each file's key once: the open of the current generation and the save of the next
   * under the same passphrase share one derivation memo, wiped when the job settles (artefacts/derivation-memo.ts).
   */
  write(update: CustodyUpdate, options: CustodyWriteOptions): Promise<CustodyWriteReport> {
    return withDerivationMemo(() => this.writeJob(update, options));
  }

  private async writeJob(update: CustodyUpdate, options: CustodyWriteOptions): Promise<CustodyWriteReport> {
    this.airGap.requireIsolation('write the vault and the seed store');
    const roles = options.roles ?? (['vault', 'seed'] as const);
    if (roles.includes('vault') && roles.includes('seed') && typeof options.vaultPassphrase === 'string' && typeof options.seedPassphrase === 'string') {
      try {
        requireDistinctPassphrases(options.vaultPassphrase, options.seedPassphrase);
      } catch (error) {
        // The seed passphrase is the one the sentence asks to change, so the seed field is the one cleared.
        throw aboutPassphrase(error, { role: 'seed', which: 'current' });
      }
    }
    // Refused before the artefacts are opened (seconds of key derivation) rather than after.
    this.jobs.requireNoPendingJob();
    const targets = await Promise.all(roles.map(async (role) => ({ role, media: await this.targets(role, role === 'vault' ? options.vaultMedia : options.seedMedia) })));
    const outcomes: AccountOutcome[] = [];
    const sticks = targets.reduce((n, t) => n + t.media.length, 0);
    const keyChanges: string[] = [];
    const job = await this.progress.run('Writing the vault and the seeds', 1 + roles.length + 2 * sticks, async () => {
      return this.jobs.run({
        purpose: options.purpose ?? 'write',
        ...(options.note ? { note: options.note } : {}),
        targets,
        beforeWriting: () => this.airGap.requireIsolation('write the vault and the seed store'),
        prepare: async () => {
          const keyTexts: string[] = [];
          // The vault and the seed store are independent files: each is opened and encrypted anew beside the other,
          // so their key derivations overlap. Outcomes and the first failure are still reported in role order.
          const said = roles.map((): AccountOutcome[] => []);
          const settled = await Promise.allSettled(
            roles.map((role, i) => this.nextGeneration(role, update, options, targets.find((t) => t.role === role)?.media ?? [], said[i]!, keyTexts, keyChanges)),
          );
          const failed = settled.find((s) => s.status === 'rejected');
          if (failed) throw failed.reason;
          outcomes.push(...said.flat());
          const plans = settled.flatMap((s): GenerationPlan[] => (s.status === 'fulfilled' && s.value ? [s.value] : []));
          // Key cards resolve only here, so the two roles' keys are compared once both are known.
          if (keyTexts.length === 2) requireDistinctPassphrases(keyTexts[0]!, keyTexts[1]!);
          return plans.length > 0 ? plans : null;
        },
      });
    }).finally(() => this.forgetUnwrittenKeys(keyChanges));
    return { job, outcomes };
  }

  /** The inserted, labelled sticks of a role to write; refuses when there is none. */
  async targets(role: MediumRole, chosen: readonly string[] | undefined): Promise<InsertedMedium[]> {
    let media: InsertedMedium[];
    if (chosen && chosen.length > 0) {
      media = await Promise.all(chosen.map((reference) => this.media.locate(reference)));
    } else {
      media = (await this.media.inserted()).filter((m) => m.manifest !== null && roleFit(m.manifest.role, role) === 'fit' && m.catalogRecord?.mediumId === m.manifest.mediumId);
    }
    if (media.length === 0) {
      throw new StrongroomError(
        ErrorCode.NoMediumInserted,
        `Insert at least one labelled ${role} stick (${role === 'vault' ? 'VAULT-..' : 'SEEDS-..'}) before writing. Label new sticks on the Media screen.`,
        { role },
      );
    }
    return media;
  }

  private async nextGeneration(
    role: MediumRole,
    update: CustodyUpdate,
    options: CustodyWriteOptions,
    preferred: readonly InsertedMedium[],
    outcomes: AccountOutcome[],
    keyTexts: string[],
    keyChanges: string[],
  ): Promise<GenerationPlan | null> {
    const given = role === 'vault' ? options.vaultPassphrase : options.seedPassphrase;
    if (given === undefined || given === '') {
      throw new StrongroomError(ErrorCode.MasterKeyMissing, `The ${role === 'vault' ? 'vault' : 'seed'} master passphrase is needed to write the ${ROLE_NAME[role]}.`, { passphrase: role, which: 'current' });
    }
    const newest = this.catalog.generations.newestPublished(ROLE_ARTEFACT[role]);
    // A first write opens nothing: saying "opening the current vault" there would send a custodian looking for one.
    this.progress.step(newest === 0 ? `Starting the first ${ROLE_NAME[role]} (generation 1)` : `Opening the current ${ROLE_NAME[role]} (generation ${newest}) with its passphrase`);
    const current = await this.jobs.readNewest(role, preferred);
    // Without a current generation, what was given is the key the first generation is written under.
    const currentKey = await this.keys.resolve(role, given, current ? 'open' : 'new');
    const passphraseText = currentKey.text;
    const passphrase = protect(passphraseText);
    const now = this.clock.now().toISOString();
    const entries = new Map<string, Entry<ProtectedValue | Seed>>();
    let changed = false;
    if (current) {
      const opened = await (role === 'vault' ? openVaultFile(current.bytes, passphrase) : openSeedFile(current.bytes, passphrase)).catch((error: unknown) => {
        throw aboutPassphrase(error, { role, which: 'current' }, `${ROLE_ARTEFACT[role]} generation ${current.generation} from ${current.mediumId}`);
      });
      for (const e of [...opened.entries, ...opened.retired]) {
        const value = 'password' in e ? e.password : e.seed;
        entries.set(e.accountId, {
          account: this.accountFor(e.accountId, e),
          value,
          pending: e.pending,
          history: [...e.history],
          retired: e.retired,
        });
      }
    } else {
      if (currentKey.via === 'passphrase') await requireNamedStrongPassphrase(passphraseText, role);
      changed = true;
    }
    const newKey = options.newPassphrase?.role === role ? await this.keys.resolve(role, options.newPassphrase.passphrase, 'new') : null;
    const newPassphrase = newKey?.text ?? null;
    if (newKey !== null) {
      if (newKey.text === passphraseText) {
        throw new StrongroomError(ErrorCode.PassphraseUnchanged, `The new ${role} master passphrase is the same as the current one. Choose a different one.`, { passphrase: role, which: 'new' });
      }
      // A key drawn for cards is 256 random bits; only a typed passphrase needs its strength judged.
      if (newKey.via === 'passphrase') await requireNamedStrongPassphrase(newKey.text, role);
      changed = true;
    }
    keyTexts.push(newPassphrase ?? passphraseText);

    const changes: RoleChanges<ProtectedValue | Seed> = (role === 'vault' ? update.vault : update.seed) ?? {};
    const say = (accountId: string, outcome: AccountOutcomeKind, sentence: string) => outcomes.push({ accountId, role, outcome, sentence });
    for (const [accountId, value] of changes.add ?? []) {
      const existing = entries.get(accountId);
      if (!existing) {
        entries.set(accountId, { account: this.accountFor(accountId), value, pending: undefined, history: [], retired: undefined });
        say(accountId, 'added', `${accountId}: ${CREDENTIAL_WORDS[role]} added.`);
        changed = true;
      } else if (sameCredential(existing.value, value)) {
        say(accountId, 'unchanged', `${accountId}: already holds this ${CREDENTIAL_WORDS[role]}; unchanged.`);
      } else if (options.keepExisting) {
        say(accountId, 'kept-existing', `Account ${accountId} is already enrolled; its ${CREDENTIAL_WORDS[role]} was left as it is. To change it, rotate it.`);
      } else {
        throw new StrongroomError(
          ErrorCode.AccountAlreadyEnrolled,
          `Account ${accountId} already has a ${CREDENTIAL_WORDS[role]} in ${ROLE_ARTEFACT[role]} generation ${current?.generation ?? 0}; it is never replaced by an enrolment or an import. To change it, rotate it.`,
          { accountId },
        );
      }
    }
    for (const [accountId, { value, reason }] of changes.startRotation ?? []) {
      const existing = this.requireLive(entries, accountId, role, current?.generation ?? 0);
      if (existing.pending) throw new StrongroomError(ErrorCode.RotationPending, `Account ${accountId} already has a ${CREDENTIAL_WORDS[role]} rotation pending since ${existing.pending.since.slice(0, 10)}. Confirm or cancel it first.`, { accountId });
      if (sameCredential(existing.value, value)) {
        throw new StrongroomError(ErrorCode.CredentialUnchanged, `The new ${CREDENTIAL_WORDS[role]} for ${accountId} is the one already kept. Use the new one AWS shows.`, { accountId });
      }
      existing.pending = { value, since: now, reason };
      say(accountId, 'rotation-started', `${accountId}: new ${CREDENTIAL_WORDS[role]} written as pending, beside the current one.`);
      changed = true;
    }
    // Confirming and cancelling both settle a pending rotation. A rotation of both credentials may already be
    // settled in one artefact (its write was cut short in the other): there it is said and left as it is.
    const settlePending = (
      accountIds: Iterable<string> | undefined,
      verb: 'confirm' | 'cancel',
      settle: (accountId: string, existing: Entry<ProtectedValue | Seed>, pending: PendingCredential<ProtectedValue | Seed>) => void,
    ) => {
      for (const accountId of accountIds ?? []) {
        const existing = this.requireLive(entries, accountId, role, current?.generation ?? 0);
        const pending = existing.pending;
        if (!pending) {
          say(accountId, 'unchanged', `${accountId}: no pending ${CREDENTIAL_WORDS[role]} in ${ROLE_ARTEFACT[role]}; nothing to ${verb} there.`);
          continue;
        }
        settle(accountId, existing, pending);
        existing.pending = undefined;
        changed = true;
      }
    };
    settlePending(changes.confirmRotation, 'confirm', (accountId, existing, pending) => {
      existing.history.push({ value: existing.value, replacedAt: now, note: `replaced by a rotation: ${pending.reason}` });
      existing.value = pending.value;
      say(accountId, 'rotation-confirmed', `${accountId}: the new ${CREDENTIAL_WORDS[role]} is current; the old one is in the entry's history.`);
    });
    settlePending(changes.cancelRotation, 'cancel', (accountId, existing, pending) => {
      existing.history.push({ value: pending.value, replacedAt: now, note: `rotation cancelled before AWS confirmed it (started ${pending.since.slice(0, 10)}: ${pending.reason})` });
      say(accountId, 'rotation-cancelled', `${accountId}: the pending ${CREDENTIAL_WORDS[role]} was dropped (kept in the entry's history); the current one stays.`);
    });
    for (const [accountId, entry] of entries) {
      const record = this.catalog.accounts.get(accountId);
      if (!record) continue;
      if (credentialsRetired(record.lifecycle) && !entry.retired) {
        entry.retired = { state: record.lifecycle, since: record.lifecycleAt ?? now };
        say(accountId, 'retired', `${accountId}: ${record.lifecycle === 'closed' ? 'closed' : 'root credentials removed centrally'}; its ${CREDENTIAL_WORDS[role]} moved to the retired history.`);
        changed = true;
      } else if (!credentialsRetired(record.lifecycle) && entry.retired) {
        entry.retired = undefined;
        say(accountId, 'back-in-use', `${accountId}: back in use; its ${CREDENTIAL_WORDS[role]} is served again.`);
        changed = true;
      }
      // Names and emails follow the catalog (an import may have renamed the account); that alone is no reason to write.
      if (entry.account.name !== record.name || entry.account.rootEmail !== record.rootEmail) entries.set(accountId, { ...entry, account: this.accountFor(accountId) });
    }
    if (!changed) return null;

    const generation = (current?.generation ?? 0) + 1;
    const keyChange = newKey ?? (current ? null : currentKey);
    if (keyChange) {
      this.newKeys.set(`${role}:${generation}`, { role, generation, key: keyChange });
      keyChanges.push(`${role}:${generation}`);
    }
    const key = protect(newPassphrase ?? passphraseText);
    this.progress.step(`Encrypting ${ROLE_NAME[role]} generation ${generation}`);
    const all = [...entries.values()];
    const write = { generation, passphrase: key, kdf: this.kdf };
    const bytes =
      role === 'vault'
        ? await buildVaultFile(
            all.map((e) => ({ account: e.account, password: e.value as ProtectedValue, history: e.history as ReplacedCredential<ProtectedValue>[], ...(e.pending ? { pending: e.pending as PendingCredential<ProtectedValue> } : {}), ...(e.retired ? { retired: e.retired } : {}) })),
            write,
          )
        : await buildSeedFile(
            all.map((e) => ({ account: e.account, seed: e.value as Seed, history: e.history as ReplacedCredential<Seed>[], ...(e.pending ? { pending: e.pending as PendingCredential<Seed> } : {}), ...(e.retired ? { retired: e.retired } : {}) })),
            write,
          );
    return { role, generation, bytes, accountIds: all.filter((e) => !e.retired).map((e) => e.account.accountId) };
  }

  /**
   * A key change whose generation no stick took and no pending write still holds (refused, failed, nothing
   * written) is forgotten, so a later write that reaches the same generation number is never mistaken for it.
   */
  private forgetUnwrittenKeys(ids: readonly string[]): void {
    const pending = new Set(this.jobs.pending().flatMap((j) => j.generations.map((g) => `${g.role}:${g.generation}`)));
    for (const id of ids) if (!pending.has(id)) this.newKeys.delete(id);
  }

  /** Once a stick commits a generation written under a new key, that key is the role's: cards in force, or a passphrase again. */
  private settleNewKeys(report: WriteJobReport): void {
    for (const written of report.generations) {
      const id = `${written.role}:${written.generation}`;
      const pending = this.newKeys.get(id);
      if (!pending) continue;
      if (report.sticks.some((s) => s.role === written.role && s.generation === written.generation && s.state === 'committed')) {
        this.newKeys.delete(id);
        this.keys.keyChanged(pending.role, pending.generation, pending.key);
      } else if (report.status === 'refused' || report.status === 'failed' || report.status === 'closed') {
        this.newKeys.delete(id);
      }
    }
  }

  private requireLive<T>(entries: Map<string, Entry<T>>, accountId: string, role: MediumRole, generation: number): Entry<T> {
    const existing = entries.get(accountId);
    if (!existing) {
      throw new StrongroomError(ErrorCode.AccountNotInArtefact, `Account ${accountId} has no ${CREDENTIAL_WORDS[role]} in ${ROLE_ARTEFACT[role]} generation ${generation}: enrol it first.`, { accountId });
    }
    if (existing.retired) {
      throw new StrongroomError(ErrorCode.AccountRetired, `Account ${accountId} is ${existing.retired.state}; its credentials are retired and are not rotated. Mark it active again first if that was a mistake.`, { accountId });
    }
    return existing;
  }



  /** The catalog is the authority for names and emails; the artefact's copy is used for accounts it lacks. */
  private accountFor(accountId: string, fallback?: { name: string; rootEmail: string }) {
    const record = this.catalog.accounts.get(accountId);
    if (record) return { accountId, name: record.name, rootEmail: record.rootEmail };
    if (fallback) return { accountId, name: fallback.name, rootEmail: fallback.rootEmail };
    throw new StrongroomError(ErrorCode.AccountNotFound, `Account ${accountId} is not in the catalog. Add it first.`, { accountId });
  }
}

/** A passphrase about to protect a file: refused below the bar, naming which role's passphrase it is. */
async function requireNamedStrongPassphrase(passphrase: string, role: MediumRole): Promise<void> {
  try {
    await requireStrongMasterPassphrase(passphrase, [role, 'strongroom']);
  } catch (error) {
    throw aboutPassphrase(error, { role, which: 'new' });
  }
}

function sameCredential(a: ProtectedValue | Seed, b: ProtectedValue | Seed): boolean {
  if ('base32' in a && 'base32' in b) return a.base32 === b.base32;
  if ('getText' in a && 'getText' in b) return a.getText() === b.getText();
  return false;
}
