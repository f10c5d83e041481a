import { afterEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../src-main/catalog/catalog';
import { openCatalogDatabase, schemaVersion } from '../../src-main/catalog/catalog-database';
import { MIGRATIONS } from '../../src-main/catalog/migrations';
import { makeTempHome } from '../support/temp-home';

// Words that would betray a column meant to hold a secret. The catalog holds none, by design.
const SECRET_WORDS = /pass(word|phrase)?|secret|seed|otp|totp|private|key_?material|master/i;

describe('catalog', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('runs every migration on a fresh kiosk and records the schema version', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const db = openCatalogDatabase(home);
    expect(schemaVersion(db)).toBe(MIGRATIONS.at(-1)!.version);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'artefact_writes', 'audit_events', 'custodians', 'media', 'settings', 'verifications']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('opens an existing catalog again without re-running migrations', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const first = Catalog.open(home);
    first.custodians.add('Dana Whitfield', '2026-11-23T09:00:00.000Z');
    first.close();
    const second = Catalog.open(home);
    expect(second.custodians.list().map((c) => c.name)).toEqual(['Dana Whitfield']);
    second.close();
  });

  it('carries a kiosk written before custody transactions over: each stick\'s last write becomes its current file', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const old = openCatalogDatabase(home, MIGRATIONS.slice(0, 1));
    old.prepare("INSERT INTO media (medium_id, role, device_identity, identity_source, location_kind, labelled_by, labelled_at) VALUES ('VAULT-01', 'vault', 'x', 'simulated', 'onsite', 'Dana', '2026-01-01T00:00:00Z')").run();
    old.prepare("INSERT INTO media (medium_id, role, device_identity, identity_source, location_kind, labelled_by, labelled_at, retired_at) VALUES ('VAULT-02', 'vault', 'y', 'simulated', 'offsite', 'Dana', '2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z')").run();
    const write = old.prepare("INSERT INTO artefact_writes (medium_id, artefact, generation, sha256, size_bytes, written_by, written_at) VALUES ('VAULT-01', 'vault.kdbx', ?, ?, 10, 'Dana', '2026-01-02T00:00:00Z')");
    write.run(1, 'a'.repeat(64));
    write.run(2, 'b'.repeat(64));
    old.prepare("INSERT INTO accounts (account_id, name, root_email, aws_status, root_credential_status, added_at, updated_at) VALUES ('111111111111', 'a', 'a@example.com', 'UNKNOWN', 'removed-centrally', 'x', 'x')").run();
    old.prepare("INSERT INTO verifications (medium_id, run_id, outcome, checks_json, verified_by, verified_at) VALUES ('VAULT-01', 'VR-1', 'passed', '[]', 'Dana', '2026-01-03T00:00:00Z')").run();
    old.close();

    const catalog = Catalog.open(home);
    try {
      expect(catalog.generations.currentOf('VAULT-01', 'vault.kdbx')).toMatchObject({ generation: 2, sha256: 'b'.repeat(64), state: 'current' });
      expect(catalog.generations.newestPublished('vault.kdbx')).toBe(2);
      expect(catalog.generations.get('vault.kdbx', 1)?.sha256).toBe('a'.repeat(64));
      expect(catalog.media.get('VAULT-02')).toMatchObject({ lifecycle: 'retired' });
      expect(catalog.accounts.get('111111111111')).toMatchObject({ lifecycle: 'removed-centrally', awsStatus: null });
      expect(catalog.media.lastVerifiedAt('VAULT-01')).toBe('2026-01-03T00:00:00Z');
    } finally {
      catalog.close();
    }
  });

  it('refuses a catalog written by a newer version instead of guessing', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const db = openCatalogDatabase(home);
    db.pragma('user_version = 999');
    db.close();
    expect(() => openCatalogDatabase(home)).toThrow(/newer Strongroom/);
  });

  it('has no column that could hold a password, seed or passphrase', () => {
    const { home, remove } = makeTempHome();
    cleanup = remove;
    const db = openCatalogDatabase(home);
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const columns = tables.flatMap((table) =>
      (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => `${table}.${c.name}`),
    );
    expect(columns.length).toBeGreaterThan(20);
    expect(columns.filter((column) => SECRET_WORDS.test(column))).toEqual([]);
    db.close();
  });

  it('the secret-column check would catch a column named like a secret', () => {
    expect(SECRET_WORDS.test('accounts.root_password')).toBe(true);
    expect(SECRET_WORDS.test('accounts.mfa_seed')).toBe(true);
    expect(SECRET_WORDS.test('media.vault_passphrase_hint')).toBe(true);
  });
});
