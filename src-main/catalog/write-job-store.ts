import type { WriteJobPurpose, WriteJobStatus, WriteTargetState } from '../core/write-job';
import type { MediumRole } from '../core/medium-manifest';
import type { CatalogDb } from './catalog-database';

export interface WriteJobRecord {
  readonly jobId: string;
  readonly purpose: WriteJobPurpose;
  readonly status: WriteJobStatus;
  readonly startedBy: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly note: string;
}

export interface WriteTargetRecord {
  readonly jobId: string;
  readonly mediumId: string;
  readonly role: MediumRole;
  readonly artefact: string;
  readonly generation: number;
  readonly sha256: string;
  readonly state: WriteTargetState;
  readonly errorCode: string | null;
  /** What happened on this stick, in a custodian's words. */
  readonly sentence: string;
  readonly updatedAt: string;
}

interface JobRow {
  job_id: string;
  purpose: WriteJobPurpose;
  status: WriteJobStatus;
  started_by: string;
  started_at: string;
  finished_at: string | null;
  note: string;
}

interface TargetRow {
  job_id: string;
  medium_id: string;
  artefact: string;
  generation: number;
  sha256: string;
  state: WriteTargetState;
  error_code: string | null;
  sentence: string;
  updated_at: string;
}

const toJob = (r: JobRow): WriteJobRecord => ({ jobId: r.job_id, purpose: r.purpose, status: r.status, startedBy: r.started_by, startedAt: r.started_at, finishedAt: r.finished_at, note: r.note });
const toTarget = (r: TargetRow): WriteTargetRecord => ({
  jobId: r.job_id,
  mediumId: r.medium_id,
  role: r.artefact === 'vault.kdbx' ? 'vault' : 'seed',
  artefact: r.artefact,
  generation: r.generation,
  sha256: r.sha256,
  state: r.state,
  errorCode: r.error_code,
  sentence: r.sentence,
  updatedAt: r.updated_at,
});

/** Every write job and what it did on each target stick, so a pending job survives a restart of the kiosk. */
export class WriteJobStore {
  constructor(private readonly db: CatalogDb) {}

  create(job: Omit<WriteJobRecord, 'finishedAt'>): void {
    this.db
      .prepare('INSERT INTO write_jobs (job_id, purpose, status, started_by, started_at, note) VALUES (?, ?, ?, ?, ?, ?)')
      .run(job.jobId, job.purpose, job.status, job.startedBy, job.startedAt, job.note);
  }

  get(jobId: string): WriteJobRecord | undefined {
    const row = this.db.prepare('SELECT * FROM write_jobs WHERE job_id = ?').get(jobId) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  setStatus(jobId: string, status: WriteJobStatus, at: string | null): void {
    this.db.prepare('UPDATE write_jobs SET status = ?, finished_at = ? WHERE job_id = ?').run(status, at, jobId);
  }

  /** Jobs with sticks still to commit, oldest first. */
  pending(): WriteJobRecord[] {
    return (this.db.prepare("SELECT * FROM write_jobs WHERE status = 'pending' ORDER BY started_at").all() as JobRow[]).map(toJob);
  }

  /** Jobs the catalog calls running: being written now, or cut off when the process writing them stopped. */
  running(): WriteJobRecord[] {
    return (this.db.prepare("SELECT * FROM write_jobs WHERE status = 'running' ORDER BY started_at").all() as JobRow[]).map(toJob);
  }

  recent(limit: number): WriteJobRecord[] {
    return (this.db.prepare('SELECT * FROM write_jobs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit) as JobRow[]).map(toJob);
  }

  putTarget(target: Omit<WriteTargetRecord, 'role'>): void {
    this.db
      .prepare(
        `INSERT INTO write_job_targets (job_id, medium_id, artefact, generation, sha256, state, error_code, sentence, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (job_id, medium_id, artefact) DO UPDATE SET generation = excluded.generation, sha256 = excluded.sha256, state = excluded.state,
           error_code = excluded.error_code, sentence = excluded.sentence, updated_at = excluded.updated_at`,
      )
      .run(target.jobId, target.mediumId, target.artefact, target.generation, target.sha256, target.state, target.errorCode, target.sentence, target.updatedAt);
  }

  targets(jobId: string): WriteTargetRecord[] {
    return (this.db.prepare('SELECT * FROM write_job_targets WHERE job_id = ? ORDER BY rowid').all(jobId) as TargetRow[]).map(toTarget);
  }
}
