import type { Migration } from './migration';
import { SCHEMA_V1_RECORDS } from './schema-v1-records';
import { SCHEMA_V2_TOKENS } from './schema-v2-tokens';
import { SCHEMA_V3_CUSTODY_TRANSACTIONS } from './schema-v3-custody-transactions';

/**
 * Versioned schema. Each migration runs once, in order, inside a transaction; `PRAGMA user_version` records
 * how far this catalog has come. Never edit a released migration: add the next one.
 *
 * The catalog holds no secret. No column may carry a password, seed or passphrase; a unit test walks the schema
 * to hold that line (test/unit/catalog-schema.test.ts).
 */
export type { Migration } from './migration';

export const MIGRATIONS: readonly Migration[] = [
  SCHEMA_V1_RECORDS,
  SCHEMA_V2_TOKENS,
  SCHEMA_V3_CUSTODY_TRANSACTIONS,
  {
    version: 4,
    description: 'two-person control: registered custodians, custody incidents, credentials exposed by break-glass, key card sets',
    sql: `
      -- Who registered each custodian. NULL for custodians added by signing in, before registration was explicit.
      ALTER TABLE custodians ADD COLUMN registered_by TEXT;

      -- Something that broke the custody model (both halves of a break-glass from one physical stick), shown on
      -- every screen until a custodian resolves it with a reason.
      CREATE TABLE custody_incidents (
        incident_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('one-stick-break-glass')),
        subject TEXT NOT NULL,
        sentence TEXT NOT NULL,
        details_json TEXT NOT NULL DEFAULT '{}',
        opened_by TEXT NOT NULL,
        opened_at TEXT NOT NULL,
        resolved_by TEXT,
        resolved_at TEXT,
        resolution TEXT
      );
      CREATE INDEX custody_incidents_open ON custody_incidents (opened_at) WHERE resolved_at IS NULL;

      -- A root password shown by break-glass, to whom: the account is to be rotated after use. Cleared by a
      -- confirmed rotation of the password started after the exposure.
      CREATE TABLE credential_exposures (
        id INTEGER PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        exposed_at TEXT NOT NULL,
        exposed_to_json TEXT NOT NULL,
        media_json TEXT NOT NULL DEFAULT '[]',
        cleared_at TEXT,
        cleared_by TEXT,
        cleared_how TEXT
      );
      CREATE INDEX credential_exposures_open ON credential_exposures (account_id) WHERE cleared_at IS NULL;

      -- Roles whose master key is split into key cards: the set's public facts and its holders, never a share.
      -- A set stays in force from the generation it first encrypted until a later passphrase change supersedes it.
      CREATE TABLE key_card_sets (
        set_id TEXT PRIMARY KEY CHECK (length(set_id) = 16),
        role TEXT NOT NULL CHECK (role IN ('vault', 'seed')),
        threshold INTEGER NOT NULL CHECK (threshold >= 2),
        card_count INTEGER NOT NULL CHECK (card_count >= threshold),
        holders_json TEXT NOT NULL,
        from_generation INTEGER NOT NULL CHECK (from_generation >= 1),
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        superseded_at_generation INTEGER,
        superseded_at TEXT
      );
      CREATE UNIQUE INDEX key_card_sets_in_force ON key_card_sets (role) WHERE superseded_at IS NULL;
    `,
  },
  {
    version: 5,
    description: 'audit heads witnessed outside the kiosk, tamper alarms',
    sql: `
      -- Every head of the audit chain this kiosk has seen outside itself: in a stick's audit.jsonl (read there, or
      -- written there) or printed on a report. A kiosk chain that no longer reaches one of them was cut or rewritten.
      CREATE TABLE audit_heads_seen (
        id INTEGER PRIMARY KEY,
        seq INTEGER NOT NULL CHECK (seq >= 1),
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        source TEXT NOT NULL,
        how TEXT NOT NULL CHECK (how IN ('read', 'written', 'printed')),
        seen_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX audit_heads_seen_once ON audit_heads_seen (source, how, seq, hash);

      -- A stick's copy or the kiosk's own chain found not to agree; shown on every screen until acknowledged.
      CREATE TABLE tamper_alarms (
        alarm_id TEXT PRIMARY KEY,
        raised_at TEXT NOT NULL,
        subject TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('copy-diverged', 'copy-altered', 'copy-rolled-back', 'kiosk-missing-events', 'kiosk-rewritten', 'kiosk-broken')),
        first_seq INTEGER,
        last_seq INTEGER,
        evidence TEXT NOT NULL,
        sentence TEXT NOT NULL,
        acknowledged_by TEXT,
        acknowledged_at TEXT,
        acknowledged_reason TEXT
      );
      CREATE UNIQUE INDEX tamper_alarms_once ON tamper_alarms (subject, kind, evidence);

    `,
  },
  {
    version: 6,
    description: 'tokens in quarterly verification: each token presented in a run, and the run\'s token check',
    // Identifiers and outcomes only: which token was shown, how it was identified, what the check found.
    sql: `
      CREATE TABLE token_sightings (
        id INTEGER PRIMARY KEY,
        run_id TEXT NOT NULL,
        token_id TEXT REFERENCES tokens (token_id),
        outcome TEXT NOT NULL CHECK (outcome IN ('identified', 'mismatch', 'unknown')),
        how TEXT NOT NULL CHECK (how IN ('hid', 'typed-serial', 'typed-with-usb-model', 'typed-without-usb')),
        described TEXT NOT NULL,
        why TEXT,
        presented_at TEXT NOT NULL,
        presented_by TEXT NOT NULL
      );
      CREATE INDEX token_sightings_by_run ON token_sightings (run_id, id);

      CREATE TABLE token_checks (
        run_id TEXT PRIMARY KEY,
        outcome TEXT NOT NULL CHECK (outcome IN ('passed', 'failed')),
        rows_json TEXT NOT NULL,
        expected INTEGER NOT NULL,
        presented INTEGER NOT NULL,
        checked_at TEXT NOT NULL,
        checked_by TEXT NOT NULL
      );
      CREATE INDEX token_checks_by_time ON token_checks (checked_at);
    `,
  },
];
