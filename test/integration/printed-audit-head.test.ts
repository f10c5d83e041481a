import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { custodyKiosk, enrolAndWrite, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';

/**
 * Paper witnesses the audit trail: every verification report and emergency sheet prints the kiosk's chain head as
 * it was made, read back here with poppler's pdftotext, and the kiosk remembers that head as printed, so a catalog
 * later cut below it fails `audit verify` even with no stick inserted.
 */

const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
if (!hasPdftotext) console.warn('Printed audit head read-back skipped: pdftotext not installed (poppler-utils).');

const pdfText = (pdf: Buffer): string => {
  const result = spawnSync('pdftotext', ['-layout', '-enc', 'UTF-8', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  expect(result.status).toBe(0);
  return result.stdout.toString('utf8');
};

const SEAL = { sealSerial: 'SR-0042', bagIntact: 'yes', locationConfirmed: 'yes' } as const;

/** "event 1,284 · 3f9a…c21e": the words the paper carries for a head. */
const printedWords = (head: { seq: number; hash: string }) => `event ${head.seq.toLocaleString('en-US')} · ${head.hash.slice(0, 4)}…${head.hash.slice(-4)}`;

type Kiosk = Awaited<ReturnType<typeof custodyKiosk>>;

/** Cuts the catalog's newest events, and every head but the printed ones, as someone with the kiosk's disk would. */
function cutBelow(kiosk: Kiosk, keep: number): void {
  kiosk.app.catalog.db.prepare('DELETE FROM audit_events WHERE seq > ?').run(keep);
  kiosk.app.catalog.db.prepare("DELETE FROM audit_heads_seen WHERE how <> 'printed'").run();
}

describe.skipIf(!hasPdftotext)('the audit chain head on paper', () => {
  let kiosk: Kiosk | undefined;
  afterEach(() => kiosk?.cleanup());

  it('an emergency sheet prints the head it was made at, remembered as printed; a later cut below it is caught', async () => {
    kiosk = await custodyKiosk();
    const { app, sticks } = kiosk;
    await enrolAndWrite(app);
    const head = app.catalog.audit.head()!;
    const sheet = await app.print.prepareEmergencySheet({ role: 'vault', paper: 'A4', passphrase: { kind: 'write-in' } });
    const saved = await app.print.save(sheet.documentId, sticks.vault1);
    const text = pdfText(readFileSync(join(sticks.vault1, saved.path)));
    expect(text).toContain(`Audit trail head: ${printedWords(head)}`);

    const printed = app.catalog.witness.heads().filter((h) => h.how === 'printed');
    expect(printed).toEqual([expect.objectContaining({ seq: head.seq, hash: head.hash, source: 'emergency sheet vault.kdbx generation 1' })]);

    expect(app.sticks.witness.judgeKiosk().ok).toBe(true);
    cutBelow(kiosk, head.seq - 2);
    const judged = app.sticks.witness.judgeKiosk();
    expect(judged.ok).toBe(false);
    expect(judged.problems.join(' ')).toContain(`emergency sheet vault.kdbx generation 1 showed event ${head.seq}`);
  });

  it('a verification report prints the head it was made at, remembered as printed under the run', async () => {
    kiosk = await custodyKiosk();
    const { app, sticks } = kiosk;
    await enrolAndWrite(app);
    for (const m of app.catalog.media.list()) app.mediumLifecycle.recordSeal(m.mediumId, 'SR-0042', 'after-write');
    const run = app.verification.startRun();
    await app.verification.verifyMedium(run.runId, sticks.vault1, VAULT_PASSPHRASE, SEAL);
    await app.verification.verifyMedium(run.runId, sticks.seed1, SEED_PASSPHRASE, SEAL);
    const head = app.catalog.audit.head()!;
    const report = await app.verification.finishRun(run.runId);
    const text = pdfText(report.pdf);
    expect(text).toContain('Audit trail head');
    expect(text).toContain(printedWords(head));

    const printed = app.catalog.witness.heads().filter((h) => h.how === 'printed');
    expect(printed).toEqual([expect.objectContaining({ seq: head.seq, hash: head.hash, source: `verification report ${run.runId}` })]);
    // The report's own "finished" event comes after the head it printed: the paper never claims a later one.
    expect(app.catalog.audit.head()!.seq).toBeGreaterThan(head.seq);

    cutBelow(kiosk, head.seq - 1);
    expect(app.sticks.witness.judgeKiosk().problems.join(' ')).toContain(`verification report ${run.runId} showed event ${head.seq}`);
  });
});
