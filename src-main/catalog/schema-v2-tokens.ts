import type { Migration } from './migration';

/**
 * Hardware MFA tokens: identifiers and custody only; a display token's seed never enters the catalog.
 * Released: never edit it; a schema change is a new migration at the end of migrations.ts.
 */
export const SCHEMA_V2_TOKENS: Migration = {
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
};
