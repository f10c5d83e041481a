import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sealAuditEvent, type AuditEvent } from '../../src-main/core/audit-chain';
import { rowToEvent, type AuditRow } from '../../src-main/catalog/sqlite-audit-log';
import { confirmEnrolments, custodyKiosk, enrolAndWrite, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

type Kiosk = Awaited<ReturnType<typeof custodyKiosk>>;

const SEAL = { sealSerial: 'SR-0042', bagIntact: 'yes', locationConfirmed: 'yes' } as const;
const THIRD: readonly (readonly [string, string])[] = [['333333333333', 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU']];

const copyPath = (stick: string) => join(stick, 'STRONGROOM', 'audit.jsonl');

/** Every file Strongroom keeps on a stick, by name and SHA-256: what "nothing was written" is checked against. */
function stickFiles(stick: string): Record<string, string> {
  const dir = join(stick, 'STRONGROOM');
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

function kioskEvents(k: Kiosk): AuditEvent[] {
  return (k.app.catalog.db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as AuditRow[]).map(rowToEvent);
}

/** Someone with the kiosk's disk replaces the whole chain by another one, hashed again so it holds on its own. */
function replaceKioskChain(k: Kiosk, events: readonly AuditEvent[]): void {
  const db = k.app.catalog.db;
  db.prepare('DELETE FROM audit_events').run();
  const insert = db.prepare('INSERT INTO audit_events (seq, at, custodian, action, subject, details_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (const e of events) insert.run(e.seq, e.at, e.custodian, e.action, e.subject, JSON.stringify(e.details), e.prevHash, e.hash);
}

function rehashed(events: readonly AuditEvent[], change: (e: AuditEvent) => AuditEvent): AuditEvent[] {
  const out: AuditEvent[] = [];
  for (const original of events) {
    const e = change(original);
    out.push(sealAuditEvent(out.at(-1), { at: e.at, custodian: e.custodian, action: e.action, subject: e.subject, details: e.details }));
  }
  return out;
}

function sealAll(k: Kiosk): void {
  for (const m of k.app.catalog.media.list()) k.app.mediumLifecycle.recordSeal(m.mediumId, 'SR-0042', 'after-write');
}

async function auditCheck(k: Kiosk, stick: string, passphrase: string) {
  const run = k.app.verification.startRun();
  const result = await k.app.verification.verifyMedium(run.runId, stick, passphrase, SEAL);
  return result.checks.find((c) => c.name === 'Audit copy')!;
}

describe('the audit chain witnessed by the sticks', () => {
  let cleanup: (() => void) | undefined;
  afterEach(() => cleanup?.());

  it('extends a stick copy on every write, and remembers the head it wrote there', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const copy = readFileSync(copyPath(k.sticks.vault1), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    const kiosk = kioskEvents(k);
    expect(copy.length).toBeGreaterThan(5);
    expect(copy).toEqual(kiosk.slice(0, copy.length));
    const mediumId = k.app.catalog.media.list().find((m) => m.role === 'vault')!.mediumId;
    expect(k.app.catalog.witness.lastWrittenOn(mediumId)?.hash).toBeDefined();
    expect(k.app.sticks.witness.judgeKiosk()).toMatchObject({ ok: true, problems: [] });
  });

  it('reports events deleted from the catalog by the remembered heads, and by the sticks once those are deleted too', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    // Cut back to before the newest head this kiosk wrote on a stick.
    const keep = k.app.catalog.witness.heads()[0]!.seq - 3;
    k.app.catalog.db.prepare('DELETE FROM audit_events WHERE seq > ?').run(keep);

    const judged = k.app.sticks.witness.judgeKiosk();
    expect(judged.ok).toBe(false);
    expect(judged.problems.join(' ')).toContain(`ends at event ${keep}`);
    expect(judged.problems.join(' ')).toMatch(new RegExp(`events ${keep + 1} to \\d+ are missing`));

    // The attacker also deletes what the kiosk remembered: the sticks still carry their copies.
    k.app.catalog.db.prepare('DELETE FROM audit_heads_seen').run();
    k.app.catalog.db.prepare('DELETE FROM tamper_alarms').run();
    sealAll(k);
    const check = await auditCheck(k, k.sticks.seed1, SEED_PASSPHRASE);
    expect(check.passed).toBe(false);
    // The kiosk has since recorded its own alarm as event keep + 1, so the stick names the event where they part.
    expect(check.sentence).toContain(`at event ${keep + 1}`);
    expect(k.app.catalog.witness.open().length).toBeGreaterThan(0);
  });

  it('reports a chain rewritten and hashed again, naming the first event where stick and kiosk part', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    replaceKioskChain(k, rehashed(kioskEvents(k), (e) => (e.seq === 3 ? { ...e, custodian: 'Mallory Evans' } : e)));
    expect(k.app.catalog.audit.verify().intact).toBe(true); // the rewrite holds on its own

    sealAll(k);
    const check = await auditCheck(k, k.sticks.vault2, VAULT_PASSPHRASE);
    expect(check.passed).toBe(false);
    expect(check.sentence).toContain('part at event 3');
    expect(check.sentence).toContain('Mallory Evans');
  });

  it('refuses to write a stick whose copy was rewritten, keeps it as evidence and raises one alarm until acknowledged', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const lines = readFileSync(copyPath(k.sticks.seed2), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditEvent);
    // A forged copy that holds together on its own: event 4 changed and everything after it sealed again.
    const forged = rehashed(lines, (e) => (e.seq === 4 ? { ...e, subject: 'nothing happened' } : e));
    writeFileSync(copyPath(k.sticks.seed2), `${forged.map((e) => JSON.stringify(e)).join('\n')}\n`);
    const before = { seed1: stickFiles(k.sticks.seed1), seed2: stickFiles(k.sticks.seed2), vault1: stickFiles(k.sticks.vault1) };

    k.app.accounts.add({ accountId: '333333333333', name: 'dev-tools', rootEmail: 'aws+dev@example.com' });
    confirmEnrolments(k.app, THIRD);
    const report = await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(report.job.status).toBe('refused');
    const refused = report.job.sticks.find((t) => t.state === 'refused');
    expect(refused?.errorCode).toBe('AUDIT_COPY_DIVERGED');
    expect(refused?.sentence).toContain('part at event 4');
    // No stick of the job was written: the refused one keeps its forged copy as evidence.
    expect({ seed1: stickFiles(k.sticks.seed1), seed2: stickFiles(k.sticks.seed2), vault1: stickFiles(k.sticks.vault1) }).toEqual(before);

    const open = k.app.sticks.witness.open();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'copy-diverged', firstSeq: 4 });
    expect(kioskEvents(k).filter((e) => e.action === 'audit.tamper-alarm')).toHaveLength(1);
    // Seen again, the same finding raises no second alarm.
    await k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE });
    expect(k.app.sticks.witness.open()).toHaveLength(1);

    const acknowledged = k.app.sticks.witness.acknowledge(open[0]!.alarmId, 'Dana Whitfield', 'stick seized for the investigation', (details) =>
      k.app.session.record({ action: 'audit.tamper-alarm-acknowledged', subject: open[0]!.subject, details }),
    );
    expect(acknowledged.acknowledgedBy).toBe('Dana Whitfield');
    expect(k.app.sticks.witness.open()).toEqual([]);
  });

  it('reports a stick copy cut back to an older one', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    await enrolAndWrite(k.app);
    const lines = readFileSync(copyPath(k.sticks.vault1), 'utf8').trim().split('\n');
    writeFileSync(copyPath(k.sticks.vault1), `${lines.slice(0, 2).join('\n')}\n`);
    sealAll(k);
    const check = await auditCheck(k, k.sticks.vault1, VAULT_PASSPHRASE);
    expect(check.passed).toBe(false);
    expect(check.sentence).toContain('cut short or replaced by an older one');
  });

  it('does nothing it cannot record: a read-only catalog shows no secret and writes no stick', async () => {
    const k = await custodyKiosk();
    cleanup = k.cleanup;
    k.app.accounts.add({ accountId: '333333333333', name: 'dev-tools', rootEmail: 'aws+dev@example.com' });
    k.app.accounts.add({ accountId: '444444444444', name: 'dev-sandbox', rootEmail: 'aws+sandbox@example.com' });
    confirmEnrolments(k.app, THIRD);
    const pending = k.app.enrolment.start('444444444444');
    const before = { vault1: stickFiles(k.sticks.vault1), seed1: stickFiles(k.sticks.seed1) };
    const events = kioskEvents(k).length;
    k.app.catalog.db.pragma('query_only = ON'); // the catalog turned read-only mid-session

    await expect(k.app.enrolment.write({ vaultPassphrase: VAULT_PASSPHRASE, seedPassphrase: SEED_PASSPHRASE })).rejects.toMatchObject({ code: 'AUDIT_UNAVAILABLE' });
    expect({ vault1: stickFiles(k.sticks.vault1), seed1: stickFiles(k.sticks.seed1) }).toEqual(before);
    let shown: string | undefined;
    expect(() => {
      shown = k.app.enrolment.revealPassword(pending.enrolmentId);
    }).toThrow(expect.objectContaining({ code: 'AUDIT_UNAVAILABLE' }));
    expect(shown).toBeUndefined();
    k.app.catalog.db.pragma('query_only = OFF');
    expect(kioskEvents(k)).toHaveLength(events);
  });
});
