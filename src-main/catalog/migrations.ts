/**
 * Versioned schema. Each migration runs once, in order, inside a transaction; `PRAGMA user_version` records
 * how far this catalog has come. Never edit a released migration: add the next one.
 *
 * The catalog holds no secret. No column may carry a password, seed or passphrase; a unit test walks the schema
 * to hold that line (test/unit/catalog-schema.test.ts).
 */
export interface Migration {
  readonly version: number;
  readonly description: string;
  readonly sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
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
  },
  {
    version: 2,
    description: 'hardware MFA token inventory: tokens, their registrations on accounts, check-outs',
    // Identifiers only (kind, model, serial, AAGUID, where kept): a display token's seed stays with the token.
    sql: `
      CREATE TABLE tokens (
        token_id TEXT PRIMARY KEY CHECK (token_id GLOB 'TOKEN-[0-9][0-9]*'),
        kind TEXT NOT NULL CHECK (kind IN ('fido', 'totp')),
        make TEXT NOT NULL DEFAULT '',
        model TEXT NOT NULL,
        serial TEXT NOT NULL CHECK (length(serial) BETWEEN 1 AND 64),
        serial_comparable TEXT NOT NULL UNIQUE CHECK (length(serial_comparable) >= 1),
        aaguid TEXT CHECK (aaguid IS NULL OR length(aaguid) = 36),
        location TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'in-safe' CHECK (state IN ('in-safe', 'checked-out', 'lost', 'revoked', 'destroyed')),
        state_reason TEXT,
        state_changed_at TEXT NOT NULL,
        state_changed_by TEXT NOT NULL,
        added_at TEXT NOT NULL,
        added_by TEXT NOT NULL,
        last_seen_at TEXT,
        last_seen_how TEXT CHECK (last_seen_how IS NULL OR last_seen_how IN ('hid', 'typed-serial'))
      );

      CREATE TABLE token_registrations (
        id INTEGER PRIMARY KEY,
        token_id TEXT NOT NULL REFERENCES tokens (token_id),
        account_id TEXT NOT NULL REFERENCES accounts (account_id),
        registered_at TEXT NOT NULL,
        registered_by TEXT NOT NULL,
        deregistered_at TEXT,
        deregistered_by TEXT
      );
      CREATE UNIQUE INDEX token_registrations_live ON token_registrations (token_id, account_id) WHERE deregistered_at IS NULL;
      CREATE INDEX token_registrations_by_account ON token_registrations (account_id);

      CREATE TABLE token_checkouts (
        id INTEGER PRIMARY KEY,
        token_id TEXT NOT NULL REFERENCES tokens (token_id),
        custodians_json TEXT NOT NULL,
        reason TEXT NOT NULL,
        break_glass_ref TEXT,
        checked_out_at TEXT NOT NULL,
        checked_out_by TEXT NOT NULL,
        due_at TEXT NOT NULL,
        closed_at TEXT,
        closed_by TEXT,
        closed_how TEXT CHECK (closed_how IS NULL OR closed_how IN ('hid', 'typed-serial', 'reported-lost'))
      );
      CREATE UNIQUE INDEX token_checkouts_open ON token_checkouts (token_id) WHERE closed_at IS NULL;
    `,
  },
  {
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
  },
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
