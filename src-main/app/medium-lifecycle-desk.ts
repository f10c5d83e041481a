import { ErrorCode, StrongroomError } from '../core/errors';
import { lostMediumAdvice, MEDIUM_LIFECYCLE_WORDS } from '../core/medium-lifecycle';
import { ROLE_ARTEFACT, type MediumRole } from '../core/medium-manifest';
import { isPlausibleSealSerial, normaliseSealSerial } from '../core/seal-check';
import type { Catalog } from '../catalog/catalog';
import type { MediumRecord } from '../catalog/media-store';
import type { SealOccasion, SealRecord } from '../catalog/seal-log';
import type { Clock } from '../platform/clock';
import type { CustodyWriteReport, CustodyWriter } from './custody-writer';
import type { KioskSession } from './kiosk-session';
import type { MasterKeyInput } from './master-keys';
import { mediumIdOf, type MediaDesk } from './media-desk';
import type { WriteJobReport, WriteJobs } from './write-jobs';

export interface LostReport {
  readonly medium: MediumRecord;
  /** What to do now, in the custodian's words. */
  readonly advice: string;
  /** Set when no stick in service holds the role's newest generation any more. */
  readonly warning: string | null;
}

export interface PassphraseChangeRequest {
  readonly role: MediumRole;
  /** The current master passphrase, or k of the current key cards. */
  readonly currentPassphrase: MasterKeyInput;
  /** A new typed passphrase, or a set of key cards drawn and printed for this change (app/key-card-desk). */
  readonly newPassphrase: string | { readonly newCardSet: string };
  /** A new typed passphrase typed a second time, compared before anything is opened. */
  readonly newPassphraseAgain?: string;
  /** Sticks of the role in service that are not inserted stay behind (they keep the old passphrase until updated). */
  readonly leaveBehind?: boolean;
}

/**
 * A stick's life after labelling: reported lost or destroyed (no stick needed), retired (wiped and recorded),
 * replaced (a new stick takes the newest generation from a twin), sealed in a tamper-evident bag, and the master
 * passphrase of a role changed over every stick of that role.
 */
export class MediumLifecycleDesk {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly jobs: WriteJobs,
    private readonly writer: CustodyWriter,
    private readonly clock: Clock,
  ) {}

  /** Records a stick as lost or destroyed, without it: it no longer counts as a replica, and its role's passphrase should change. */
  reportLost(mediumId: string, reason: string): LostReport {
    const custodian = this.session.requireCustodian();
    const record = this.requireActive(mediumId);
    const why = this.requireReason(reason, 'lost');
    this.catalog.media.leaveService(record.mediumId, { lifecycle: 'lost', reason: why, by: custodian, at: this.clock.now().toISOString() });
    const advice = lostMediumAdvice(record.role, record.mediumId);
    const warning = this.newestWarning(record.role);
    this.session.record({ action: 'medium.reported-lost', subject: record.mediumId, details: { role: record.role, reason: why, ...(warning ? { warning } : {}) } });
    return { medium: this.catalog.media.get(record.mediumId)!, advice, warning };
  }

  /**
   * Takes an inserted stick out of service for good: its Strongroom files are removed and the catalog records it
   * as retired with the reason. The only stick in service holding its role's newest generation is refused.
   */
  async retire(devicePath: string, confirmMediumId: string, reason: string): Promise<MediumRecord> {
    const why = this.requireReason(reason, 'retired');
    const medium = await this.media.locate(devicePath);
    const mediumId = mediumIdOf(medium);
    await this.media.wipe(medium.drive.devicePath, confirmMediumId, `retired: ${why}`);
    return this.catalog.media.get(mediumId ?? confirmMediumId.trim().toUpperCase())!;
  }

  /**
   * A new stick takes the place of one in service (failing, lost, due for replacement): it is labelled with a
   * new id, the same role and location, and gets the newest committed generation copied from a twin, checked,
   * staged, read back and committed. Only then is the old stick recorded as replaced.
   */
  async replace(request: { readonly oldMediumId: string; readonly newDevicePath: string; readonly fromDevicePath?: string; readonly reason: string }): Promise<{ replaced: MediumRecord; replacement: MediumRecord; job: WriteJobReport }> {
    const custodian = this.session.requireCustodian();
    const old = this.requireKnown(request.oldMediumId);
    if (old.lifecycle === 'replaced' || old.lifecycle === 'retired') {
      throw new StrongroomError(ErrorCode.MediumNotInService, `${old.mediumId} is already ${MEDIUM_LIFECYCLE_WORDS[old.lifecycle]}.`, { mediumId: old.mediumId });
    }
    const why = this.requireReason(request.reason, 'replaced');
    const newest = this.catalog.generations.newestPublished(ROLE_ARTEFACT[old.role]);
    const source = request.fromDevicePath ? await this.media.locate(request.fromDevicePath) : null;
    const labelled = await this.media.label({ devicePath: request.newDevicePath, role: old.role, location: old.location });
    const replacementId = labelled.manifest!.mediumId;
    let job: WriteJobReport | null = null;
    if (newest > 0) {
      const from = source ?? (await this.jobs.readNewest(old.role).then(async (read) => (read ? this.media.findByMediumId(read.mediumId) : null)));
      if (!from) throw new StrongroomError(ErrorCode.NewestGenerationMissing, `Insert a ${old.role} stick that holds generation ${newest} to copy from.`);
      job = await this.jobs.replicate(from.drive.devicePath, labelled.drive.devicePath, old.role);
      if (job.status !== 'complete') {
        throw new StrongroomError(
          ErrorCode.WriteIncomplete,
          `${replacementId} was labelled, but the copy of generation ${newest} onto it did not complete (${job.sticks[0]?.sentence ?? job.sentence}). ${old.mediumId} stays in service; copy onto ${replacementId} again from the Media screen.`,
          { mediumId: replacementId },
        );
      }
    }
    if (old.lifecycle === 'active') {
      this.catalog.media.leaveService(old.mediumId, { lifecycle: 'replaced', reason: why, by: custodian, at: this.clock.now().toISOString(), replacedBy: replacementId });
    } else {
      // A lost stick keeps its lost state; the record still says who took over from it.
      this.catalog.media.leaveService(old.mediumId, { lifecycle: old.lifecycle, reason: `${old.lifecycleReason ?? ''}; replaced by ${replacementId}: ${why}`, by: custodian, at: old.retiredAt ?? this.clock.now().toISOString(), replacedBy: replacementId });
    }
    this.session.record({ action: 'medium.replaced', subject: old.mediumId, details: { by: replacementId, role: old.role, reason: why, generation: newest, ...(job?.jobId ? { job: job.jobId } : {}) } });
    return { replaced: this.catalog.media.get(old.mediumId)!, replacement: this.catalog.media.get(replacementId)!, job: job ?? this.noJob() };
  }

  /** Logs the serial of the tamper-evident bag a stick was sealed in (after a write, or resealed). */
  /** Sticks lost, retired or replaced, for the record of what left service and why. */
  outOfService(): MediumRecord[] {
    return this.catalog.media.outOfService();
  }

  recordSeal(mediumId: string, serial: string, occasion: SealOccasion, reference?: string): SealRecord {
    const custodian = this.session.requireCustodian();
    const record = this.requireActive(mediumId);
    const text = serial.trim();
    if (!isPlausibleSealSerial(text)) {
      throw new StrongroomError(ErrorCode.SealSerialInvalid, `"${serial}" does not look like a bag serial: type the 3 to 40 letters and digits printed on the bag.`);
    }
    const previous = this.catalog.seals.latest(record.mediumId);
    if (previous && normaliseSealSerial(previous.serial) === normaliseSealSerial(text)) {
      throw new StrongroomError(ErrorCode.SealSerialReused, `${text} is the serial already logged for ${record.mediumId} (${previous.sealedAt.slice(0, 10)}). A new bag has a new serial: type the one on the new bag.`);
    }
    const seal: SealRecord = { mediumId: record.mediumId, serial: text, occasion, reference: reference ?? null, sealedBy: custodian, sealedAt: this.clock.now().toISOString() };
    this.catalog.seals.record(seal);
    this.session.record({ action: 'medium.sealed', subject: record.mediumId, details: { serial: text, occasion, ...(reference ? { reference } : {}) } });
    return seal;
  }

  /**
   * Re-encrypts a role's artefact under a new master passphrase, as one write job over every stick of that role
   * in service. A stick that is not inserted is refused unless the custodian chooses to leave it behind; it then
   * keeps the old passphrase (and is shown as behind) until the newest generation is copied onto it.
   */
  async changePassphrase(request: PassphraseChangeRequest): Promise<CustodyWriteReport> {
    this.session.requireCustodian();
    if (typeof request.newPassphrase === 'string' && request.newPassphrase !== request.newPassphraseAgain) {
      throw new StrongroomError(ErrorCode.PassphrasesDiffer, `The new ${request.role} master passphrase was typed differently the second time. Nothing was changed: type it twice, exactly the same.`, {
        passphrase: request.role,
        which: 'new',
      });
    }
    const ofRole = this.catalog.media.list().filter((m) => m.role === request.role);
    const inserted = new Set((await this.media.inserted()).map((m) => mediumIdOf(m)).filter((id): id is string => id !== null));
    const absent = ofRole.filter((m) => !inserted.has(m.mediumId)).map((m) => m.mediumId);
    if (absent.length > 0 && !request.leaveBehind) {
      throw new StrongroomError(
        ErrorCode.NoMediumInserted,
        `A passphrase change covers every ${request.role} stick in service, and ${absent.join(', ')} ${absent.length === 1 ? 'is' : 'are'} not inserted. Insert ${absent.length === 1 ? 'it' : 'them'}, or choose to leave ${absent.length === 1 ? 'it' : 'them'} behind (${absent.length === 1 ? 'it keeps' : 'they keep'} the old passphrase until the newest generation is copied over).`,
        { missing: absent.join(', ') },
      );
    }
    const present = ofRole.filter((m) => inserted.has(m.mediumId)).map((m) => m.mediumId);
    const report = await this.writer.write(
      {},
      {
        roles: [request.role],
        purpose: 'passphrase-change',
        note: absent.length ? `left behind: ${absent.join(', ')}` : '',
        newPassphrase: { role: request.role, passphrase: request.newPassphrase },
        ...(request.role === 'vault' ? { vaultPassphrase: request.currentPassphrase, vaultMedia: present } : { seedPassphrase: request.currentPassphrase, seedMedia: present }),
      },
    );
    this.session.record({
      action: 'passphrase.changed',
      subject: request.role,
      details: {
        job: report.job.jobId ?? 'none',
        outcome: report.job.status,
        newKey: typeof request.newPassphrase === 'string' ? 'typed passphrase' : `key cards ${request.newPassphrase.newCardSet}`,
        ...(absent.length ? { leftBehind: absent.join(', ') } : {}),
      },
    });
    return report;
  }

  private requireKnown(mediumId: string): MediumRecord {
    const record = this.catalog.media.get(mediumId.trim().toUpperCase());
    if (!record) throw new StrongroomError(ErrorCode.MediumNotFound, `${mediumId} is not a stick this kiosk labelled. Check the id on the stick's label.`, { mediumId });
    return record;
  }

  private requireActive(mediumId: string): MediumRecord {
    const record = this.requireKnown(mediumId);
    if (record.lifecycle !== 'active') {
      throw new StrongroomError(ErrorCode.MediumNotInService, `${record.mediumId} is already ${MEDIUM_LIFECYCLE_WORDS[record.lifecycle]} (${record.retiredAt?.slice(0, 10) ?? ''}).`, { mediumId: record.mediumId });
    }
    return record;
  }

  private requireReason(reason: string, what: string): string {
    const why = reason.trim();
    if (why.length < 5) throw new StrongroomError(ErrorCode.ReasonTooShort, `Say why the stick is ${what} (a few words); it goes on the audit trail.`);
    return why;
  }

  /** Warns when no stick in service holds the newest generation of a role any more. */
  private newestWarning(role: MediumRole): string | null {
    const artefact = ROLE_ARTEFACT[role];
    const newest = this.catalog.generations.newestPublished(artefact);
    if (newest === 0) return null;
    const holders = this.catalog.generations.holdersOf(artefact, newest).filter((id) => this.catalog.media.get(id)?.lifecycle === 'active');
    return holders.length === 0
      ? `No stick in service holds ${artefact} generation ${newest}, the newest: it is only on lost or retired sticks. The next write needs it; call your security lead.`
      : null;
  }

  private noJob(): WriteJobReport {
    const now = this.clock.now().toISOString();
    return { jobId: null, purpose: 'replace-medium', status: 'nothing-to-write', startedAt: now, startedBy: this.session.requireCustodian(), note: '', generations: [], sticks: [], behind: [], sentence: 'Nothing had been written to this role yet, so there was nothing to copy.' };
  }
}
