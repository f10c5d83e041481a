import type { Catalog } from '../catalog/catalog';
import type { VerificationCheck, VerificationOutcome, VerificationRecord } from '../catalog/media-store';
import { ErrorCode, StrongroomError } from '../core/errors';
import { locationSentence } from '../core/custody-vocabulary';
import type { MediumRole } from '../core/medium-manifest';

const ACTIVE_RUN_KEY = 'verification.activeRun';
/** Per medium of the run in progress, why its stick holds no copy of the trail's record of its verification. */
const WITNESS_WARNINGS_KEY = 'verification.witnessWarnings';
interface RunWitnessWarnings {
  readonly runId: string;
  readonly byMedium: Readonly<Record<string, readonly string[]>>;
}

export interface VerificationRun {
  readonly runId: string;
  readonly startedAt: string;
  readonly startedBy: string;
}

export interface MediumVerification {
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly location: string;
  readonly outcome: VerificationOutcome;
  readonly checks: readonly VerificationCheck[];
  readonly verifiedAt: string;
  readonly nextDueAt: string | null;
  /** Why the stick could not take its copy of the audit trail after this check (empty when it did). */
  readonly witnessWarnings: readonly string[];
}

/**
 * The run in progress and its results, kept in the catalog's settings (not in memory) so a run survives a
 * restart of the kiosk and resumes where it stopped.
 */
export class VerificationRuns {
  constructor(private readonly catalog: Catalog) {}

  active(): VerificationRun | null {
    return this.catalog.settings.readValue<VerificationRun>(ACTIVE_RUN_KEY) ?? null;
  }

  begin(run: VerificationRun): void {
    this.catalog.settings.writeValue(ACTIVE_RUN_KEY, run);
  }

  /** The run closes: what was kept beside it goes too. */
  end(): void {
    this.catalog.settings.deleteValue(ACTIVE_RUN_KEY);
    this.catalog.settings.deleteValue(WITNESS_WARNINGS_KEY);
  }

  require(runId: string): VerificationRun {
    const run = this.active();
    if (!run || run.runId !== runId) {
      throw new StrongroomError(ErrorCode.VerificationRunNotFound, 'That verification run is not in progress. Start a verification again.');
    }
    return run;
  }

  /** The latest result for each medium verified in the run. */
  resultsOf(runId: string): MediumVerification[] {
    const latest = new Map<string, VerificationRecord>();
    for (const record of this.catalog.media.verificationsOfRun(runId)) latest.set(record.mediumId, record);
    return [...latest.values()].map((r) => this.toResult(r.mediumId, r));
  }

  /**
   * Kept beside the run (not only returned) so the screen reopened, the finish and the report still show which
   * stick does not witness its own check; the latest check of a medium replaces what an earlier one left.
   */
  keepWitnessWarnings(runId: string, mediumId: string, warnings: readonly string[]): void {
    const kept = this.catalog.settings.readValue<RunWitnessWarnings>(WITNESS_WARNINGS_KEY);
    const byMedium = kept?.runId === runId ? { ...kept.byMedium } : {};
    byMedium[mediumId] = warnings;
    this.catalog.settings.writeValue(WITNESS_WARNINGS_KEY, { runId, byMedium } satisfies RunWitnessWarnings);
  }

  toResult(mediumId: string, record: VerificationRecord): MediumVerification {
    const medium = this.catalog.media.get(mediumId);
    return {
      mediumId,
      role: medium?.role ?? 'vault',
      location: medium ? locationSentence(medium.location, { capitalised: true }) : '',
      outcome: record.outcome,
      checks: record.checks,
      verifiedAt: record.verifiedAt,
      nextDueAt: record.nextDueAt,
      witnessWarnings: this.witnessWarningsOf(record.runId, mediumId),
    };
  }

  private witnessWarningsOf(runId: string, mediumId: string): readonly string[] {
    const kept = this.catalog.settings.readValue<RunWitnessWarnings>(WITNESS_WARNINGS_KEY);
    return kept?.runId === runId ? (kept.byMedium[mediumId] ?? []) : [];
  }
}
