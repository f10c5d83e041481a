import type { AuditDetails } from '../core/audit-chain';
import { identityKey } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';
import { locationSentence, mediumIdOf, mediumName, stickRoleOf } from '../core/custody-vocabulary';
import { ROLE_ARTEFACT, type MediumManifest, type MediumRole } from '../core/medium-manifest';
import { decideSeparation, separationRefusedError, type SeparationDecision } from '../core/separation-policy';
import type { Catalog } from '../catalog/catalog';
import type { MediumRecord } from '../catalog/media-store';
import type { Clock } from '../platform/clock';
import { isOfferable, type DriveEnumerator, type DriveInfo } from '../platform/drive-enumerator';
import type { DriveEjector, EjectReport } from '../platform/eject';
import { scanDevice, type KnownArtefact } from '../platform/medium-scanner';
import type { PrintOptions } from '../print/document-inputs';
import type { MediaOverview, MediumCardView } from '../contract/media-views';
import type { InsertedMedium } from './inserted-medium';
import { toMediumCardView } from './media-card';
import { MediumLabelling, type LabelRequest } from './medium-labelling';
import type { KioskSession } from './kiosk-session';
import type { StickArtefacts } from './stick-artefacts';
import { requireLabelledStick } from './stick-identity';

export { AUDIT_COPY_FILE } from './stick-artefacts';

export interface MediaPorts {
  readonly drives: DriveEnumerator;
  readonly ejector: DriveEjector;
}

export type { LabelRequest } from './medium-labelling';

export { mediumIdOf };

/**
 * The sticks: which are inserted, what each is, labelling, wiping and ejecting. The separation policy is decided
 * from a fresh scan of the whole physical device each time, at label time and again immediately before every
 * write (app/write-jobs asks here), never from a cached answer. Labelling is MediumLabelling's, on this desk's
 * readings; the files themselves are read and written by StickArtefacts.
 */
export class MediaDesk {
  private readonly labelling: MediumLabelling;

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
    private readonly ports: MediaPorts,
    private readonly sticks: StickArtefacts,
  ) {
    this.labelling = new MediumLabelling(catalog, session, clock, sticks, {
      find: (devicePath) => this.find(devicePath),
      rescan: (medium) => this.rescan(medium),
      decide: (medium, role) => this.decide(medium, role),
      refuseIfReadOnly: (medium, what) => this.refuseIfReadOnly(medium, what),
      audit: (action, subject, medium, details) => this.audit(action, subject, medium, details),
    });
  }

  get practice(): boolean {
    return this.ports.drives.implementation === 'simulated';
  }

  /** How documents are made here: everything printed while practice media are in use carries the practice mark. */
  get printOptions(): PrintOptions {
    return { practice: this.practice };
  }

  get allowances(): readonly string[] {
    return this.ports.drives.allowances;
  }

  /** Every stick labelled here and in service, inserted or not: where it is kept and the generation it holds. */
  inService(): MediaOverview['inService'] {
    return this.catalog.media.list().map((m) => ({
      mediumId: m.mediumId,
      role: m.role,
      location: locationSentence(m.location),
      generation: this.catalog.generations.currentOf(m.mediumId, ROLE_ARTEFACT[m.role])?.generation ?? 0,
    }));
  }

  /**
   * The sticks as the Media screen and `strongroom drives` list them: a card for every inserted drive, every
   * stick in service, and the settings that apply to them.
   */
  async overview(): Promise<Omit<MediaOverview, 'version'>> {
    return {
      practice: this.practice,
      allowances: this.allowances,
      media: (await this.inserted()).map((medium) => this.card(medium)),
      inService: this.inService(),
      keptGenerations: this.keptGenerations(),
    };
  }

  /** One inserted stick as its card shows it, with what it may take decided from this scan. */
  card(medium: InsertedMedium): MediumCardView {
    return toMediumCardView(medium, (m, role) => this.decide(m, role), this.catalog);
  }

  /** How many generations of its artefact each stick keeps (set on the Media screen, applied by every write). */
  keptGenerations(): number {
    return this.catalog.settings.read().keptGenerations;
  }

  /** Every offerable drive, scanned. A drive that cannot be scanned is still listed, with what went wrong. */
  async inserted(): Promise<InsertedMedium[]> {
    const drives = (await this.ports.drives.list()).filter(isOfferable);
    return Promise.all(drives.map((drive) => this.inspect(drive)));
  }

  async find(devicePath: string): Promise<InsertedMedium> {
    const [medium] = await this.findEach([devicePath]);
    return medium!;
  }

  /**
   * Several sticks from one reading of the drives (one lsblk/blkid pass, not one per stick), each scanned at once,
   * side by side: for work that reads two sticks together (break-glass). In the order asked.
   */
  async findEach(devicePaths: readonly string[]): Promise<InsertedMedium[]> {
    const drives = (await this.ports.drives.list()).filter(isOfferable);
    const found = devicePaths.map((devicePath) => {
      const drive = drives.find((d) => d.devicePath === devicePath || d.partitions.some((p) => p.devicePath === devicePath || p.mountpoints.includes(devicePath)));
      if (!drive) {
        throw new StrongroomError(
          ErrorCode.MediumNotFound,
          `No usable stick is inserted at ${devicePath}. Check that the stick is plugged in and shows on the Media screen.`,
          { devicePath },
        );
      }
      return drive;
    });
    return Promise.all(found.map((drive) => this.inspect(drive)));
  }

  /**
   * The same stick's files scanned again, on the drive facts just read: after this desk wrote files to it (the
   * drive's partitions and identity do not change by writing a file), never for a separation decision, which
   * always comes from find().
   */
  private rescan(medium: InsertedMedium): Promise<InsertedMedium> {
    return this.inspect(medium.drive);
  }

  /** A stick named by device path, mount point or medium id (VAULT-02). */
  async locate(reference: string): Promise<InsertedMedium> {
    const id = reference.trim().toUpperCase();
    return /^(VAULT|SEEDS)-\d{2,4}$/.test(id) ? this.findByMediumId(id) : this.find(reference);
  }

  /** The inserted stick carrying this medium id, or null. */
  async insertedByMediumId(mediumId: string): Promise<InsertedMedium | null> {
    return (await this.inserted()).find((m) => m.manifest?.mediumId === mediumId || m.catalogRecord?.mediumId === mediumId) ?? null;
  }

  /** Finds the inserted stick recorded as this medium id. */
  async findByMediumId(mediumId: string): Promise<InsertedMedium> {
    const all = await this.inserted();
    const found = all.find((m) => m.manifest?.mediumId === mediumId || m.catalogRecord?.mediumId === mediumId);
    if (!found) {
      throw new StrongroomError(ErrorCode.MediumNotFound, `Medium ${mediumId} is not inserted. Insert it and wait until it shows on the Media screen.`, {
        mediumId,
      });
    }
    return found;
  }

  private async inspect(drive: DriveInfo): Promise<InsertedMedium> {
    const scan = await scanDevice(drive, { knownArtefacts: this.knownArtefacts() });
    const found = scan.manifests[0];
    const manifest = found?.manifest ?? null;
    let home: InsertedMedium['home'] = null;
    const partitionOf = (number: number) => drive.partitions.find((p) => p.number === number);
    if (found) {
      const partition = partitionOf(found.partition.number);
      if (partition && found.partition.mountpoint) home = { partition, mountpoint: found.partition.mountpoint };
    } else {
      const writable = drive.partitions.find((p) => p.mountpoints.length > 0 && p.filesystem !== null);
      if (writable) home = { partition: writable, mountpoint: writable.mountpoints[0]! };
    }
    return { drive, scan, manifest, home, catalogRecord: this.catalog.media.findByIdentity(drive.identity) ?? null };
  }

  /** What this kiosk wrote, by content, for the scanner to tell its own staged and kept generations from foreign files. */
  private knownArtefacts(): KnownArtefact[] {
    return this.catalog.generations.allWritten().flatMap(({ artefact, generation, sha256 }) => {
      const role = (Object.keys(ROLE_ARTEFACT) as MediumRole[]).find((r) => ROLE_ARTEFACT[r] === artefact);
      return role ? [{ sha256, role, words: `${artefact} generation ${generation}` }] : [];
    });
  }

  /** The separation decision for writing `role` to this stick, from a scan made now. */
  decide(medium: InsertedMedium, role: MediumRole): SeparationDecision {
    const record = medium.catalogRecord;
    return decideSeparation({
      wantedRole: role,
      identity: medium.drive.identity,
      findings: medium.scan.findings,
      catalog: record ? { role: record.role, mediumId: record.mediumId } : null,
    });
  }

  /** Labels a fresh stick for a role; the label path is MediumLabelling's. */
  label(asked: LabelRequest): Promise<InsertedMedium> {
    return this.labelling.label(asked);
  }

  /**
   * Removes Strongroom's own files from a stick and retires its catalog record, so it can be labelled again.
   * The custodian must type the medium id: wiping the wrong stick can destroy the last good replica, so a stick
   * that is the only one in service holding its role's newest generation is refused outright.
   */
  async wipe(devicePath: string, confirmMediumId: string, reason = 'wiped for reuse'): Promise<InsertedMedium> {
    this.session.requireCustodian();
    const held = await this.find(devicePath);
    return this.sticks.exclusive([{ medium: held }], () => this.wipeNow(devicePath, confirmMediumId, reason));
  }

  private async wipeNow(devicePath: string, confirmMediumId: string, reason: string): Promise<InsertedMedium> {
    const custodian = this.session.requireCustodian();
    const medium = await this.find(devicePath);
    const mediumId = mediumIdOf(medium);
    if (!mediumId) {
      throw new StrongroomError(ErrorCode.MediumNotLabelled, 'This stick has no Strongroom label, so there is nothing to wipe. Label it instead.');
    }
    if (confirmMediumId.trim().toUpperCase() !== mediumId) {
      throw new StrongroomError(ErrorCode.ConfirmationRequired, `To wipe this stick, type its id exactly: ${mediumId}.`, { mediumId });
    }
    this.refuseIfReadOnly(medium, 'wipe');
    const record = medium.catalogRecord;
    if (record) this.requireNotLastGoodCopy(record, 'wipe');
    await this.sticks.wipe(medium, mediumId);
    if (record) this.catalog.media.leaveService(record.mediumId, { lifecycle: 'retired', reason, by: custodian, at: this.clock.now().toISOString() });
    this.audit('medium.wiped', mediumId, medium, { role: stickRoleOf(medium) ?? 'unknown', reason });
    return this.find(devicePath);
  }

  /**
   * Refuses to take a stick out of service when no other stick in service holds its role's newest generation:
   * that would leave the newest credentials on no stick at all.
   */
  requireNotLastGoodCopy(record: MediumRecord, what: 'wipe' | 'retire'): void {
    const artefact = ROLE_ARTEFACT[record.role];
    const newest = this.catalog.generations.newestPublished(artefact);
    if (newest === 0) return;
    const holders = this.catalog.generations.holdersOf(artefact, newest).filter((id) => id !== record.mediumId && this.catalog.media.get(id)?.lifecycle === 'active');
    if (holders.length === 0 && this.catalog.generations.holdersOf(artefact, newest).includes(record.mediumId)) {
      throw new StrongroomError(
        ErrorCode.LastGoodCopy,
        `${record.mediumId} is the only stick in service holding ${artefact} generation ${newest}, the newest. Copy it onto another ${record.role} stick first (Media screen, "Copy newest"), then ${what} ${record.mediumId}.`,
        { mediumId: record.mediumId, generation: newest },
      );
    }
  }

  /**
   * Saves a printed document (PDF) on a labelled stick of the given role, e.g. the paper seed backup on a seed
   * stick or the vault's emergency sheet on a vault stick. The separation policy is checked for that role from a
   * fresh scan first: a document holding seeds must never reach a vault stick.
   */
  async saveDocument(devicePath: string, role: MediumRole, fileName: string, bytes: Uint8Array, what: string): Promise<{ mediumId: string; path: string; sha256: string; warnings: string[] }> {
    this.session.requireCustodian();
    const medium = await this.find(devicePath);
    const decision = this.decide(medium, role);
    if (decision.verdict === 'refused') {
      this.audit('document.save-refused', mediumName(medium), medium, { document: what, role });
      throw separationRefusedError(role, decision);
    }
    const manifest = this.requireLabelled(medium, role);
    this.refuseIfReadOnly(medium, 'write');
    const result = await this.sticks.exclusive([{ medium, name: manifest.mediumId }], () => this.sticks.saveDocument(medium, manifest.mediumId, fileName, bytes));
    this.audit('document.saved', manifest.mediumId, medium, { document: what, file: fileName, sha256: result.sha256 });
    const warnings = await this.witnessOn([medium], 'saved document');
    return { mediumId: manifest.mediumId, path: result.path, sha256: result.sha256, warnings };
  }

  async eject(devicePath: string): Promise<EjectReport> {
    this.session.requireCustodian();
    const medium = await this.find(devicePath);
    const report = await this.ports.ejector.eject(medium.drive);
    this.audit('medium.ejected', medium.manifest?.mediumId ?? medium.drive.devicePath, medium, { safeToRemove: report.safeToRemove });
    return report;
  }

  requireLabelled(medium: InsertedMedium, role: MediumRole): MediumManifest {
    return requireLabelledStick(this.catalog, medium, role);
  }

  refuseIfReadOnly(medium: InsertedMedium, what: 'label' | 'write' | 'wipe'): void {
    const home = medium.home?.partition;
    if (medium.drive.readOnly || home?.readOnly) {
      throw new StrongroomError(
        ErrorCode.MediumReadOnly,
        `This stick is read-only, so Strongroom cannot ${what} it. Slide its write-protect switch off (if it has one) and insert it again, or use another stick.`,
        { devicePath: medium.drive.devicePath },
      );
    }
  }

  /**
   * Sticks witness reads too: once the event of a break-glass, a code, a verification, an export or a print is
   * on the kiosk's trail, each labelled stick it touched gets its audit.jsonl brought up to date, through the same
   * extend-only check as a write. A stick that cannot take the copy (write-protected, full, pulled, busy, or a
   * copy the kiosk does not extend) never undoes what was done: the catalog records that its copy is missing,
   * and the returned sentences tell the custodian, one per such stick.
   */
  async witnessOn(sticks: readonly InsertedMedium[], during: string): Promise<string[]> {
    // Each stick's copy is its own file on its own device, under its own lock: they are written side by side.
    // The trail they copy is the same for all, so every copy is taken before any copy-missing event is added.
    // One device named twice (both halves of a break-glass on one stick) takes its copy once: two writers of one
    // stick at a time would refuse each other.
    const devices = new Map(sticks.map((medium) => [identityKey(medium.drive.identity), medium] as const));
    const outcomes = await Promise.all(
      [...devices.values()].map(async (medium) => {
        const mediumId = medium.catalogRecord?.mediumId ?? null;
        if (!mediumId || medium.manifest?.mediumId !== mediumId) return null; // a stick this kiosk does not know keeps no copy of its trail
        try {
          this.refuseIfReadOnly(medium, 'write');
          await this.sticks.exclusive([{ medium, name: mediumId }], () => this.sticks.writeAuditCopy(medium, mediumId));
          return null;
        } catch (error) {
          return { medium, mediumId, code: error instanceof StrongroomError ? error.code : ((error as NodeJS.ErrnoException).code ?? 'UNEXPECTED') };
        }
      }),
    );
    const warnings: string[] = [];
    for (const failed of outcomes) {
      if (!failed) continue;
      const { medium, mediumId, code } = failed;
      this.audit('medium.audit-copy-missing', mediumId, medium, { during, error: code });
      warnings.push(`${mediumId} could not take its copy of the audit trail (${code}), so it does not witness this ${during}; the kiosk's trail holds it. Run Verify on ${mediumId} once it is writable.`);
    }
    return warnings;
  }

  /** Every event on a stick says how the stick was identified and whether a lab allowance was in force. */
  audit(action: string, subject: string, medium: InsertedMedium, details: AuditDetails): void {
    this.session.record({ action, subject, details: { ...details, ...this.sticks.auditDetails(medium) } });
  }
}
