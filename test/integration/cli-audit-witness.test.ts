import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOG_FILE } from '../../src-main/catalog/catalog-database';
import { custodianCli, ensureCliBuilt } from '../support/cli';

/** Someone with the kiosk's disk, between two runs: SQL straight on the catalog file. */
function tamper(home: string, sql: string): void {
  const db = new Database(join(home, CATALOG_FILE));
  db.exec(sql);
  db.close();
}

describe('strongroom audit verify --against (CLI)', () => {
  let work: string;
  let home: string;
  let media: string;
  let strongroom: ReturnType<typeof custodianCli>;

  beforeAll(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-cli-witness-'));
    home = join(work, 'home');
    media = join(work, 'media');
    strongroom = custodianCli(home, media);
    for (const name of ['vault-a', 'seed-a']) mkdirSync(join(media, name), { recursive: true });
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('reports the newest events deleted from the catalog, by the remembered head and then by the sticks alone', { timeout: 120_000 }, () => {
    expect(strongroom(['label', join(media, 'vault-a'), '--role', 'vault', '--location', 'onsite: Safe 1']).code).toBe(0);
    expect(strongroom(['label', join(media, 'seed-a'), '--role', 'seed', '--location', 'onsite: Safe 2']).code).toBe(0);
    const clean = strongroom(['audit', 'verify', '--against', join(media, 'vault-a'), '--against', join(media, 'seed-a')]);
    expect(clean.code, clean.stdout + clean.stderr).toBe(0);

    // The newest events go, and with them what the kiosk remembered of the sticks: the sticks still have theirs.
    tamper(home, "DELETE FROM audit_events WHERE seq > 2; DELETE FROM audit_heads_seen; DELETE FROM tamper_alarms;");
    expect(strongroom(['audit', 'verify']).code).toBe(0); // nothing left on the kiosk to tell
    const against = strongroom(['audit', 'verify', '--against', join(media, 'seed-a')]);
    expect(against.code).toBe(1);
    expect(against.stdout).toContain('TAMPER ALARM');
    expect(against.stdout).toMatch(/SEEDS-\d+ holds events 3 to \d+/);

    const alarms = strongroom(['audit', 'alarms']);
    expect(alarms.code).toBe(1);
    const alarmId = /^(TA-[0-9a-f]{8})/m.exec(alarms.stdout)![1]!;
    expect(strongroom(['audit', 'acknowledge', alarmId, '--reason', 'catalog restored from an old backup, investigated']).code).toBe(0);
    expect(strongroom(['audit', 'alarms']).stdout).toContain('No tamper alarm is open.');
  });

  it('remembers a head it read on a stick, so a later cut fails even with no stick inserted', { timeout: 60_000 }, () => {
    tamper(home, 'DELETE FROM audit_events WHERE seq > 1;');
    const run = strongroom(['audit', 'verify']);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/ends at event 1, but SEEDS-\d+ showed event \d+/);
  });
});
