import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditDetails } from '../core/audit-chain';
import { describeIdentity } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';
import {
  buildMediumReadme,
  MANIFEST_FILE,
  MEDIUM_DIR,
  README_FILE,
  ROLE_ARTEFACT,
  serialiseMediumManifest,
  withArtefact,
  type MediumManifest,
  type MediumRole,
} from '../core/medium-manifest';
import { decideSeparation, describePartition, separationRefusedError, type SeparationDecision } from '../core/separation-policy';
import type { Catalog } from '../catalog/catalog';
import type { MediumRecord } from '../catalog/media-store';
import { sha256Hex, writeFileAtomically } from '../platform/atomic-file-writer';
import type { Clock } from '../platform/clock';
import { isOfferable, type DriveEnumerator, type DriveInfo, type PartitionInfo } from '../platform/drive-enumerator';
import type { DriveEjector, EjectReport } from '../platform/eject';
import { scanDevice, type MediumScan } from '../platform/medium-scanner';
import type { KioskSession } from './kiosk-session';

export const AUDIT_COPY_FILE = 'audit.jsonl';

export interface MediaPorts {
  readonly drives: DriveEnumerator;
  readonly ejector: DriveEjector;
}

/** A drive as the Media screen and `strongroom drives` show it. */
export interface InsertedMedium {
  readonly drive: DriveInfo;
  readonly scan: MediumScan;
  /** The Strongroom label found on the stick, with the partition that carries it. */
  readonly manifest: MediumManifest | null;
  readonly home: { readonly partition: PartitionInfo; readonly mountpoint: string } | null;
  readonly catalogRecord: MediumRecord | null;
}

export interface LabelRequest {
  readonly devicePath: string;
  readonly role: MediumRole;
  /** Defaults to the next free id for the role (VAULT-03). */
  readonly mediumId?: string;
  readonly location: { readonly kind: 'onsite' | 'offsite'; readonly note: string };
}

export interface ArtefactWriteReceipt {
  readonly mediumId: string;
  readonly artefact: string;
  readonly generation: number;
  readonly sha256: string;
  readonly size: number;
}

/**
 * Everything that touches a stick goes through here: labelling, writing an artefact, copying the audit trail,
 * wiping and ejecting. The separation policy is decided from a fresh scan of the whole physical device each
 * time, at label time and again immediately before every write, never from a cached answer.
 */
export class MediaDesk {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
    private readonly ports: MediaPorts,
  ) {}

  get practice(): boolean {
    return this.ports.drives.implementation === 'simulated';
  }

  get allowances(): readonly string[] {
    return this.ports.drives.allowances;
  }

  /** Every offerable drive, scanned. A drive that cannot be scanned is still listed, with what went wrong. */
  async inserted(): Promise<InsertedMedium[]> {
    const drives = (await this.ports.drives.list()).filter(isOfferable);
    return Promise.all(drives.map((drive) => this.inspect(drive)));
  }

  async find(devicePath: string): Promise<InsertedMedium> {
    const drives = (await this.ports.drives.list()).filter(isOfferable);
    const drive = drives.find((d) => d.devicePath === devicePath || d.partitions.some((p) => p.devicePath === devicePath || p.mountpoints.includes(devicePath)));
    if (!drive) {
      throw new StrongroomError(
        ErrorCode.MediumNotFound,
        `No usable stick is inserted at ${devicePath}. Check that the stick is plugged in and shows on the Media screen.`,
        { devicePath },
      );
    }
    return this.inspect(drive);
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
    const scan = await scanDevice(drive);
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

  async label(request: LabelRequest): Promise<InsertedMedium> {
    const custodian = this.session.requireCustodian();
    const medium = await this.find(request.devicePath);
    const subject = request.mediumId ?? medium.drive.devicePath;
    this.refuseIfReadOnly(medium, 'label');

    const decision = this.decide(medium, request.role);
    if (decision.verdict === 'refused') {
      this.audit('medium.label-refused', subject, medium, { role: request.role, reasons: decision.reasons.map((r) => r.why).join(' | ') });
      throw separationRefusedError(request.role, decision);
    }
    if (medium.manifest || medium.catalogRecord) {
      const existing = medium.manifest?.mediumId ?? medium.catalogRecord?.mediumId;
      throw new StrongroomError(
        ErrorCode.MediumAlreadyLabelled,
        `This stick is already ${request.role} medium ${existing}. A labelled stick keeps its role and id; to reuse it, wipe it first (that needs your confirmation).`,
        { mediumId: existing ?? '' },
      );
    }
    if (!medium.home) {
      throw new StrongroomError(ErrorCode.MediumNotMounted, 'The stick has no mounted, formatted partition to write the label on. Format it (exFAT or FAT32) and insert it again.');
    }

    const mediumId = request.mediumId ?? this.catalog.media.nextMediumId(request.role);
    const taken = this.catalog.media.get(mediumId);
    if (taken) {
      throw new StrongroomError(ErrorCode.MediumIdTaken, `The id ${mediumId} already belongs to another stick (labelled ${taken.labelledAt.slice(0, 10)} by ${taken.labelledBy}). Choose another id.`, {
        mediumId,
      });
    }
    const now = this.clock.now().toISOString();
    const manifest: MediumManifest = {
      formatVersion: 1,
      mediumId,
      role: request.role,
      device: medium.drive.identity,
      location: { kind: request.location.kind, note: request.location.note.trim() },
      createdBy: custodian,
      createdAt: now,
      practice: medium.drive.practice,
      artefacts: [],
    };
    // Validates the id and role pairing before anything touches the stick.
    const manifestText = serialiseMediumManifest(manifest);
    const dir = await this.ensureMediumDir(medium.home.mountpoint);
    const where = this.where(medium, mediumId);
    await writeFileAtomically(dir, README_FILE, Buffer.from(buildMediumReadme(manifest, { organisation: 'the security team', contacts: [] })), {
      keepPrevious: false,
      mountPoint: this.mountPointFor(medium),
      where,
    });
    await writeFileAtomically(dir, MANIFEST_FILE, Buffer.from(manifestText), { keepPrevious: false, mountPoint: this.mountPointFor(medium), where });
    this.catalog.media.insert({
      mediumId,
      role: request.role,
      identity: medium.drive.identity,
      location: manifest.location,
      practice: medium.drive.practice,
      labelledBy: custodian,
      labelledAt: now,
    });
    this.audit('medium.labelled', mediumId, medium, { role: request.role, location: request.location.kind, warnings: decision.warnings.length });
    await this.writeAuditCopy(dir, medium, mediumId);
    return this.find(request.devicePath);
  }

  /**
   * Removes Strongroom's own files from a stick and retires its catalog record, so it can be labelled again.
   * The custodian must type the medium id: wiping the wrong stick can destroy the last good replica.
   */
  async wipe(devicePath: string, confirmMediumId: string): Promise<InsertedMedium> {
    this.session.requireCustodian();
    const medium = await this.find(devicePath);
    const mediumId = medium.manifest?.mediumId ?? medium.catalogRecord?.mediumId;
    if (!mediumId) {
      throw new StrongroomError(ErrorCode.MediumNotLabelled, 'This stick has no Strongroom label, so there is nothing to wipe. Label it instead.');
    }
    if (confirmMediumId.trim().toUpperCase() !== mediumId) {
      throw new StrongroomError(ErrorCode.ConfirmationRequired, `To wipe this stick, type its id exactly: ${mediumId}.`, { mediumId });
    }
    this.refuseIfReadOnly(medium, 'wipe');
    if (medium.home) await rm(join(medium.home.mountpoint, MEDIUM_DIR), { recursive: true, force: true });
    if (medium.catalogRecord) this.catalog.media.retire(medium.catalogRecord.mediumId, this.clock.now().toISOString());
    this.audit('medium.wiped', mediumId, medium, { role: medium.manifest?.role ?? medium.catalogRecord?.role ?? 'unknown' });
    return this.find(devicePath);
  }

  /**
   * Writes one artefact generation to a labelled stick: separation re-checked from a fresh scan, atomic write
   * with read-back, manifest updated last, catalog and audit recorded, audit copy refreshed.
   */
  async writeArtefact(devicePath: string, role: MediumRole, bytes: Uint8Array, generation: number): Promise<ArtefactWriteReceipt> {
    const custodian = this.session.requireCustodian();
    const medium = await this.find(devicePath);
    const artefact = ROLE_ARTEFACT[role];
    const subject = medium.manifest?.mediumId ?? medium.drive.devicePath;

    // The policy runs again here, on a scan made a moment ago: the stick may have changed since it was labelled.
    const decision = this.decide(medium, role);
    if (decision.verdict === 'refused') {
      this.audit('artefact.write-refused', subject, medium, { role, artefact, reasons: decision.reasons.map((r) => r.why).join(' | ') });
      throw separationRefusedError(role, decision);
    }
    const manifest = this.requireLabelled(medium, role);
    this.refuseIfReadOnly(medium, 'write');
    const dir = join(medium.home!.mountpoint, MEDIUM_DIR);
    const where = this.where(medium, manifest.mediumId);

    let result;
    try {
      result = await writeFileAtomically(dir, artefact, bytes, { keepPrevious: true, mountPoint: this.mountPointFor(medium), where });
    } catch (error) {
      const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
      this.audit('artefact.write-failed', manifest.mediumId, medium, { role, artefact, generation, error: code });
      throw error;
    }
    const now = this.clock.now().toISOString();
    const updated = withArtefact(manifest, { name: artefact, generation, sha256: result.sha256, size: result.size, writtenAt: now, writtenBy: custodian });
    await writeFileAtomically(dir, MANIFEST_FILE, Buffer.from(serialiseMediumManifest(updated)), { keepPrevious: false, mountPoint: this.mountPointFor(medium), where });
    this.catalog.media.recordWrite({
      mediumId: manifest.mediumId,
      artefact,
      generation,
      sha256: result.sha256,
      sizeBytes: result.size,
      writtenBy: custodian,
      writtenAt: now,
    });
    this.audit('artefact.written', manifest.mediumId, medium, { role, artefact, generation, sha256: result.sha256 });
    await this.writeAuditCopy(dir, medium, manifest.mediumId);
    return { mediumId: manifest.mediumId, artefact, generation, sha256: result.sha256, size: result.size };
  }

  /**
   * Saves a printed document (PDF) on a labelled stick of the given role, e.g. the paper seed backup on a seed
   * stick or the vault's emergency sheet on a vault stick. The separation policy is checked for that role from a
   * fresh scan first: a document holding seeds must never reach a vault stick.
   */
  async saveDocument(devicePath: string, role: MediumRole, fileName: string, bytes: Uint8Array, what: string): Promise<{ mediumId: string; path: string; sha256: string }> {
    this.session.requireCustodian();
    const medium = await this.find(devicePath);
    const decision = this.decide(medium, role);
    if (decision.verdict === 'refused') {
      this.audit('document.save-refused', medium.manifest?.mediumId ?? medium.drive.devicePath, medium, { document: what, role });
      throw separationRefusedError(role, decision);
    }
    const manifest = this.requireLabelled(medium, role);
    this.refuseIfReadOnly(medium, 'write');
    const dir = join(medium.home!.mountpoint, MEDIUM_DIR);
    const result = await writeFileAtomically(dir, fileName, bytes, { keepPrevious: false, mountPoint: this.mountPointFor(medium), where: this.where(medium, manifest.mediumId) });
    this.audit('document.saved', manifest.mediumId, medium, { document: what, file: fileName, sha256: result.sha256 });
    return { mediumId: manifest.mediumId, path: `${MEDIUM_DIR}/${fileName}`, sha256: result.sha256 };
  }

  /**
   * Reads the current artefact from a labelled stick and checks it against the catalog's last verified write:
   * replication copies only bytes that are known good.
   */
  async readVerifiedArtefact(devicePath: string, role: MediumRole): Promise<{ bytes: Uint8Array; generation: number; mediumId: string }> {
    const medium = await this.find(devicePath);
    const manifest = this.requireLabelled(medium, role);
    const artefact = ROLE_ARTEFACT[role];
    const last = this.catalog.media.lastWrite(manifest.mediumId, artefact);
    if (!last) {
      throw new StrongroomError(ErrorCode.MediumNotLabelled, `${manifest.mediumId} holds no ${artefact} written by this kiosk yet.`, { mediumId: manifest.mediumId });
    }
    const bytes = await readFile(join(medium.home!.mountpoint, MEDIUM_DIR, artefact));
    if (sha256Hex(bytes) !== last.sha256) {
      throw new StrongroomError(
        ErrorCode.WriteNotVerified,
        `${artefact} on ${manifest.mediumId} has changed since it was written (generation ${last.generation}). Do not copy from this stick; run a verification.`,
        { mediumId: manifest.mediumId },
      );
    }
    return { bytes, generation: last.generation, mediumId: manifest.mediumId };
  }

  /** Copies the newest verified generation from one stick of a role to another stick of the same role. */
  async replicate(fromDevicePath: string, toDevicePath: string, role: MediumRole): Promise<ArtefactWriteReceipt> {
    const source = await this.readVerifiedArtefact(fromDevicePath, role);
    return this.writeArtefact(toDevicePath, role, source.bytes, source.generation);
  }

  async eject(devicePath: string): Promise<EjectReport> {
    this.session.requireCustodian();
    const medium = await this.find(devicePath);
    const report = await this.ports.ejector.eject(medium.drive);
    this.audit('medium.ejected', medium.manifest?.mediumId ?? medium.drive.devicePath, medium, { safeToRemove: report.safeToRemove });
    return report;
  }

  private requireLabelled(medium: InsertedMedium, role: MediumRole): MediumManifest {
    const manifest = medium.manifest;
    if (!manifest || !medium.home) {
      throw new StrongroomError(ErrorCode.MediumNotLabelled, `This stick is not labelled yet. Label it as a ${role} medium first.`);
    }
    if (manifest.role !== role) {
      throw new StrongroomError(ErrorCode.SeparationRefused, `This stick is ${manifest.role} medium ${manifest.mediumId}; it never takes ${role === 'vault' ? 'the vault' : 'seeds'}. Use a ${role} stick.`, {
        mediumId: manifest.mediumId,
      });
    }
    const record = medium.catalogRecord;
    if (!record || record.mediumId !== manifest.mediumId) {
      throw new StrongroomError(
        ErrorCode.MediumUnknownToCatalog,
        `The stick says it is ${manifest.mediumId}, but this kiosk's catalog does not know it as this device (${describeIdentity(medium.drive.identity)}). It may be a copy or a swapped stick: do not use it, and tell your security lead.`,
        { mediumId: manifest.mediumId },
      );
    }
    return manifest;
  }

  private refuseIfReadOnly(medium: InsertedMedium, what: 'label' | 'write' | 'wipe'): void {
    const home = medium.home?.partition;
    if (medium.drive.readOnly || home?.readOnly) {
      throw new StrongroomError(
        ErrorCode.MediumReadOnly,
        `This stick is read-only, so Strongroom cannot ${what} it. Slide its write-protect switch off (if it has one) and insert it again, or use another stick.`,
        { devicePath: medium.drive.devicePath },
      );
    }
  }

  private async ensureMediumDir(mountpoint: string): Promise<string> {
    const dir = join(mountpoint, MEDIUM_DIR);
    await mkdir(dir, { recursive: true });
    return dir;
  }

  private mountPointFor(medium: InsertedMedium): string | undefined {
    // Practice drives are plain folders, not mount points.
    return medium.drive.practice ? undefined : medium.home?.mountpoint;
  }

  private where(medium: InsertedMedium, mediumId: string): string {
    return `${describePartition(medium.home?.partition.number ?? 0)} of ${mediumId}`;
  }

  /** Every event on a stick says how the stick was identified and whether a lab allowance was in force. */
  private audit(action: string, subject: string, medium: InsertedMedium, details: AuditDetails): void {
    this.session.record({
      action,
      subject,
      details: {
        ...details,
        device: medium.drive.devicePath,
        identitySource: medium.drive.identity.source,
        ...(medium.drive.allowedBy ? { allowance: medium.drive.allowedBy } : {}),
      },
    });
  }

  /** The whole audit chain as JSON lines, so a lost or altered kiosk log can be detected from any medium. */
  private async writeAuditCopy(dir: string, medium: InsertedMedium, mediumId: string): Promise<void> {
    const lines = [...this.catalog.audit.all()].map((event) => JSON.stringify(event)).join('\n');
    await writeFileAtomically(dir, AUDIT_COPY_FILE, Buffer.from(`${lines}\n`), {
      keepPrevious: false,
      mountPoint: this.mountPointFor(medium),
      where: this.where(medium, mediumId),
    });
  }
}
