import type { TokenCheckResult, TokenCheckRow, TokenSighting, TokenSightingHow } from '../core/token-check';
import type { CatalogDb } from './catalog-database';

export interface SightingRecord extends TokenSighting {
  readonly id: number;
  readonly runId: string;
  readonly presentedAt: string;
  readonly presentedBy: string;
}

export interface TokenCheckRecord extends TokenCheckResult {
  readonly runId: string;
  readonly checkedAt: string;
  readonly checkedBy: string;
}

interface SightingRow {
  id: number;
  run_id: string;
  token_id: string | null;
  outcome: TokenSighting['outcome'];
  how: TokenSightingHow;
  described: string;
  why: string | null;
  presented_at: string;
  presented_by: string;
}

interface CheckRow {
  run_id: string;
  outcome: 'passed' | 'failed';
  rows_json: string;
  expected: number;
  presented: number;
  checked_at: string;
  checked_by: string;
}

/**
 * The token step of each verification run: every token presented (kept per run, so an interrupted run resumes
 * with what was already shown) and the check once closed. Identifiers and outcomes only.
 */
export class TokenCheckStore {
  constructor(private readonly db: CatalogDb) {}

  addSighting(runId: string, sighting: TokenSighting, at: string, by: string): void {
    this.db
      .prepare('INSERT INTO token_sightings (run_id, token_id, outcome, how, described, why, presented_at, presented_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(runId, sighting.tokenId, sighting.outcome, sighting.how, sighting.described, sighting.why, at, by);
  }

  sightings(runId: string): SightingRecord[] {
    return (this.db.prepare('SELECT * FROM token_sightings WHERE run_id = ? ORDER BY id').all(runId) as SightingRow[]).map((row) => ({
      id: row.id,
      runId: row.run_id,
      tokenId: row.token_id,
      outcome: row.outcome,
      how: row.how,
      described: row.described,
      why: row.why,
      presentedAt: row.presented_at,
      presentedBy: row.presented_by,
    }));
  }

  /** Closing again (a token turned up after the first close) replaces the run's earlier result. */
  saveCheck(runId: string, result: TokenCheckResult, at: string, by: string): void {
    this.db
      .prepare(
        `INSERT INTO token_checks (run_id, outcome, rows_json, expected, presented, checked_at, checked_by) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (run_id) DO UPDATE SET outcome = excluded.outcome, rows_json = excluded.rows_json, expected = excluded.expected,
           presented = excluded.presented, checked_at = excluded.checked_at, checked_by = excluded.checked_by`,
      )
      .run(runId, result.passed ? 'passed' : 'failed', JSON.stringify(result.rows), result.expected, result.presented, at, by);
  }

  /** A token presented after the check was closed reopens it: the stored result no longer says everything. */
  reopen(runId: string): void {
    this.db.prepare('DELETE FROM token_checks WHERE run_id = ?').run(runId);
  }

  check(runId: string): TokenCheckRecord | null {
    const row = this.db.prepare('SELECT * FROM token_checks WHERE run_id = ?').get(runId) as CheckRow | undefined;
    return row ? toCheck(row) : null;
  }

  /** Per token: when a closed check last found it presented and matching (its row passed as present). */
  lastPresentedAt(): Map<string, string> {
    const rows = this.db.prepare('SELECT rows_json, checked_at FROM token_checks ORDER BY checked_at').all() as Pick<CheckRow, 'rows_json' | 'checked_at'>[];
    const last = new Map<string, string>();
    for (const row of rows) for (const r of JSON.parse(row.rows_json) as TokenCheckRow[]) if (r.tokenId && r.status === 'present' && r.passed) last.set(r.tokenId, row.checked_at);
    return last;
  }

  /** The most recent closed token check of any run: when the safe's tokens were last verified. */
  latest(): TokenCheckRecord | null {
    const row = this.db.prepare('SELECT * FROM token_checks ORDER BY checked_at DESC LIMIT 1').get() as CheckRow | undefined;
    return row ? toCheck(row) : null;
  }
}

function toCheck(row: CheckRow): TokenCheckRecord {
  return {
    runId: row.run_id,
    passed: row.outcome === 'passed',
    rows: JSON.parse(row.rows_json) as TokenCheckRow[],
    expected: row.expected,
    presented: row.presented,
    checkedAt: row.checked_at,
    checkedBy: row.checked_by,
  };
}
