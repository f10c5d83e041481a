import type { MediumVerificationView, RunReportView } from '../../../src-main/contract/verification-views';

/** Where one stick of the run stands, as a drive list shows each drive of a flash job. */
export type StickRunState =
  | { readonly mediumId: string; readonly state: 'waiting' | 'not-verified' }
  | { readonly mediumId: string; readonly state: 'checking'; readonly step: string | null }
  | { readonly mediumId: string; readonly state: 'passed' | 'failed' | 'incomplete'; readonly reason: string | null };

/** "A", "A and B", "A, B and C": medium ids read aloud. */
export function namesInWords(names: readonly string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** Why a stick did not pass, by the names of its checks: failed ones for a failure, unanswered ones otherwise. */
export function outcomeReason(result: MediumVerificationView): string | null {
  if (result.outcome === 'passed') return null;
  const wanted = result.outcome === 'failed' ? 'failed' : 'not-checked';
  const names = [...new Set(result.checks.filter((c) => c.status === wanted).map((c) => c.name))];
  return result.outcome === 'failed' ? names.join(', ') : `not checked: ${names.join(', ')}`;
}

/**
 * Every stick in service in the order the schedule lists it, then any other stick verified in the run (one the
 * schedule does not list any more): each waiting, being checked at a named step, or with its result. `checking`
 * null and `finished`: the run is over, and a stick without a result was not verified in it.
 */
export function stickStates(
  expected: readonly string[],
  done: readonly MediumVerificationView[],
  checking: { readonly mediumId: string; readonly step: string | null } | 'finished' | null,
): StickRunState[] {
  const ids = [...expected, ...done.map((d) => d.mediumId).filter((id) => !expected.includes(id))];
  return ids.map((mediumId): StickRunState => {
    if (checking !== null && checking !== 'finished' && checking.mediumId === mediumId) return { mediumId, state: 'checking', step: checking.step };
    const result = done.find((d) => d.mediumId === mediumId);
    if (result) return { mediumId, state: result.outcome, reason: outcomeReason(result) };
    return { mediumId, state: checking === 'finished' ? 'not-verified' : 'waiting' };
  });
}

/** "2 of 4 sticks done": a stick counts once it has a result in this run, whatever the result. */
export function doneCount(states: readonly StickRunState[]): string {
  const finished = states.filter((s) => s.state === 'passed' || s.state === 'failed' || s.state === 'incomplete').length;
  return `${finished} of ${states.length} stick${states.length === 1 ? '' : 's'} done`;
}

/**
 * The finish message names what did not pass: "SEEDS-02 and VAULT-03 failed: SEEDS-02 (Opens with the
 * passphrase); VAULT-03 (Content unchanged)." A stick in service that was never checked in the run is named too,
 * so a run that skipped a stick does not read as "every stick passed".
 */
export function finishSummary(report: RunReportView, expected: readonly string[]): { readonly allWell: boolean; readonly sentence: string } {
  const failed = report.media.filter((m) => m.outcome === 'failed');
  const incomplete = report.media.filter((m) => m.outcome === 'incomplete');
  const skipped = expected.filter((id) => !report.media.some((m) => m.mediumId === id));
  const parts: string[] = [];
  const detail = (list: readonly MediumVerificationView[]) => list.map((m) => `${m.mediumId} (${outcomeReason(m)})`).join('; ');
  if (failed.length) parts.push(`${namesInWords(failed.map((m) => m.mediumId))} failed: ${detail(failed)}.`);
  if (incomplete.length) parts.push(`${namesInWords(incomplete.map((m) => m.mediumId))} ${incomplete.length === 1 ? 'is' : 'are'} incomplete: ${detail(incomplete)}.`);
  if (report.tokens && !report.tokens.passed) {
    const bad = report.tokens.rows.filter((r) => !r.passed).map((r) => r.tokenId ?? r.token);
    parts.push(`The token check failed: ${namesInWords(bad)}.`);
  }
  if (skipped.length) parts.push(`${namesInWords(skipped)} ${skipped.length === 1 ? 'was' : 'were'} not verified in this run.`);
  if (parts.length === 0 && report.allPassed) {
    const sticks = report.media.length ? `every stick passed (${report.media.length})` : 'no stick was verified';
    return { allWell: true, sentence: `${sticks}${report.tokens ? `, and every token of the safe was presented (${report.tokens.presented})` : ''}.` };
  }
  return { allWell: false, sentence: parts.length ? parts.join(' ') : 'not every check passed; see each result below.' };
}
