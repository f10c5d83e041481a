import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CloudTrailDesk } from '../../src-main/app/cloudtrail-desk';
import { ErrorCode } from '../../src-main/core/errors';
import { CLOUDTRAIL_LIMITS, NodeCloudTrailLogReader } from '../../src-main/platform/cloudtrail-log-reader';
import { enrolThenBreakGlass, iamUserCall, lookupEventsOutput, rootCall, rootSignIn, s3Key, s3LogFile } from '../support/cloudtrail-fixtures';
import { custodyKiosk } from '../support/custody-fixture';
import { FakeClock } from '../support/fake-clock';
import { registerAndSignIn } from '../support/custodians';

const PAYMENTS = '111111111111';
const DATA = '222222222222';

function write(dir: string, relative: string, content: string | Buffer): string {
  const path = join(dir, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}

describe('the CloudTrail desk', () => {
  let k: Awaited<ReturnType<typeof custodyKiosk>>;
  let clock: FakeClock;
  let logs: string;

  beforeEach(async () => {
    clock = new FakeClock('2026-03-01T08:00:00.000Z');
    k = await custodyKiosk({ clock });
    await enrolThenBreakGlass(k.app, clock, k.sticks);
    clock.advanceMinutes(24 * 60);
    registerAndSignIn(k.app, 'Dana Whitfield');
    logs = mkdtempSync(join(tmpdir(), 'strongroom-cloudtrail-'));
  });
  afterEach(() => {
    k.cleanup();
    rmSync(logs, { recursive: true, force: true });
  });

  it('reads a synced bucket folder and a lookup-events file, matches the break-glass and names the stranger', async () => {
    write(logs, s3Key(DATA, '2026-03-02T09:15:00Z'), gzipSync(s3LogFile([rootSignIn({ accountId: DATA, at: '2026-03-02T09:14:07Z' }), iamUserCall({ accountId: DATA, at: '2026-03-02T09:20:00Z' })])));
    write(logs, 'exports/lookup-2026-03-03.json', lookupEventsOutput([rootSignIn({ accountId: PAYMENTS, at: '2026-03-03T22:41:00Z', ip: '203.0.113.9' })]));
    write(logs, 'notes.txt', 'not a log');

    const run = await k.app.cloudTrail.reconcile([logs]);
    expect(run.files.map((f) => [f.path.slice(logs.length + 1).split('/')[0], f.shape, f.records])).toEqual([
      ['AWSLogs', 'records', 2],
      ['exports', 'lookup-events', 1],
    ]);
    expect(run.result.signIns.map((s) => [s.activity.accountId, s.status])).toEqual([
      [DATA, 'explained'],
      [PAYMENTS, 'unexplained'],
    ]);
    expect(run.result.signIns[0]!.explanation).toMatchObject({ procedure: 'break-glass', who: 'Dana Whitfield and Sam Okafor' });
    expect(run.result.findings).toEqual([expect.objectContaining({ kind: 'unexplained-sign-in', accountId: PAYMENTS, sourceIp: '203.0.113.9', mfaUsed: true })]);
    expect(run.report.pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The import is on the audit trail with every file's digest, and the report names the head it was checked against.
    const event = k.app.catalog.audit.head()!;
    expect(event).toMatchObject({ seq: run.auditSeq, action: 'cloudtrail.reconciled', custodian: 'Dana Whitfield' });
    expect(event.details).toMatchObject({ files: 2, records: 3, rootEvents: 2, unexplained: 1, windowHours: 2, auditHeadSeq: run.auditHead!.seq, reportFingerprint: run.report.fingerprint });
    expect((event.details['fileDigests'] as { sha256: string }[]).map((f) => f.sha256)).toEqual(run.files.map((f) => f.sha256));
    expect(run.auditHead!.seq).toBe(run.auditSeq - 1);
  });

  it('takes a wider window when asked', async () => {
    write(logs, 'late.json', s3LogFile([rootSignIn({ accountId: DATA, at: '2026-03-02T12:30:00Z' })]));
    expect((await k.app.cloudTrail.reconcile([logs])).result.findings.map((f) => f.kind)).toEqual(['unexplained-sign-in']);
    expect((await k.app.cloudTrail.reconcile([logs], { windowHours: 4 })).result.findings).toEqual([]);
    await expect(k.app.cloudTrail.reconcile([logs], { windowHours: 0 })).rejects.toMatchObject({ code: ErrorCode.InvalidSetting });
  });

  it('explains the enrolment’s own sign-in and MFA set-up', async () => {
    write(logs, 'enrolment.json', s3LogFile([
      rootSignIn({ accountId: PAYMENTS, at: '2026-03-01T08:02:00Z' }),
      rootCall({ accountId: PAYMENTS, at: '2026-03-01T08:04:00Z', eventName: 'CreateVirtualMFADevice' }),
      rootCall({ accountId: PAYMENTS, at: '2026-03-01T08:05:00Z', eventName: 'EnableMFADevice' }),
    ]));
    const run = await k.app.cloudTrail.reconcile([logs]);
    expect(run.result.findings).toEqual([]);
    expect(run.result.changes.map((c) => c.explanation?.procedure)).toEqual(['enrolment', 'enrolment']);
  });

  it('skips symbolic links, FIFOs, gzip bombs and oversized files, says why, and reads the rest', async () => {
    const reader = new NodeCloudTrailLogReader({ ...CLOUDTRAIL_LIMITS, maxFileBytes: 256 * 1024, maxDecompressedBytes: 1024 * 1024 });
    const desk = new CloudTrailDesk(k.app.catalog, k.app.session, clock, k.app.media, reader, join(k.home, 'reports'));
    write(logs, 'good.json', s3LogFile([rootSignIn({ accountId: DATA, at: '2026-03-02T09:14:07Z' })]));
    symlinkSync('/etc/passwd', join(logs, 'passwd.json'));
    write(logs, 'bomb.json.gz', gzipSync(Buffer.alloc(8 * 1024 * 1024, 0x20)));
    write(logs, 'huge.json', Buffer.alloc(300 * 1024, 0x20));
    write(logs, 'cut.json.gz', gzipSync(s3LogFile([])).subarray(0, 12));
    write(logs, 'latin1.json', Buffer.from([0x7b, 0xe9, 0x7d]));
    if (spawnSync('mkfifo', [join(logs, 'pipe.json')]).status !== 0) throw new Error('mkfifo failed');

    const run = await desk.reconcile([logs]);
    expect(run.files.map((f) => f.path)).toEqual([join(logs, 'good.json')]);
    const skipped = run.problems.listed.join('\n');
    expect(skipped).toMatch(/passwd\.json: skipped, it is a symbolic link/);
    expect(skipped).toMatch(/bomb\.json\.gz: skipped, it expands to more than 1 MiB/);
    expect(skipped).toMatch(/huge\.json: skipped, it is 300 KiB, larger than any CloudTrail log file \(256 KiB at most\)/);
    expect(skipped).toMatch(/cut\.json\.gz: skipped, it looks gzipped but does not unzip/);
    expect(skipped).toMatch(/latin1\.json: skipped, it is not UTF-8/);
    expect(skipped).toMatch(/pipe\.json: skipped, it is not a regular file/);
    expect(run.problems.count).toBe(6);
    expect(run.result.signIns).toHaveLength(1);
  });

  it('refuses a folder with no CloudTrail log in it, saying what it needs', async () => {
    write(logs, 'accounts.json', '{"Accounts": []}');
    await expect(k.app.cloudTrail.reconcile([logs])).rejects.toMatchObject({ code: ErrorCode.CloudTrailNothingRead, message: expect.stringMatching(/accounts\.json.*neither CloudTrail/) });
    await expect(k.app.cloudTrail.reconcile([join(logs, 'missing')])).rejects.toMatchObject({ code: ErrorCode.CloudTrailNothingRead, message: expect.stringMatching(/cannot be read \(ENOENT\)/) });
  });

  it('reads the logs on an inserted stick, inside the folder named, never outside it', async () => {
    const stick = k.practice.insertStick('logs-stick');
    write(stick, 'AWSLogs/x.json', s3LogFile([rootSignIn({ accountId: DATA, at: '2026-03-02T09:14:07Z' })]));
    write(stick, 'STRONGROOM/ignored.json', s3LogFile([rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:14:07Z' })]));
    const run = await k.app.cloudTrail.reconcileStick(stick, 'AWSLogs');
    expect(run.result.signIns.map((s) => s.status)).toEqual(['explained']);
    expect((await k.app.cloudTrail.reconcileStick(stick, '')).result.signIns).toHaveLength(1);
    await expect(k.app.cloudTrail.reconcileStick(stick, '../vault-1')).rejects.toMatchObject({ code: ErrorCode.CloudTrailFolderOutsideStick });
    await expect(k.app.cloudTrail.reconcileStick(stick, '/etc')).rejects.toMatchObject({ code: ErrorCode.CloudTrailFolderOutsideStick });
  });

  it('needs a signed-in custodian, because the import goes on the audit trail', async () => {
    write(logs, 'good.json', s3LogFile([rootSignIn({ accountId: DATA, at: '2026-03-02T09:14:07Z' })]));
    k.app.session.signOut();
    await expect(k.app.cloudTrail.reconcile([logs])).rejects.toMatchObject({ code: ErrorCode.NotSignedIn });
  });
  it('keeps every report in the reports folder, whoever asked, and a copy only where one was asked for', async () => {
    write(logs, 'one.json', s3LogFile([rootSignIn({ accountId: PAYMENTS, at: '2026-03-03T22:41:00Z' })]));
    const reports = join(k.home, 'reports');
    const first = await k.app.cloudTrail.reconcile([logs]);
    const kept = await k.app.cloudTrail.keepReport(first);
    expect(kept).toEqual({ savedTo: join(reports, `cloudtrail-${first.reconciledAt.replace(/[:.]/g, '-')}-event-${first.auditSeq}.pdf`), copiedTo: null });
    expect(readFileSync(kept.savedTo)).toEqual(first.report.pdf);

    clock.advanceSeconds(30);
    const second = await k.app.cloudTrail.reconcile([logs]);
    const copyTo = join(logs, 'asked', 'reconciliation.pdf');
    const both = await k.app.cloudTrail.keepReport(second, { copyTo });
    expect(both.copiedTo).toBe(copyTo);
    expect(readFileSync(copyTo)).toEqual(second.report.pdf);
    expect(readFileSync(both.savedTo)).toEqual(second.report.pdf);
    expect(readdirSync(reports).filter((f) => f.startsWith('cloudtrail-')).sort()).toEqual([kept.savedTo, both.savedTo].map((p) => p.slice(reports.length + 1)).sort());

    // A copy that cannot be written says where the kept report is; the kept one is there all the same.
    clock.advanceSeconds(30);
    const third = await k.app.cloudTrail.reconcile([logs]);
    const blocked = join(write(logs, 'a-file', 'not a folder'), 'report.pdf');
    await expect(k.app.cloudTrail.keepReport(third, { copyTo: blocked })).rejects.toMatchObject({
      code: ErrorCode.FileNotSaved,
      message: expect.stringMatching(/could not be saved to .*a-file\/report\.pdf \((ENOTDIR|EEXIST)\).*The report is kept at .*reports\/cloudtrail-/),
    });
    expect(readdirSync(reports).filter((f) => f.startsWith('cloudtrail-'))).toHaveLength(3);
  });
});
