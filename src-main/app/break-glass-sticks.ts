import type { OpenedSeeds } from '../artefacts/seed-file';
import type { OpenedVault } from '../artefacts/vault-file';
import { sameIdentity } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';
import type { MediumRole } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import type { CustodyIncidents } from './custody-incidents';
import { mediumIdOf, type MediaDesk } from './media-desk';
import type { InsertedMedium } from './inserted-medium';
import type { ArtefactRead, StickArtefacts } from './stick-artefacts';
import { identityWarnings } from './stick-identity';

/** One break-glass half's stick, with every generation on it that may be opened, newest first. */
export interface StickCandidates {
  readonly medium: InsertedMedium;
  readonly mediumId: string;
  readonly candidates: readonly ArtefactRead[];
}

/**
 * The sticks of a break-glass, for app/break-glass-desk: what each half's stick offers under the lenient read
 * policy, opening the newest generation that opens, and the custody incident when both halves share one device.
 */
export class BreakGlassSticks {
  constructor(
    private readonly catalog: Catalog,
    private readonly media: MediaDesk,
    private readonly sticks: StickArtefacts,
    private readonly incidents: CustodyIncidents,
  ) {}

  /**
   * The two halves must come from two physical devices. Compared by device identity, so two partitions of one
   * stick, or an unlabelled stick carrying both files, count as one. It is recorded as a custody incident; the
   * break-glass itself goes on, since whoever holds that stick holds both halves already.
   */
  oneStickIncident(accountId: string, vault: StickCandidates, seed: StickCandidates): string | null {
    const same = vault.medium.drive.devicePath === seed.medium.drive.devicePath || sameIdentity(vault.medium.drive.identity, seed.medium.drive.identity);
    if (!same) return null;
    const incident = this.incidents.openOneStickBreakGlass({
      accountId,
      vaultMedium: vault.mediumId,
      seedMedium: seed.mediumId,
      device: `${vault.medium.drive.devicePath}, ${vault.medium.drive.identity.source} ${vault.medium.drive.identity.value}`,
    });
    return incident.sentence;
  }

  /**
   * Every generation on the stick the lenient read policy offers, newest first. A stick that is not what it says
   * (label, device and catalog disagree: cloned or swapped) is still read in an emergency, with a warning.
   */
  async candidates(devicePath: string, role: MediumRole, warnings: string[]): Promise<StickCandidates> {
    const [medium] = await this.media.findEach([devicePath]);
    return this.candidatesOn(medium!, role, warnings);
  }

  /**
   * Both halves' sticks from one reading of the drives, scanned and read side by side (two devices, nothing
   * shared); the vault's warnings come first, as the custodian reads them, and the vault's failure is reported first.
   */
  async both(vaultPath: string, seedPath: string, warnings: string[]): Promise<{ vault: StickCandidates; seed: StickCandidates }> {
    const [vaultMedium, seedMedium] = await this.media.findEach([vaultPath, seedPath]);
    const vaultWarnings: string[] = [];
    const seedWarnings: string[] = [];
    const [vault, seed] = await Promise.allSettled([this.candidatesOn(vaultMedium!, 'vault', vaultWarnings), this.candidatesOn(seedMedium!, 'seed', seedWarnings)]);
    if (vault.status === 'rejected') throw vault.reason;
    if (seed.status === 'rejected') throw seed.reason;
    warnings.push(...vaultWarnings, ...seedWarnings);
    return { vault: vault.value, seed: seed.value };
  }

  private async candidatesOn(medium: InsertedMedium, role: MediumRole, warnings: string[]): Promise<StickCandidates> {
    warnings.push(...identityWarnings(this.catalog, medium));
    const found = await this.sticks.lenientCandidates(medium, role);
    if (found.length === 0) {
      throw new StrongroomError(ErrorCode.ArtefactNotOnMedium, `There is no readable ${role === 'vault' ? 'vault.kdbx' : 'seeds.kdbx'} on this stick. Insert a ${role} stick that holds one.`);
    }
    return { medium, mediumId: mediumIdOf(medium) ?? `the unlabelled stick at ${medium.drive.devicePath}`, candidates: found };
  }

  /**
   * Opens the newest candidate that opens. A damaged file gives way to the next older generation, with a
   * warning; a wrong passphrase does not (an older generation would only hide the mistake).
   */
  async openFirst<T extends OpenedVault | OpenedSeeds>(candidates: readonly ArtefactRead[], open: (bytes: Uint8Array) => Promise<T>, warnings: string[]): Promise<{ opened: T; read: ArtefactRead }> {
    let lastError: unknown;
    for (const candidate of candidates) {
      try {
        const opened = await open(candidate.bytes);
        warnings.push(...candidate.warnings);
        return { opened, read: candidate };
      } catch (error) {
        if (!(error instanceof StrongroomError) || error.code === ErrorCode.KdbxWrongPassphrase) throw error;
        lastError = error;
      }
    }
    throw lastError;
  }
}

/** A wrong passphrase says which half it was, so the screen wipes only that field and shows the error beside it. */
export async function naming<T>(half: MediumRole, opening: Promise<T>): Promise<T> {
  try {
    return await opening;
  } catch (error) {
    if (error instanceof StrongroomError && error.code === ErrorCode.KdbxWrongPassphrase) throw new StrongroomError(error.code, error.message, { ...error.details, half });
    throw error;
  }
}
