import type { WriteJobReport } from '../app/write-jobs';
import type { CliContext } from './cli-command';

const STATE_WORDS: Readonly<Record<string, string>> = {
  planned: 'not written',
  refused: 'REFUSED',
  staged: 'staged',
  committed: 'committed',
  failed: 'PENDING',
  'left-behind': 'left behind',
};

/**
 * A write job as the terminal shows it: one line per stick by medium id, what lags behind, and a summary.
 * Returns the exit code: 0 only when every target stick committed the new generation.
 */
export function printWriteJob(context: CliContext, job: WriteJobReport): number {
  if (!context.json) {
    for (const g of job.generations) context.io.out(`${g.artefact} generation ${g.generation}${g.accounts !== null ? ` (${g.accounts} account${g.accounts === 1 ? '' : 's'})` : ''}`);
    for (const stick of job.sticks) context.io.out(`  ${stick.mediumId.padEnd(9)} ${(STATE_WORDS[stick.state] ?? stick.state).padEnd(12)} ${stick.sentence}`);
    // Committed sticks whose audit copy is stale are told on stderr too, so a script does not miss them.
    for (const stick of job.sticks) if (stick.auditCopyMissing) context.io.err(`${stick.mediumId}: AUDIT_COPY_NOT_WRITTEN: the audit copy could not be written; run Verify on this stick.`);
    for (const behind of job.behind) context.io.out(`  ${behind.mediumId} (${behind.location}) ${behind.generation ? `still holds generation ${behind.generation}` : 'holds nothing yet'}: bring it in and copy the newest onto it.`);
    (job.status === 'complete' || job.status === 'nothing-to-write' ? context.io.out : context.io.err)(`${job.jobId ? `${job.jobId}: ` : ''}${job.sentence}`);
  }
  return job.status === 'complete' || job.status === 'nothing-to-write' ? 0 : 1;
}
