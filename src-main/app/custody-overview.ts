import { locationSentence, ROLE_FACTS, type MediumRole } from '../core/custody-vocabulary';
import { ErrorCode } from '../core/errors';
import { ROLE_ARTEFACT } from '../core/artefact-files';
import { lostMediumAdvice } from '../core/medium-lifecycle';
import { formatInstant } from '../core/instant-format';
import type { Catalog } from '../catalog/catalog';
import type { Clock } from '../platform/clock';
import { exposureSentence, type CredentialExposures } from './credential-exposures';
import type { PrintDesk } from './print-desk';
import { tokenSchedule } from './token-verification';
import type { WriteJobs } from './write-jobs';

export type CustodyAlertKind =
  | 'pending-write'
  | 'write-cut-off'
  | 'pending-rotation'
  | 'medium-lost'
  | 'replica-behind'
  | 'paper-stale'
  | 'custody-incident'
  | 'password-revealed'
  | 'token-overdue'
  | 'tokens-unverified';

export interface CustodyAlert {
  readonly kind: CustodyAlertKind;
  /** 'act': custody is weaker until someone acts; 'note': worth knowing. */
  readonly severity: 'act' | 'note';
  readonly subject: string;
  readonly sentence: string;
  readonly incidentId?: string;
}

/**
 * What needs a custodian's attention beyond the verification schedule, on every screen and in `strongroom due`:
 * open custody incidents, root passwords revealed by break-glass and not rotated since,
 * writes still pending on some stick, rotations waiting for AWS, sticks reported lost (and what to do about
 * them until the role's passphrase has been changed), replicas behind the newest generation, and a paper seed
 * backup older than the seed store, hardware tokens not back in the safe when due, and the safe's tokens not verified
 * within the verification interval (or their last check failed).
 */
export class CustodyOverview {
  constructor(
    private readonly catalog: Catalog,
    private readonly jobs: WriteJobs,
    private readonly print: PrintDesk,
    private readonly exposures: CredentialExposures,
    private readonly clock: Clock,
  ) {}

  alerts(): CustodyAlert[] {
    const alerts: CustodyAlert[] = [];
    // Incidents come first: until resolved, the custody model itself was broken somewhere.
    for (const incident of this.catalog.incidents.unresolved()) {
      alerts.push({ kind: 'custody-incident', severity: 'act', subject: incident.subject, sentence: `Custody incident (${incident.openedAt.slice(0, 10)}): ${incident.sentence}`, incidentId: incident.incidentId });
    }
    const revealed = new Set<string>();
    for (const exposure of this.exposures.open()) {
      // One line per account: the latest showing names who saw it last; the rotation clears them all.
      if (revealed.has(exposure.accountId)) alerts.splice(alerts.findIndex((a) => a.kind === 'password-revealed' && a.subject === exposure.accountId), 1);
      revealed.add(exposure.accountId);
      alerts.push({ kind: 'password-revealed', severity: 'act', subject: exposure.accountId, sentence: exposureSentence(exposure, this.catalog.accounts.get(exposure.accountId)?.name ?? exposure.accountId) });
    }
    // A write cut off with nothing committed, said until a later write ends (nothing is left to do but the change).
    const newest = this.catalog.writeJobs.recent(1)[0];
    if (newest?.status === 'failed' && this.catalog.writeJobs.targets(newest.jobId).some((t) => t.errorCode === ErrorCode.WriteCutOff)) {
      alerts.push({ kind: 'write-cut-off', severity: 'note', subject: newest.jobId, sentence: `Write ${newest.jobId} was cut off (Strongroom was stopped while writing). Nothing of it was committed: every stick keeps its previous generation. Make the change again.` });
    }
    for (const job of this.jobs.pending()) {
      const waiting = job.sticks.filter((s) => s.state !== 'committed' && s.state !== 'left-behind');
      alerts.push({
        kind: 'pending-write',
        severity: 'act',
        subject: job.jobId ?? '',
        sentence: `Write ${job.jobId} is pending: ${waiting.map((s) => `${s.mediumId} lacks ${ROLE_ARTEFACT[s.role]} generation ${s.generation}`).join('; ')}. Insert ${waiting.length === 1 ? 'it' : 'them'} and retry (the same generation is written), or close the write.`,
      });
    }
    for (const rotation of this.catalog.rotations.allOpen()) {
      const name = this.catalog.accounts.get(rotation.accountId)?.name ?? rotation.accountId;
      alerts.push({
        kind: 'pending-rotation',
        severity: 'act',
        subject: rotation.accountId,
        sentence:
          rotation.status === 'pending'
            ? `The ${rotation.what === 'both' ? 'password and MFA seed' : rotation.what === 'password' ? 'password' : 'MFA seed'} rotation of ${name} (${rotation.accountId}), started ${rotation.startedAt.slice(0, 10)}, waits for confirmation: confirm it once AWS accepted the new credential, or cancel it.`
            : `The rotation of ${name} (${rotation.accountId}) is not yet on a stick of each role: retry its pending write.`,
      });
    }
    for (const medium of this.catalog.media.outOfService().filter((m) => m.lifecycle === 'lost')) {
      // The advice stands until the role's passphrase has been changed by a write that finished after the loss.
      const changedSince = this.catalog.writeJobs
        .recent(200)
        .some((j) => j.purpose === 'passphrase-change' && j.status === 'complete' && j.startedAt > (medium.retiredAt ?? '') && this.jobRole(j.jobId) === medium.role);
      if (changedSince) continue;
      alerts.push({ kind: 'medium-lost', severity: 'act', subject: medium.mediumId, sentence: `${medium.mediumId} was reported lost on ${medium.retiredAt?.slice(0, 10) ?? ''} (${medium.lifecycleReason ?? 'no reason given'}). ${lostMediumAdvice(medium.role, medium.mediumId)}` });
    }
    for (const role of ['vault', 'seed'] as const) {
      const artefact = ROLE_ARTEFACT[role];
      const newest = this.catalog.generations.newestPublished(artefact);
      if (newest === 0) continue;
      for (const medium of this.catalog.media.list().filter((m) => m.role === role)) {
        const held = this.catalog.generations.currentOf(medium.mediumId, artefact)?.generation ?? 0;
        if (held < newest) {
          alerts.push({
            kind: 'replica-behind',
            severity: 'note',
            subject: medium.mediumId,
            sentence: `${medium.mediumId} (${locationSentence(medium.location)}) holds ${held ? `generation ${held}` : 'nothing yet'}; the newest ${ROLE_FACTS[role].noun} is generation ${newest}. Bring it in and copy the newest onto it.`,
          });
        }
      }
    }
    const paper = this.print.paperFreshness();
    if (paper.stale && paper.sentence) alerts.push({ kind: 'paper-stale', severity: 'act', subject: 'paper seed backup', sentence: paper.sentence });
    alerts.push(...this.tokenAlerts());
    return alerts;
  }

  private tokenAlerts(): CustodyAlert[] {
    const now = this.clock.now();
    const at = (iso: string) => formatInstant(iso) ?? iso;
    const tokens = this.catalog.tokens.list();
    const alerts: CustodyAlert[] = tokens.flatMap((t) => {
      const out = t.openCheckout;
      if (!out || Date.parse(out.dueAt) >= now.getTime()) return [];
      return [
        {
          kind: 'token-overdue' as const,
          severity: 'act' as const,
          subject: t.tokenId,
          sentence: `${t.tokenId} (${t.model}, serial ${t.serial}) was due back in ${t.location} at ${at(out.dueAt)}: it is checked out to ${out.custodians.join(' and ')} (${out.reason}). Check it in (plug it in, or type its serial) or report it lost.`,
        },
      ];
    });
    const last = this.catalog.tokenChecks.latest();
    if (last && !last.passed) {
      const problems = last.rows.filter((r) => !r.passed).map((r) => r.token);
      alerts.push({ kind: 'tokens-unverified', severity: 'act', subject: 'tokens', sentence: `The last check of the safe's tokens (run ${last.runId}, ${at(last.checkedAt)}) FAILED for ${problems.join(', ')}. Resolve each and verify the tokens again.` });
    }
    // Each token in the safe on its own date, as each stick is: one token skipped in a run is named, not hidden
    // behind a check of the others that passed.
    const intervalDays = this.catalog.settings.read().verificationIntervalDays;
    for (const due of tokenSchedule(this.catalog, now).filter((d) => d.status === 'overdue')) {
      alerts.push({
        kind: 'tokens-unverified',
        severity: 'act',
        subject: due.tokenId,
        sentence: `Token check overdue: ${due.token}, in ${due.location}, was due for its check on ${formatInstant(due.nextDueAt, 'day') ?? due.nextDueAt} (${due.lastVerifiedAt ? `last verified ${at(due.lastVerifiedAt)}` : `never verified; added ${at(due.addedAt)}`}; due every ${intervalDays} days). Present it on the Verify screen, or run strongroom verify --tokens.`,
      });
    }
    return alerts;
  }

  private jobRole(jobId: string): MediumRole | null {
    return this.catalog.writeJobs.targets(jobId)[0]?.role ?? null;
  }
}
