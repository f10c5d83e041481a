import { readKdbxPublicHeader } from '../artefacts/kdbx-public-header';
import type { Catalog } from '../catalog/catalog';
import type { VerificationCheck, VerificationOutcome } from '../catalog/media-store';
import { describeIdentity } from '../core/device-identity';
import { ErrorCode, StrongroomError } from '../core/errors';
import { locationSentence, ROLE_FACTS } from '../core/custody-vocabulary';
import { ROLE_ARTEFACT } from '../core/medium-manifest';
import { isPlausibleSealSerial, judgeAnswer, judgeSeal, type CheckStatus, type PhysicalAnswer } from '../core/seal-check';
import { nextDueAt } from '../core/verification-schedule';
import type { Clock } from '../platform/clock';
import type { AirGapGuard } from './air-gap-guard';
import type { KioskSession } from './kiosk-session';
import type { MasterKeyInput, MasterKeys } from './master-keys';
import type { MediaDesk } from './media-desk';
import type { InsertedMedium } from './inserted-medium';
import type { ProgressBoard } from './progress-board';
import type { StickArtefacts } from './stick-artefacts';
import { compareWithCatalog } from './stick-identity';
import { CHECK, checkAccounts, checkHistory, SeedReplicaComparison } from './verification-checks';
import { RunOpenings, type OpenedFacts } from './verification-openings';
import type { MediumVerification, VerificationRuns } from './verification-runs';

/**
 * What the custodian finds when taking the stick out of its bag. Anything not answered stays "not checked": the
 * stick's result is then incomplete, never a stored failure of a check nobody made.
 */
export interface PhysicalChecklist {
  /** The serial printed on the tamper-evident bag, as read off it; null when not read. */
  readonly sealSerial: string | null;
  readonly bagIntact: PhysicalAnswer;
  readonly locationConfirmed: PhysicalAnswer;
  /** The serial of the new bag the stick goes into after this check, to log. */
  readonly newSealSerial?: string | null;
}

/**
 * One stick's check in a verification run: read in full, compared with what the catalog recorded when it was
 * written, opened with its passphrase, compared with its twin replicas and with the kiosk's audit chain, and
 * the custodian's physical answers judged. The result is recorded before the stick takes its audit copy.
 */
export class MediumVerifier {
  /** Replicas opened in each run, so a byte-identical one is not derived again. */
  private readonly openings: RunOpenings;
  /** Seeds compared across the seed sticks of each run. */
  private readonly seedReplicas = new SeedReplicaComparison();

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly media: MediaDesk,
    private readonly clock: Clock,
    private readonly progress: ProgressBoard,
    private readonly airGap: AirGapGuard,
    private readonly sticks: StickArtefacts,
    private readonly keys: MasterKeys,
    private readonly runs: VerificationRuns,
  ) {
    this.openings = new RunOpenings(clock);
    session.onEnd(() => this.openings.forget());
  }

  /** `passphrase`: the role's master passphrase, or k of its key cards. The caller has checked the run. */
  async verify(runId: string, custodian: string, devicePath: string, passphrase: MasterKeyInput, physical: PhysicalChecklist): Promise<MediumVerification> {
    this.airGap.requireIsolation('verify a stick (opens it with its passphrase)');
    let medium: InsertedMedium;
    try {
      medium = await this.media.find(devicePath);
    } catch (error) {
      if (error instanceof StrongroomError) throw error;
      throw new StrongroomError(ErrorCode.MediumUnreadable, `The stick cannot be read at all: ${(error as Error).message}. Try another USB port; if it still fails, this replica is lost and must be replaced.`);
    }
    const manifest = medium.manifest;
    // The stick is checked against the catalog's record of this device (else of the id its label names): a label
    // that is missing, damaged or disagrees is a failed check naming both sides, not an unlabelled stick.
    const identity = compareWithCatalog(this.catalog, medium);
    const record = identity.record ? this.catalog.media.get(identity.record.mediumId) : undefined;
    if (!record) {
      if (!manifest) {
        throw new StrongroomError(ErrorCode.MediumNotLabelled, 'This stick has no Strongroom label, and this kiosk does not know the device, so there is nothing to verify. If it should be a replica, it was swapped: report it.');
      }
      throw new StrongroomError(
        ErrorCode.MediumUnknownToCatalog,
        `medium.json on the stick says it is ${manifest.mediumId} (${ROLE_FACTS[manifest.role].stick}, ${describeIdentity(manifest.device)}); this kiosk's catalog has no ${manifest.mediumId} and does not know this device (${describeIdentity(medium.drive.identity)}). Report it to your security lead.`,
        { mediumId: manifest.mediumId },
      );
    }
    if (!medium.home) throw new StrongroomError(ErrorCode.MediumNotMounted, `${record.mediumId} has no mounted partition to read. Reinsert it.`);
    const role = record.role;
    const artefact = ROLE_ARTEFACT[role];
    const key = await this.keys.resolve(role, passphrase, 'open');
    const checks: VerificationCheck[] = [];
    const add = (name: string, status: CheckStatus, sentence: string) => checks.push({ name, passed: status === 'passed', status, sentence });
    const pass = (name: string, sentence: string) => add(name, 'passed', sentence);
    const fail = (name: string, sentence: string) => add(name, 'failed', sentence);

    return this.progress.run(`Verifying ${record.mediumId}`, 9, async () => {
      // 1. The physical device is the one labelled, not a clone carrying a copied label.
      this.progress.announce('Checking the device identity');
      const mismatches = identity.disagreements.filter((d) => d.field !== 'role');
      if (mismatches.length === 0) {
        pass(CHECK.identity, `This is the device labelled ${record.mediumId} (${describeIdentity(medium.drive.identity)}), and its medium.json says so.`);
      } else {
        fail(CHECK.identity, `This stick is not what it says: ${mismatches.map((d) => d.sentence).join(' ')} The label was copied, edited or the stick swapped: call your security lead.`);
      }
      if (record.lifecycle !== 'active') fail(CHECK.identity, `${record.mediumId} is ${record.lifecycle} (${record.lifecycleReason ?? 'no reason recorded'}); it should not be in service. Tell your security lead it turned up.`);

      this.progress.step('Checking role and separation on every partition');
      const decision = this.media.decide(medium, role);
      const roleMismatch = identity.disagreements.find((d) => d.field === 'role');
      if (roleMismatch) fail(CHECK.role, roleMismatch.sentence);
      else if (decision.verdict === 'refused') fail(CHECK.role, decision.reasons.map((r) => r.why).join(' '));
      else pass(CHECK.role, `A ${role} medium, and no partition holds anything of the other role.`);

      this.progress.step(`Reading every byte of ${artefact} and its kept generations`);
      const inventory = await this.sticks.inventory(medium, role);
      const current = inventory.find((f) => f.state === 'current');
      const last = current?.recorded ?? null;
      let bytes: Uint8Array | null = null;
      if (!last) fail(CHECK.content, `No write of ${artefact} to ${record.mediumId} is recorded on this kiosk, so there is nothing to compare with.`);
      else if (current?.sha256 == null) fail(CHECK.content, `${artefact} cannot be read: ${current?.problem ?? 'missing'}.`);
      else {
        const read = await this.sticks.read(medium, role, 'lenient').catch(() => null);
        bytes = read && read.file === artefact ? read.bytes : null;
        if (current.matches) pass(CHECK.content, `Every byte of ${artefact} read (${current.size} bytes); it matches generation ${last.generation} written ${last.writtenAt.slice(0, 10)} by ${last.writtenBy}.`);
        else fail(CHECK.content, `${artefact} has changed since its last write (generation ${last.generation}, ${last.writtenAt.slice(0, 10)}): its content changed since last write.`);
      }
      if (!bytes && !last) bytes = (await this.sticks.read(medium, role, 'lenient').catch(() => null))?.bytes ?? null;

      this.progress.step(`Opening ${artefact} with the passphrase`);
      this.airGap.recheck('verifying a stick', `opening ${artefact} with its passphrase`);
      const newest = this.catalog.generations.newestPublished(artefact);
      let opened: OpenedFacts | null = null;
      if (bytes) {
        try {
          const twin = this.openings.remembered(runId, bytes, key.text);
          opened = twin?.facts ?? (await this.openings.open(runId, record.mediumId, role, bytes, key.text));
          if (opened.otherEntries?.length) fail(CHECK.seeds, `Entries without a usable seed: ${opened.otherEntries.join(', ')}.`);
          pass(CHECK.opens, twin ? `${artefact} opens with the passphrase given (byte for byte the file ${twin.mediumId} holds, opened with it in this run).` : `${artefact} opens with the passphrase given.`);
        } catch (error) {
          const code = error instanceof StrongroomError ? error.code : 'UNEXPECTED';
          fail(
            CHECK.opens,
            code === ErrorCode.KdbxWrongPassphrase
              ? `The passphrase given does not open ${artefact} (wrong passphrase; this is not a sign of damage). Check it and verify this stick again.`
              : `${artefact} does not open: ${(error as Error).message}`,
          );
        }
      } else fail(CHECK.opens, `${artefact} could not be read, so it was not opened.`);

      this.progress.step('Comparing the generation with the newest written');
      const generation = opened?.generation ?? (bytes ? readKdbxPublicHeader(bytes) : { kdbx: false as const });
      const found = typeof generation === 'number' ? generation : generation.kdbx ? generation.generation : null;
      if (found === null) fail(CHECK.generation, 'The generation could not be read from the file.');
      else if (found === newest) pass(CHECK.generation, `Holds generation ${found}, the newest written.`);
      else if (found < newest) fail(CHECK.generation, `Stale: generation ${found}, newest is ${newest}. Bring the newest copy over from another ${role} stick.`);
      else fail(CHECK.generation, `Holds generation ${found}, newer than any this kiosk wrote (${newest}): it was written elsewhere or rolled back here.`);

      this.progress.step('Comparing the accounts with the catalog');
      if (opened) checkAccounts(this.catalog, role, opened, pass, fail);
      else fail(CHECK.accounts, 'Not checked: the file did not open.');

      if (role === 'seed') {
        this.progress.step('Checking every seed and comparing with the other seed sticks');
        if (opened?.seeds) this.seedReplicas.check(runId, record.mediumId, opened.seeds, pass, fail);
        else fail(CHECK.seeds, 'Not checked: the seed store did not open.');
      }

      this.progress.step('Checking the kept generations');
      checkHistory(artefact, inventory, pass, fail);

      this.progress.step('Comparing the audit copy with the kiosk');
      await this.checkAuditCopy(medium, pass, fail);

      const seal = judgeSeal(this.catalog.seals.latest(record.mediumId) ?? null, physical.sealSerial);
      add(CHECK.seal, seal.status, seal.sentence);
      const bag = judgeAnswer(physical.bagIntact, {
        yes: 'The bag is intact: no cut, tear or lifted seal.',
        no: 'The bag is NOT intact: someone may have had the stick. Call your security lead.',
        unanswered: 'Not checked: nobody said whether the bag is intact.',
      });
      add(CHECK.bag, bag.status, bag.sentence);
      const location = judgeAnswer(physical.locationConfirmed, {
        yes: `It came from its recorded location (${locationSentence(record.location)}).`,
        no: 'It did NOT come from its recorded location. Record where it was, and call your security lead.',
        unanswered: 'Not checked: nobody confirmed where it came from.',
      });
      add(CHECK.location, location.status, location.sentence);

      const outcome: VerificationOutcome = checks.some((c) => c.status === 'failed') ? 'failed' : checks.some((c) => c.status === 'not-checked') ? 'incomplete' : 'passed';
      const verifiedAt = this.clock.now().toISOString();
      const due = outcome === 'passed' ? nextDueAt({ labelledAt: verifiedAt, lastVerifiedAt: verifiedAt }, this.catalog.settings.read().verificationIntervalDays) : null;
      this.catalog.media.recordVerification({ mediumId: record.mediumId, runId, outcome, checks, verifiedBy: custodian, verifiedAt, nextDueAt: due });
      for (const file of inventory) if (file.matches && file.recorded) this.catalog.generations.markVerified(record.mediumId, artefact, file.recorded.generation, verifiedAt);
      this.session.record({
        action: 'verification.medium-checked',
        subject: record.mediumId,
        details: {
          runId,
          outcome,
          failed: checks.filter((c) => c.status === 'failed').map((c) => c.name).join(', '),
          notChecked: checks.filter((c) => c.status === 'not-checked').map((c) => c.name).join(', '),
          seal: physical.sealSerial?.trim() ?? '',
        },
      });
      const newSeal = physical.newSealSerial?.trim();
      if (newSeal) this.recordSeal(record.mediumId, newSeal, runId, custodian, verifiedAt);
      // The stick witnesses its own verification (a copy that failed the check above is left as evidence).
      this.runs.keepWitnessWarnings(runId, record.mediumId, await this.media.witnessOn([medium], 'verification'));
      return this.runs.toResult(record.mediumId, { mediumId: record.mediumId, runId, outcome, checks, verifiedBy: custodian, verifiedAt, nextDueAt: due });
    });
  }

  /** The run is over: its openings and seeds are not kept for comparison any longer. */
  forget(runId: string): void {
    this.seedReplicas.forget(runId);
    this.openings.forget(runId);
  }

  /** Logs the serial of the bag a stick was sealed in after its verification. */
  private recordSeal(mediumId: string, serial: string, runId: string, custodian: string, at: string): void {
    if (!isPlausibleSealSerial(serial)) {
      throw new StrongroomError(ErrorCode.SealSerialInvalid, `"${serial}" does not look like a bag serial (3 to 40 letters and digits). The verification was recorded; log the seal again with the serial as printed on the bag.`);
    }
    this.catalog.seals.record({ mediumId, serial, occasion: 'after-verification', reference: runId, sealedBy: custodian, sealedAt: at });
    this.session.record({ action: 'medium.sealed', subject: mediumId, details: { serial, occasion: 'after-verification', runId } });
  }

  private async checkAuditCopy(medium: InsertedMedium, pass: (n: string, s: string) => void, fail: (n: string, s: string) => void): Promise<void> {
    const mediumId = medium.manifest?.mediumId ?? medium.drive.devicePath;
    let text: string | null;
    try {
      text = await this.sticks.readAuditCopy(medium);
    } catch (error) {
      fail(CHECK.audit, `The audit copy cannot be read (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
      return;
    }
    // The kiosk chain on its own and against every head seen on sticks and reports, then against this stick's copy.
    const kiosk = this.sticks.witness.judgeKiosk();
    const copy = this.sticks.witness.judgeCopy(mediumId, text);
    const problems = [...kiosk.problems, ...(copy.ok ? [] : [copy.sentence])];
    if (problems.length > 0) {
      fail(CHECK.audit, problems.join(' '));
      return;
    }
    if (text === null || !copy.ok || copy.copy === null) {
      fail(CHECK.audit, 'The stick holds no audit copy. Write the stick again so it carries the trail.');
      return;
    }
    pass(CHECK.audit, `The stick's copy holds events 1 to ${copy.copy.seq}, a prefix of the kiosk's ${kiosk.count}${copy.behindBy > 0 ? ' (the stick is behind, as expected since its last write)' : ''}.`);
  }
}
