import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolThenBreakGlass, lookupEventsOutput, rootSignIn, s3Key, s3LogFile } from '../support/cloudtrail-fixtures';
import { custodyKiosk } from '../support/custody-fixture';
import { ensureCliBuilt, runCli } from '../support/cli';
import { FakeClock } from '../support/fake-clock';

const DATA = '222222222222';
const PAYMENTS = '111111111111';

/** CloudTrail times are whole seconds. */
function cloudTrailTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

describe('strongroom cloudtrail reconcile (CLI)', () => {
  let home: string;
  let logs: string;
  let cleanup: () => void;
  let breakGlassAt: number;

  beforeAll(async () => {
    ensureCliBuilt();
    // Enrolment a day before the break-glass, so only the break-glass can explain the sign-ins below.
    const clock = new FakeClock('2026-03-01T08:00:00.000Z');
    const k = await custodyKiosk({ clock });
    await enrolThenBreakGlass(k.app, clock, k.sticks);
    breakGlassAt = Date.parse(k.app.catalog.audit.head()!.at);
    home = k.home;
    // The catalog stays on disk for the CLI; only the practice sticks go with the fixture.
    k.app.close();
    cleanup = () => (rmSync(home, { recursive: true, force: true }), k.practice.cleanup());
    logs = mkdtempSync(join(tmpdir(), 'strongroom-cli-cloudtrail-'));
  });
  afterAll(() => {
    cleanup?.();
    if (logs) rmSync(logs, { recursive: true, force: true });
  });

  const reconcile = (args: string[]) => runCli(['--home', home, '--custodian', 'Dana Whitfield', 'cloudtrail', 'reconcile', ...args]);

  it('exits 1 over a folder with one matched and one unmatched root sign-in, naming the unmatched one', () => {
    const matched = cloudTrailTime(breakGlassAt + 14 * 60_000);
    const stranger = cloudTrailTime(breakGlassAt - 3 * 86_400_000);
    const file = join(logs, s3Key(DATA, matched));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, gzipSync(s3LogFile([rootSignIn({ accountId: DATA, at: matched, ip: '198.51.100.7' })])));
    writeFileSync(join(logs, 'lookup.json'), lookupEventsOutput([rootSignIn({ accountId: PAYMENTS, at: stranger, ip: '203.0.113.9', mfa: true })]));
    const report = join(logs, 'reports', 'reconciliation.pdf');

    const run = reconcile([logs, '--report', report]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const strangerWords = `${stranger.slice(0, 10)} ${stranger.slice(11, 19)} UTC`;
    expect(run.stdout).toContain(`UNEXPLAINED: Unexplained root sign-in to ${PAYMENTS} at ${strangerWords} from 203.0.113.9, MFA used: yes`);
    expect(run.stdout).toMatch(new RegExp(`explained {3}root sign-in ${DATA} \\(prod-data\\) .* — break-glass \\(audit event \\d+`));
    // Kept in the kiosk's reports/ folder as the window keeps it; --report adds the copy, and the last line names both.
    const lastLine = run.stdout.trim().split('\n').at(-1)!;
    expect(lastLine).toMatch(new RegExp(`^1 unexplained item\\(s\\)\\. Report fingerprint [0-9A-F]{16}, saved to ${report}; kept at ${join(home, 'reports')}/cloudtrail-[^ ]+\\.pdf\\.$`));
    expect(existsSync(lastLine.slice(lastLine.indexOf('kept at ') + 8, -1))).toBe(true);
    const text = spawnSync('pdftotext', ['-layout', report, '-'], { encoding: 'utf8' });
    if (text.status === 0) {
      expect(text.stdout).toContain('1 unexplained item');
      expect(text.stdout).toContain('203.0.113.9');
      expect(text.stdout).toMatch(/Audit chain head\s+event \d+ · [0-9A-F]{16}/);
    }
  });

  it('exits 0 when every root sign-in is explained, and gives JSON on request', () => {
    const only = mkdtempSync(join(tmpdir(), 'strongroom-cli-cloudtrail-ok-'));
    try {
      writeFileSync(join(only, 'one.json'), s3LogFile([rootSignIn({ accountId: DATA, at: cloudTrailTime(breakGlassAt + 20 * 60_000) })]));
      const keptBefore = readdirSync(join(home, 'reports')).filter((f) => f.startsWith('cloudtrail-')).length;
      const run = reconcile([only, '--json']);
      expect(run.code).toBe(0);
      const answer = JSON.parse(run.stdout);
      expect(answer).toMatchObject({ allExplained: true, findings: [], signIns: [{ accountId: DATA, status: 'explained' }], copiedTo: null });
      // Without --report the report is kept all the same, where the JSON says.
      expect(answer.report.savedTo).toMatch(new RegExp(`^${join(home, 'reports')}/cloudtrail-`));
      expect(existsSync(answer.report.savedTo)).toBe(true);
      expect(readdirSync(join(home, 'reports')).filter((f) => f.startsWith('cloudtrail-'))).toHaveLength(keptBefore + 1);
      // The window option reaches the reconciliation: a six-minute window (plus the clock tolerance) leaves the sign-in 20 minutes later unexplained.
      expect(reconcile([only, '--window-hours', '0.1']).code).toBe(1);
      expect(reconcile([only, '--window-hours', 'soon']).stderr).toMatch(/USAGE: --window-hours takes a number of hours above 0/);
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });

  it('says what it needs when nothing readable is given', () => {
    const run = reconcile([join(logs, 'nothing-here')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^CLOUDTRAIL_NOTHING_READ: No CloudTrail log was found/);
  });
});
