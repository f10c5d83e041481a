import type { ProtectedValue } from 'kdbxweb';
import { DEFAULT_KDF_PARAMETERS, type KdfParameters } from '../artefacts/kdbx-crypto';
import { buildSeedFile, openSeedFile, type SeedEntryInput } from '../artefacts/seed-file';
import { protect } from '../artefacts/strongroom-kdbx';
import { buildVaultFile, openVaultFile, type VaultEntryInput } from '../artefacts/vault-file';
import { ErrorCode, StrongroomError } from '../core/errors';
import { ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import { requireDistinctPassphrases, requireStrongMasterPassphrase } from '../core/passphrase-policy';
import type { Seed } from '../core/seed';
import type { Catalog } from '../catalog/catalog';
import type { AirGapGuard } from './air-gap-guard';
import type { ArtefactWriteReceipt, InsertedMedium, MediaDesk } from './media-desk';
import type { ProgressBoard } from './progress-board';

/** New or replaced secrets for some accounts; everything else in the artefacts is carried over. */
export interface CustodyUpdate {
  readonly passwords: ReadonlyMap<string, ProtectedValue>;
  readonly seeds: ReadonlyMap<string, Seed>;
}

export interface CustodyWriteOptions {
  readonly vaultPassphrase: string;
  readonly seedPassphrase: string;
  /** Sticks to write (device paths or mount points); default every inserted stick of the role this kiosk labelled. */
  readonly vaultMedia?: readonly string[];
  readonly seedMedia?: readonly string[];
}

export interface RoleWriteReport {
  readonly generation: number;
  readonly accounts: number;
  readonly written: readonly ArtefactWriteReceipt[];
  /** Media of this role that do not hold this generation yet: they must be brought in and updated. */
  readonly replicasBehind: readonly { readonly mediumId: string; readonly location: string; readonly generation: number }[];
}

export interface CustodyWriteReport {
  readonly vault: RoleWriteReport;
  readonly seed: RoleWriteReport;
}

/**
 * Writes a new generation of vault.kdbx and seeds.kdbx to their media. The current generation is read from a
 * stick that holds it (checked against the catalog's hash), opened with the custodian's passphrase, merged with
 * the update, and written to every chosen stick; the secrets exist only in this process's memory meanwhile.
 */
export class CustodyWriter {
  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly progress: ProgressBoard,
    private readonly airGap: AirGapGuard,
    private readonly kdf: KdfParameters = DEFAULT_KDF_PARAMETERS,
  ) {}

  async write(update: CustodyUpdate, options: CustodyWriteOptions): Promise<CustodyWriteReport> {
    this.airGap.requireIsolation('write the vault and the seed store');
    requireDistinctPassphrases(options.vaultPassphrase, options.seedPassphrase);
    const vaultMedia = await this.targets('vault', options.vaultMedia);
    const seedMedia = await this.targets('seed', options.seedMedia);
    // One step to prepare each artefact, one per stick written.
    const steps = 2 + vaultMedia.length + seedMedia.length;
    return this.progress.run('Writing the vault and the seeds', steps, async () => {
      this.progress.announce('Opening the current vault');
      const vaultBytes = await this.nextVault(update, protect(options.vaultPassphrase), vaultMedia);
      this.progress.step('Opening the current seed store');
      const seedBytes = await this.nextSeeds(update, protect(options.seedPassphrase), seedMedia);
      const vault = await this.writeAll('vault', vaultBytes, vaultMedia);
      const seed = await this.writeAll('seed', seedBytes, seedMedia);
      return { vault, seed };
    });
  }

  /** The inserted, labelled sticks of a role to write; refuses when there is none. */
  async targets(role: MediumRole, chosen: readonly string[] | undefined): Promise<InsertedMedium[]> {
    let media: InsertedMedium[];
    if (chosen && chosen.length > 0) {
      media = await Promise.all(chosen.map((path) => this.media.find(path)));
    } else {
      media = (await this.media.inserted()).filter((m) => m.manifest?.role === role && m.catalogRecord?.mediumId === m.manifest.mediumId);
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

  /** Opens the newest generation of a role from a stick that holds it, or null when none was ever written. */
  private async readNewest(role: MediumRole, candidates: readonly InsertedMedium[]): Promise<{ bytes: Uint8Array; generation: number } | null> {
    const artefact = ROLE_ARTEFACT[role];
    const newest = this.catalog.media.newestGeneration(artefact);
    if (newest === 0) return null;
    const everywhere = [...candidates, ...(await this.media.inserted())];
    const holder = everywhere.find((m) => {
      const id = m.manifest?.mediumId;
      return id && m.manifest?.role === role && this.catalog.media.lastWrite(id, artefact)?.generation === newest;
    });
    if (!holder) {
      const holders = this.catalog.media
        .list()
        .filter((m) => m.role === role && this.catalog.media.lastWrite(m.mediumId, artefact)?.generation === newest)
        .map((m) => m.mediumId);
      throw new StrongroomError(
        ErrorCode.NewestGenerationMissing,
        `To add to the ${role === 'vault' ? 'vault' : 'seed store'}, Strongroom needs its newest version (generation ${newest}), held by ${holders.join(', ') || 'no known stick'}. Insert one of those sticks.`,
        { role, generation: newest },
      );
    }
    const read = await this.media.readVerifiedArtefact(holder.drive.devicePath, role);
    return { bytes: read.bytes, generation: read.generation };
  }

  private async nextVault(update: CustodyUpdate, passphrase: ProtectedValue, media: readonly InsertedMedium[]): Promise<{ bytes: Uint8Array; generation: number; accounts: number }> {
    const current = await this.readNewest('vault', media);
    const entries = new Map<string, VaultEntryInput>();
    if (current) {
      const opened = await openVaultFile(current.bytes, passphrase);
      for (const entry of opened.entries) entries.set(entry.accountId, { account: this.accountFor(entry.accountId, entry), password: entry.password });
    } else {
      requireStrongMasterPassphrase(passphrase.getText(), ['vault', 'strongroom']);
    }
    for (const [accountId, password] of update.passwords) entries.set(accountId, { account: this.accountFor(accountId), password });
    const generation = (current?.generation ?? 0) + 1;
    this.progress.announce(`Encrypting vault generation ${generation}`);
    const bytes = await buildVaultFile([...entries.values()], { generation, passphrase, kdf: this.kdf });
    return { bytes, generation, accounts: entries.size };
  }

  private async nextSeeds(update: CustodyUpdate, passphrase: ProtectedValue, media: readonly InsertedMedium[]): Promise<{ bytes: Uint8Array; generation: number; accounts: number }> {
    const current = await this.readNewest('seed', media);
    const entries = new Map<string, SeedEntryInput>();
    if (current) {
      const opened = await openSeedFile(current.bytes, passphrase);
      for (const entry of opened.entries) entries.set(entry.accountId, { account: this.accountFor(entry.accountId, entry), seed: entry.seed });
    } else {
      requireStrongMasterPassphrase(passphrase.getText(), ['seed', 'strongroom']);
    }
    for (const [accountId, seed] of update.seeds) entries.set(accountId, { account: this.accountFor(accountId), seed });
    const generation = (current?.generation ?? 0) + 1;
    this.progress.announce(`Encrypting seed store generation ${generation}`);
    const bytes = await buildSeedFile([...entries.values()], { generation, passphrase, kdf: this.kdf });
    return { bytes, generation, accounts: entries.size };
  }

  private async writeAll(
    role: MediumRole,
    next: { bytes: Uint8Array; generation: number; accounts: number },
    media: readonly InsertedMedium[],
  ): Promise<RoleWriteReport> {
    const written: ArtefactWriteReceipt[] = [];
    for (const medium of media) {
      this.progress.step(`Writing ${ROLE_ARTEFACT[role]} to ${medium.manifest?.mediumId ?? medium.drive.devicePath} and reading it back`);
      written.push(await this.media.writeArtefact(medium.drive.devicePath, role, next.bytes, next.generation));
    }
    const artefact = ROLE_ARTEFACT[role];
    const replicasBehind = this.catalog.media
      .list()
      .filter((m) => m.role === role)
      .map((m) => ({ m, generation: this.catalog.media.lastWrite(m.mediumId, artefact)?.generation ?? 0 }))
      .filter(({ generation }) => generation < next.generation)
      .map(({ m, generation }) => ({ mediumId: m.mediumId, location: `${m.location.kind}${m.location.note ? `: ${m.location.note}` : ''}`, generation }));
    return { generation: next.generation, accounts: next.accounts, written, replicasBehind };
  }

  /** The catalog is the authority for names and emails; the artefact's copy is used for accounts it lacks. */
  private accountFor(accountId: string, fallback?: { name: string; rootEmail: string }) {
    const record = this.catalog.accounts.get(accountId);
    if (record) return { accountId, name: record.name, rootEmail: record.rootEmail };
    if (fallback) return { accountId, name: fallback.name, rootEmail: fallback.rootEmail };
    throw new StrongroomError(ErrorCode.AccountNotFound, `Account ${accountId} is not in the catalog. Add it first.`, { accountId });
  }
}
