import type { AuditDetails } from '../core/audit-chain';
import { mediumIdOf, ROLE_FACTS } from '../core/custody-vocabulary';
import { ErrorCode, StrongroomError } from '../core/errors';
import { requireLocationNote } from '../core/medium-location';
import type { MediumManifest, MediumRole } from '../core/medium-manifest';
import { separationRefusedError, type SeparationDecision } from '../core/separation-policy';
import type { Catalog } from '../catalog/catalog';
import type { Clock } from '../platform/clock';
import type { InsertedMedium } from './inserted-medium';
import type { KioskSession } from './kiosk-session';
import type { StickArtefacts } from './stick-artefacts';

/**
 * Labelling a stick: under the stick's lock, a fresh reading of it, the separation decision for its role, its
 * medium.json and catalog record, the audit event and the stick's first copy of the trail. The media desk finds
 * and scans the sticks and delegates here; this module never imports it, so the two cannot form a cycle.
 */

export interface LabelRequest {
  readonly devicePath: string;
  readonly role: MediumRole;
  /** Defaults to the next free id for the role (VAULT-03). */
  readonly mediumId?: string;
  readonly location: { readonly kind: 'onsite' | 'offsite'; readonly note: string };
}

/** What labelling asks of the desk that reads the sticks: every answer comes from a scan made when asked. */
export interface StickReadings {
  find(devicePath: string): Promise<InsertedMedium>;
  /** The same stick's files scanned again after this job wrote to it. */
  rescan(medium: InsertedMedium): Promise<InsertedMedium>;
  decide(medium: InsertedMedium, role: MediumRole): SeparationDecision;
  refuseIfReadOnly(medium: InsertedMedium, what: 'label'): void;
  audit(action: string, subject: string, medium: InsertedMedium, details: AuditDetails): void;
}

export class MediumLabelling {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
    private readonly sticks: StickArtefacts,
    private readonly readings: StickReadings,
  ) {}

  async label(asked: LabelRequest): Promise<InsertedMedium> {
    this.session.requireCustodian();
    const request = asked.mediumId === undefined ? asked : { ...asked, mediumId: requireMediumIdOfRole(asked.mediumId, asked.role) };
    const medium = await this.readings.find(request.devicePath);
    return this.sticks.exclusive([{ medium, name: request.mediumId ?? medium.drive.devicePath }], () => this.labelNow(request));
  }

  /** Decided again under the lock, from a reading taken now: the stick may have changed while the lock was awaited. */
  private async labelNow(request: LabelRequest): Promise<InsertedMedium> {
    const custodian = this.session.requireCustodian();
    const medium = await this.readings.find(request.devicePath);
    const subject = request.mediumId ?? medium.drive.devicePath;
    this.readings.refuseIfReadOnly(medium, 'label');

    const decision = this.readings.decide(medium, request.role);
    if (decision.verdict === 'refused') {
      this.readings.audit('medium.label-refused', subject, medium, { role: request.role, reasons: decision.reasons.map((r) => r.why).join(' | ') });
      throw separationRefusedError(request.role, decision);
    }
    if (medium.manifest || medium.catalogRecord) {
      const existing = mediumIdOf(medium);
      throw new StrongroomError(
        ErrorCode.MediumAlreadyLabelled,
        `This stick is already ${request.role} medium ${existing}. A labelled stick keeps its role and id; to reuse it, wipe it first (that needs your confirmation).`,
        { mediumId: existing ?? '' },
      );
    }
    if (!medium.home) {
      throw new StrongroomError(ErrorCode.MediumNotMounted, 'The stick has no mounted, formatted partition to write the label on. Format it (exFAT or FAT32) and insert it again.');
    }
    const location = requireLocationNote(request.location);

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
      location,
      createdBy: custodian,
      createdAt: now,
      practice: medium.drive.practice,
      artefacts: [],
    };
    await this.sticks.writeLabel(medium, manifest);
    this.catalog.media.insert({
      mediumId,
      role: request.role,
      identity: medium.drive.identity,
      location: manifest.location,
      practice: medium.drive.practice,
      labelledBy: custodian,
      labelledAt: now,
    });
    this.readings.audit('medium.labelled', mediumId, medium, { role: request.role, location: location.kind, warnings: decision.warnings.length });
    const labelled = await this.readings.rescan(medium);
    await this.sticks.writeAuditCopy(labelled, mediumId);
    return this.readings.rescan(labelled);
  }
}

/**
 * A medium id asked for at label time, in its one spelling (VAULT-02). Its prefix must be the stick's role: a
 * vault stick labelled SEEDS-02 would be read by every custodian, list and printed label as a seed stick.
 */
function requireMediumIdOfRole(asked: string, role: MediumRole): string {
  const mediumId = asked.trim().toUpperCase();
  const prefix = ROLE_FACTS[role].mediumIdPrefix;
  if (!new RegExp(`^${prefix}-\\d{2,4}$`).test(mediumId)) {
    throw new StrongroomError(
      ErrorCode.MediumIdNotForRole,
      `"${asked.trim()}" is not an id for ${ROLE_FACTS[role].stick}: its id is ${prefix}- and 2 to 4 digits, such as ${prefix}-02. Correct the id, or leave it out for the next free one. Nothing was written.`,
      { mediumId, role },
    );
  }
  return mediumId;
}
