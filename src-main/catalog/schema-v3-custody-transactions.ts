import type { Migration } from './migration';

/**
 * Custody as transactions: generations, write jobs and what each stick holds, so a commit cut short is
 * retried with the same bytes, never turned into a new generation.
 * Released: never edit it; a schema change is a new migration at the end of migrations.ts.
 */
export const SCHEMA_V3_CUSTODY_TRANSACTIONS: Migration = {
  version: 3,
  description: 'custody transactions: generations, write jobs, per-stick files, rotations, seal log, paper backups, lifecycles',
  sql: `
    -- Every generation of an artefact ever prepared, with the accounts it holds (ids only). 'published' once it
    -- is committed on at least one stick; 'abandoned' when no stick took it, so its number may be used again.
    CREATE TABLE artefact_generations (
      id INTEGER PRIMARY KEY,
      artefact TEXT NOT NULL,
      generation INTEGER NOT NULL CHECK (generation >= 1),
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size_bytes INTEGER NOT NULL,
      accounts_json TEXT,
      status TEXT NOT NULL CHECK (status IN ('prepared', 'published', 'abandoned')),
      job_id TEXT,
      created_by TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE UNIQUE INDEX artefact_generations_live ON artefact_generations (artefact, generation) WHERE status <> 'abandoned';

    CREATE TABLE write_jobs (
      job_id TEXT PRIMARY KEY,
      purpose TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'refused', 'failed', 'pending', 'complete', 'closed')),
      started_by TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_at TEXT,
      note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX write_jobs_by_status ON write_jobs (status, started_at);

    CREATE TABLE write_job_targets (
      job_id TEXT NOT NULL REFERENCES write_jobs (job_id),
      medium_id TEXT NOT NULL REFERENCES media (medium_id),
      artefact TEXT NOT NULL,
      generation INTEGER NOT NULL,
      sha256 TEXT NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('planned', 'refused', 'staged', 'committed', 'failed', 'left-behind')),
      error_code TEXT,
      sentence TEXT NOT NULL DEFAULT '',
      updated_at TEXT NOT NULL,
      PRIMARY KEY (job_id, medium_id, artefact)
    );

    -- What each stick holds: its current generation, the history kept beside it, a staged one not yet committed.
    CREATE TABLE medium_files (
      medium_id TEXT NOT NULL REFERENCES media (medium_id),
      artefact TEXT NOT NULL,
      generation INTEGER NOT NULL,
      state TEXT NOT NULL CHECK (state IN ('staged', 'current', 'history')),
      file_name TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size_bytes INTEGER NOT NULL,
      written_by TEXT NOT NULL,
      written_at TEXT NOT NULL,
      verified_at TEXT,
      PRIMARY KEY (medium_id, artefact, generation)
    );

    -- Writes recorded before this migration: each stick's last write is its current generation.
    INSERT INTO medium_files (medium_id, artefact, generation, state, file_name, sha256, size_bytes, written_by, written_at, verified_at)
      SELECT w.medium_id, w.artefact, w.generation, 'current', w.artefact, w.sha256, w.size_bytes, w.written_by, w.written_at, w.written_at
      FROM artefact_writes w
      WHERE w.id = (SELECT w2.id FROM artefact_writes w2 WHERE w2.medium_id = w.medium_id AND w2.artefact = w.artefact ORDER BY w2.generation DESC, w2.id DESC LIMIT 1);
    INSERT INTO artefact_generations (artefact, generation, sha256, size_bytes, accounts_json, status, job_id, created_by, created_at)
      SELECT w.artefact, w.generation, w.sha256, w.size_bytes, NULL, 'published', NULL, w.written_by, w.written_at
      FROM artefact_writes w
      WHERE w.id = (SELECT MIN(w2.id) FROM artefact_writes w2 WHERE w2.artefact = w.artefact AND w2.generation = w.generation);

    CREATE TABLE rotations (
      rotation_id TEXT PRIMARY KEY,
      account_id TEXT NOT NULL REFERENCES accounts (account_id),
      what TEXT NOT NULL CHECK (what IN ('password', 'seed', 'both')),
      reason TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('starting', 'pending', 'confirmed', 'cancelled')),
      started_by TEXT NOT NULL,
      started_at TEXT NOT NULL,
      finished_by TEXT,
      finished_at TEXT
    );
    CREATE UNIQUE INDEX rotations_one_open ON rotations (account_id) WHERE status IN ('starting', 'pending');

    CREATE TABLE seals (
      id INTEGER PRIMARY KEY,
      medium_id TEXT NOT NULL REFERENCES media (medium_id),
      serial TEXT NOT NULL,
      occasion TEXT NOT NULL CHECK (occasion IN ('after-write', 'after-verification', 'resealed')),
      reference TEXT,
      sealed_by TEXT NOT NULL,
      sealed_at TEXT NOT NULL
    );
    CREATE INDEX seals_by_medium ON seals (medium_id, id);

    CREATE TABLE paper_backups (
      id INTEGER PRIMARY KEY,
      generation INTEGER NOT NULL,
      fingerprint TEXT NOT NULL,
      accounts INTEGER NOT NULL,
      how TEXT NOT NULL CHECK (how IN ('printed', 'saved')),
      where_to TEXT NOT NULL,
      made_by TEXT NOT NULL,
      made_at TEXT NOT NULL
    );

    ALTER TABLE media ADD COLUMN lifecycle TEXT NOT NULL DEFAULT 'active' CHECK (lifecycle IN ('active', 'lost', 'retired', 'replaced'));
    ALTER TABLE media ADD COLUMN lifecycle_reason TEXT;
    ALTER TABLE media ADD COLUMN lifecycle_by TEXT;
    ALTER TABLE media ADD COLUMN replaced_by TEXT;
    UPDATE media SET lifecycle = 'retired', lifecycle_reason = 'wiped' WHERE retired_at IS NOT NULL;

    ALTER TABLE accounts ADD COLUMN lifecycle TEXT NOT NULL DEFAULT 'active'
      CHECK (lifecycle IN ('active', 'suspended', 'pending-closure', 'closed', 'removed-centrally', 'left-organisation'));
    ALTER TABLE accounts ADD COLUMN lifecycle_reason TEXT;
    ALTER TABLE accounts ADD COLUMN lifecycle_at TEXT;
    UPDATE accounts SET lifecycle = 'removed-centrally' WHERE root_credential_status = 'removed-centrally';
    UPDATE accounts SET lifecycle = 'suspended' WHERE lifecycle = 'active' AND aws_status = 'SUSPENDED';
    UPDATE accounts SET lifecycle = 'pending-closure' WHERE lifecycle = 'active' AND aws_status = 'PENDING_CLOSURE';
    -- A CSV said nothing of the AWS state; the placeholder it left is not a state AWS reported.
    UPDATE accounts SET aws_status = '' WHERE aws_status = 'UNKNOWN';

    -- The verification outcome gains 'incomplete' (a physical check not answered); the table is rebuilt for it.
    CREATE TABLE verifications_v2 (
      id INTEGER PRIMARY KEY,
      medium_id TEXT NOT NULL REFERENCES media (medium_id),
      run_id TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed', 'incomplete')),
      checks_json TEXT NOT NULL,
      verified_by TEXT NOT NULL,
      verified_at TEXT NOT NULL,
      next_due_at TEXT
    );
    INSERT INTO verifications_v2 SELECT id, medium_id, run_id, outcome, checks_json, verified_by, verified_at, next_due_at FROM verifications;
    DROP TABLE verifications;
    ALTER TABLE verifications_v2 RENAME TO verifications;
    CREATE INDEX verifications_by_medium ON verifications (medium_id, verified_at);
  `,
};
