import type { Migration } from './migration';

/**
 * The first schema: who keeps custody, which accounts, which sticks, what was written and verified, the audit chain.
 * Released: never edit it; a schema change is a new migration at the end of migrations.ts.
 */
export const SCHEMA_V1_RECORDS: Migration = {
  version: 1,
  description: 'custodians, accounts, media, artefact writes, verifications, audit events, settings',
  sql: `
    CREATE TABLE custodians (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      added_at TEXT NOT NULL,
      last_seen_at TEXT
    );

    CREATE TABLE accounts (
      account_id TEXT PRIMARY KEY CHECK (length(account_id) = 12 AND account_id NOT GLOB '*[^0-9]*'),
      name TEXT NOT NULL,
      root_email TEXT NOT NULL,
      organizational_unit TEXT,
      aws_status TEXT NOT NULL DEFAULT 'ACTIVE',
      root_credential_status TEXT NOT NULL DEFAULT 'custodied'
        CHECK (root_credential_status IN ('custodied', 'removed-centrally')),
      mfa_kind TEXT NOT NULL DEFAULT 'virtual' CHECK (mfa_kind IN ('virtual', 'hardware')),
      hardware_token_serial TEXT,
      enrolled_at TEXT,
      added_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE media (
      medium_id TEXT PRIMARY KEY,
      role TEXT NOT NULL CHECK (role IN ('vault', 'seed')),
      device_identity TEXT NOT NULL,
      identity_source TEXT NOT NULL,
      location_kind TEXT NOT NULL CHECK (location_kind IN ('onsite', 'offsite')),
      location_note TEXT NOT NULL DEFAULT '',
      practice INTEGER NOT NULL DEFAULT 0,
      labelled_by TEXT NOT NULL,
      labelled_at TEXT NOT NULL,
      retired_at TEXT
    );
    CREATE INDEX media_by_identity ON media (device_identity);

    CREATE TABLE artefact_writes (
      id INTEGER PRIMARY KEY,
      medium_id TEXT NOT NULL REFERENCES media (medium_id),
      artefact TEXT NOT NULL,
      generation INTEGER NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      size_bytes INTEGER NOT NULL,
      written_by TEXT NOT NULL,
      written_at TEXT NOT NULL
    );
    CREATE INDEX artefact_writes_by_medium ON artefact_writes (medium_id, artefact, generation);

    CREATE TABLE verifications (
      id INTEGER PRIMARY KEY,
      medium_id TEXT NOT NULL REFERENCES media (medium_id),
      run_id TEXT NOT NULL,
      outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed')),
      checks_json TEXT NOT NULL,
      verified_by TEXT NOT NULL,
      verified_at TEXT NOT NULL,
      next_due_at TEXT
    );
    CREATE INDEX verifications_by_medium ON verifications (medium_id, verified_at);

    CREATE TABLE audit_events (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      custodian TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT NOT NULL,
      details_json TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );

    CREATE TABLE settings (
      key TEXT PRIMARY KEY,
      value_json TEXT NOT NULL
    );
  `,
};
