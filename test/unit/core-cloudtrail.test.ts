import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, MAX_PROBLEMS_LISTED, jsonNestingDepth, parseLogDocument } from '../../src-main/core/cloudtrail-records';
import { EXPLAINING_ACTIONS, reconcileRootActivity } from '../../src-main/core/cloudtrail-reconciliation';
import type { AuditRecord } from '../../src-main/core/cloudtrail-reconciliation';
import { assumeRoot, iamUserCall, lookupEventsOutput, rootCall, rootSignIn, s3LogFile } from '../support/cloudtrail-fixtures';

const PAYMENTS = '111122223333';
const ANALYTICS = '444455556666';
const MANAGEMENT = '999988887777';

let seq = 0;
function audit(action: string, subject: string, at: string, details: Record<string, unknown> = {}): AuditRecord {
  seq += 1;
  return { seq, at, custodian: 'Dana Whitfield', action, subject, details };
}

function reconcile(files: Record<string, string>, auditEvents: AuditRecord[], options = {}) {
  const parsed = Object.entries(files).map(([name, text]) => parseLogDocument(text, name));
  return {
    parsed,
    result: reconcileRootActivity({
      activities: parsed.flatMap((p) => p.activities),
      coverage: parsed.flatMap((p) => p.coverage),
      audit: auditEvents,
      knownAccounts: [PAYMENTS, ANALYTICS],
      options,
    }),
  };
}

describe('reading CloudTrail log documents', () => {
  it('reads S3 delivery files and lookup-events output alike', () => {
    const records = [rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:14:07Z' }), iamUserCall({ accountId: PAYMENTS, at: '2026-03-02T09:20:00Z' })];
    const s3 = parseLogDocument(s3LogFile(records), 's3.json');
    const lookup = parseLogDocument(lookupEventsOutput(records), 'lookup.json');
    for (const doc of [s3, lookup]) {
      expect(doc.recordCount).toBe(2);
      expect(doc.problems).toEqual([]);
      expect(doc.activities).toEqual([
        expect.objectContaining({ kind: 'sign-in', accountId: PAYMENTS, at: '2026-03-02T09:14:07.000Z', sourceIp: '198.51.100.7', mfaUsed: true, succeeded: true }),
      ]);
      expect(doc.coverage).toHaveLength(2);
    }
    expect(s3.shape).toBe('records');
    expect(lookup.shape).toBe('lookup-events');
  });

  it('tells a failed sign-in, one without MFA, a credential change, a root call and AssumeRoot apart', () => {
    const doc = parseLogDocument(
      s3LogFile([
        rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:00:00Z', failed: true, ip: '203.0.113.9' }),
        rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:01:00Z', mfa: false }),
        rootCall({ accountId: PAYMENTS, at: '2026-03-02T09:05:00Z', eventName: 'DeactivateMFADevice' }),
        rootCall({ accountId: PAYMENTS, at: '2026-03-02T09:06:00Z', eventName: 'ListUsers' }),
        assumeRoot({ managementAccountId: MANAGEMENT, targetAccountId: ANALYTICS, at: '2026-03-02T10:00:00Z', taskPolicy: 'IAMAuditRootUserCredentials' }),
      ]),
      'mixed.json',
    );
    expect(doc.activities.map((a) => [a.kind, a.succeeded, a.mfaUsed, a.credential])).toEqual([
      ['sign-in', false, false, null],
      ['sign-in', true, false, null],
      ['credential-change', true, true, 'mfa'],
      ['api-call', true, true, null],
      ['assume-root', true, false, null],
    ]);
    expect(doc.activities[0]).toMatchObject({ errorMessage: 'Failed authentication', sourceIp: '203.0.113.9' });
    expect(doc.activities[4]).toMatchObject({
      accountId: ANALYTICS,
      caller: `arn:aws:sts::${MANAGEMENT}:assumed-role/RootTaskAdmin/admin-session`,
      taskPolicy: 'arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials',
      sessionAccessKey: 'ASIAEXAMPLESESSION01',
    });
  });

  it('reports malformed records with their number and reads the rest', () => {
    const good = rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:14:07Z' });
    const doc = parseLogDocument(
      s3LogFile([
        'not an object',
        { ...good, eventTime: 'yesterday' },
        { ...good, recipientAccountId: '12345', userIdentity: { type: 'Root' } },
        { ...good, eventName: undefined },
        { ...good, userIdentity: null },
        good,
      ]),
      'damaged.json',
    );
    expect(doc.activities).toHaveLength(1);
    expect(doc.problems.map((p) => p.record)).toEqual([1, 2, 3, 4, 5]);
    expect(doc.problems[1]!.reason).toMatch(/eventTime/);
    expect(doc.problems[2]!.reason).toMatch(/12-digit account/);
  });

  it('skips files that are not CloudTrail logs, and digest files without calling them damaged', () => {
    expect(parseLogDocument('{"Records": tru', 'cut.json').problems[0]!.reason).toMatch(/not valid JSON/);
    expect(parseLogDocument('{"accounts": []}', 'other.json').problems[0]!.reason).toMatch(/neither CloudTrail log records/);
    const digest = parseLogDocument(JSON.stringify({ digestStartTime: '2026-03-02T09:00:00Z', logFiles: [] }), 'digest.json');
    expect(digest).toMatchObject({ shape: 'digest', problems: [] });
  });

  it('refuses a document nested deeper than any record before parsing it', () => {
    const deep = `{"Records":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`;
    const doc = parseLogDocument(deep, 'deep.json');
    expect(doc.problems[0]!.reason).toMatch(new RegExp(`${MAX_JSON_DEPTH}`));
    const embedded = lookupEventsOutput([]).replace('[]', JSON.stringify([{ CloudTrailEvent: '['.repeat(5000) }]));
    expect(parseLogDocument(embedded, 'deep-event.json').problems[0]!.reason).toMatch(/nested 5000 levels/);
  });

  it('counts nesting outside strings only', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0);
        expect(jsonNestingDepth(text)).toBe(depthOf(value));
      }),
    );
  });

  it('never throws on arbitrary input, and lists at most a bounded number of problems', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.array(fc.anything()).map((r) => JSON.stringify({ Records: r }))), (text) => {
        const doc = parseLogDocument(text, 'fuzz.json');
        expect(doc.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS_LISTED);
      }),
    );
    const many = parseLogDocument(s3LogFile(Array.from({ length: 5000 }, () => 7)), 'many.json');
    expect(many.problemCount).toBe(5000);
    expect(many.problems).toHaveLength(MAX_PROBLEMS_LISTED);
  });

  it('stops at the record cap and counts what it left unread', () => {
    const doc = parseLogDocument(s3LogFile([iamUserCall({ accountId: PAYMENTS, at: '2026-03-02T09:00:00Z' }), iamUserCall({ accountId: PAYMENTS, at: '2026-03-02T09:01:00Z' })]), 'x.json', 1);
    expect(doc).toMatchObject({ recordCount: 1, skippedOverCap: 1 });
  });
});

describe('reconciling root activity with the audit trail', () => {
  it('matches a sign-in to the break-glass before it and names the unmatched one', () => {
    const trail = [audit('breakglass.opened', PAYMENTS, '2026-03-02T09:00:00.000Z', { reason: 'quarterly check', vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor' })];
    const { result } = reconcile(
      {
        'a.json': s3LogFile([
          rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:14:07Z' }),
          rootSignIn({ accountId: ANALYTICS, at: '2026-03-03T22:41:00Z', ip: '203.0.113.9' }),
        ]),
      },
      trail,
    );
    expect(result.signIns.map((s) => [s.activity.accountId, s.status])).toEqual([
      [PAYMENTS, 'explained'],
      [ANALYTICS, 'unexplained'],
    ]);
    expect(result.signIns[0]!.explanation).toMatchObject({ procedure: 'break-glass', who: 'Dana Whitfield and Sam Okafor', reason: 'quarterly check' });
    expect(result.findings).toEqual([
      expect.objectContaining({ kind: 'unexplained-sign-in', accountId: ANALYTICS, at: '2026-03-03T22:41:00.000Z', sourceIp: '203.0.113.9', mfaUsed: true }),
    ]);
    expect(result.findings[0]!.sentence).toContain('444455556666 at 2026-03-03 22:41:00 UTC from 203.0.113.9, MFA used: yes');
    expect(result.breakGlasses).toEqual([expect.objectContaining({ accountId: PAYMENTS, status: 'signed-in' })]);
  });

  it('uses the configured window: a sign-in three hours after a break-glass is unexplained by default and explained with a wider window', () => {
    const trail = [audit('breakglass.opened', PAYMENTS, '2026-03-02T09:00:00.000Z')];
    const files = { 'a.json': s3LogFile([rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T12:00:00Z' })]) };
    expect(reconcile(files, trail).result.findings.map((f) => f.kind)).toEqual(['unexplained-sign-in']);
    expect(reconcile(files, trail, { windowHours: 4 }).result.findings).toEqual([]);
    // A break-glass of another account explains nothing here.
    expect(reconcile(files, [audit('breakglass.opened', ANALYTICS, '2026-03-02T11:00:00.000Z')]).result.findings).toHaveLength(1);
  });

  it('tolerates the offline kiosk clock running a few minutes fast, and no more', () => {
    const trail = [audit('breakglass.opened', PAYMENTS, '2026-03-02T09:08:00.000Z')];
    const early = { 'a.json': s3LogFile([rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:00:00Z' })]) };
    expect(reconcile(early, trail).result.findings).toEqual([]);
    const tooEarly = { 'a.json': s3LogFile([rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T08:30:00Z' })]) };
    expect(reconcile(tooEarly, trail).result.findings).toHaveLength(1);
  });

  it('calls a second sign-in after one break-glass a finding', () => {
    const trail = [audit('breakglass.opened', PAYMENTS, '2026-03-02T09:00:00.000Z')];
    const { result } = reconcile(
      { 'a.json': s3LogFile([rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:10:00Z' }), rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T10:30:00Z', ip: '192.0.2.200' })]) },
      trail,
    );
    expect(result.signIns.map((s) => s.status)).toEqual(['explained', 'second-sign-in']);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'second-sign-in', sourceIp: '192.0.2.200' })]);
  });

  it('flags a sign-in without MFA even when a break-glass explains it', () => {
    const trail = [audit('breakglass.opened', PAYMENTS, '2026-03-02T09:00:00.000Z')];
    const { result } = reconcile({ 'a.json': s3LogFile([rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:10:00Z', mfa: false })]) }, trail);
    expect(result.signIns[0]!.status).toBe('explained');
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'sign-in-without-mfa', mfaUsed: false })]);
  });

  it('explains a failed attempt during a break-glass and reports one outside', () => {
    const trail = [audit('breakglass.opened', PAYMENTS, '2026-03-02T09:00:00.000Z')];
    const { result } = reconcile(
      {
        'a.json': s3LogFile([
          rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:05:00Z', failed: true }),
          rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:06:00Z' }),
          rootSignIn({ accountId: PAYMENTS, at: '2026-03-05T03:00:00Z', failed: true, ip: '203.0.113.66' }),
        ]),
      },
      trail,
    );
    expect(result.failedSignIns.map((s) => s.status)).toEqual(['explained', 'unexplained']);
    expect(result.signIns.map((s) => s.status)).toEqual(['explained']);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'failed-sign-in', sourceIp: '203.0.113.66', mfaUsed: false })]);
  });

  it('matches MFA and password changes to an enrolment, and reports the ones nobody recorded', () => {
    const trail = [audit('enrolment.started', PAYMENTS, '2026-03-02T09:00:00.000Z'), audit('account.enrolled', PAYMENTS, '2026-03-02T09:40:00.000Z')];
    const { result } = reconcile(
      {
        'a.json': s3LogFile([
          rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:05:00Z' }),
          rootCall({ accountId: PAYMENTS, at: '2026-03-02T09:10:00Z', eventName: 'CreateVirtualMFADevice' }),
          rootCall({ accountId: PAYMENTS, at: '2026-03-02T09:11:00Z', eventName: 'EnableMFADevice' }),
          rootCall({ accountId: ANALYTICS, at: '2026-03-04T14:00:00Z', eventName: 'DeactivateMFADevice', ip: '203.0.113.77' }),
        ]),
      },
      trail,
    );
    expect(result.changes.map((c) => [c.activity.eventName, c.explanation?.procedure ?? null])).toEqual([
      ['CreateVirtualMFADevice', 'enrolment'],
      ['EnableMFADevice', 'enrolment'],
      ['DeactivateMFADevice', null],
    ]);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'unrecorded-change', accountId: ANALYTICS, sourceIp: '203.0.113.77' })]);
    // A break-glass never explains a credential change: rotating is its own, recorded, procedure.
    const bg = reconcile({ 'a.json': s3LogFile([rootCall({ accountId: PAYMENTS, at: '2026-03-02T09:10:00Z', eventName: 'ChangePassword' })]) }, [
      audit('breakglass.opened', PAYMENTS, '2026-03-02T09:00:00.000Z'),
    ]);
    expect(bg.result.findings.map((f) => f.kind)).toEqual(['unrecorded-change']);
  });

  it('lets any rotation.* audit action explain a change, so the rotation flow needs no change here', () => {
    expect(EXPLAINING_ACTIONS.some((e) => e.action === 'rotation.')).toBe(true);
    const { result } = reconcile({ 'a.json': s3LogFile([rootCall({ accountId: PAYMENTS, at: '2026-03-02T09:10:00Z', eventName: 'ChangePassword' })]) }, [
      audit('rotation.password-set', PAYMENTS, '2026-03-02T09:00:00.000Z'),
    ]);
    expect(result.findings).toEqual([]);
    expect(result.changes[0]!.explanation?.procedure).toBe('rotation');
  });

  it('reports root calls outside any break-glass, and counts those inside one', () => {
    const trail = [audit('breakglass.opened', PAYMENTS, '2026-03-02T09:00:00.000Z')];
    const { result } = reconcile(
      {
        'a.json': s3LogFile([
          rootCall({ accountId: PAYMENTS, at: '2026-03-02T09:30:00Z', eventName: 'GetAccountSummary' }),
          rootCall({ accountId: PAYMENTS, at: '2026-03-06T01:00:00Z', eventName: 'CreateUser', ip: '203.0.113.99' }),
        ]),
      },
      trail,
    );
    expect(result.apiCalls.explained).toBe(1);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'unexplained-api-call', sourceIp: '203.0.113.99' })]);
  });

  it('lists AssumeRoot sessions with their calls, and treats a credential-deleting task as a change', () => {
    const { result } = reconcile(
      {
        'mgmt.json': s3LogFile([
          assumeRoot({ managementAccountId: MANAGEMENT, targetAccountId: ANALYTICS, at: '2026-03-02T10:00:00Z', taskPolicy: 'S3UnlockBucketPolicy', sessionKey: 'ASIASESSIONUNLOCK001' }),
          assumeRoot({ managementAccountId: MANAGEMENT, targetAccountId: PAYMENTS, at: '2026-03-02T11:00:00Z', taskPolicy: 'IAMDeleteRootUserCredentials' }),
        ]),
        'member.json': s3LogFile([rootCall({ accountId: ANALYTICS, at: '2026-03-02T10:01:00Z', eventName: 'DeleteBucketPolicy', eventSource: 's3.amazonaws.com', accessKeyId: 'ASIASESSIONUNLOCK001', assumedRoot: true })]),
      },
      [],
    );
    expect(result.assumeRootSessions.map((s) => [s.activity.accountId, s.callCount, s.changesCredentials])).toEqual([
      [ANALYTICS, 1, false],
      [PAYMENTS, 0, true],
    ]);
    expect(result.apiCalls).toMatchObject({ viaAssumeRoot: 1, unexplained: [] });
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'unrecorded-change', accountId: PAYMENTS })]);
    expect(result.findings[0]!.sentence).toMatch(/IAMDeleteRootUserCredentials requested by arn:aws:sts::999988887777/);
  });

  it('says which break-glasses had no sign-in and which the logs do not cover', () => {
    const trail = [
      audit('breakglass.opened', PAYMENTS, '2026-03-02T09:00:00.000Z'),
      audit('breakglass.opened', PAYMENTS, '2026-04-20T09:00:00.000Z'),
    ];
    const { result } = reconcile(
      { 'a.json': s3LogFile([iamUserCall({ accountId: PAYMENTS, at: '2026-03-02T08:00:00Z' }), iamUserCall({ accountId: PAYMENTS, at: '2026-03-02T12:00:00Z' })]) },
      trail,
    );
    expect(result.breakGlasses.map((b) => b.status)).toEqual(['no-sign-in', 'not-covered']);
    expect(result.findings).toEqual([]);
  });

  it('gives each account its time range, calls out gaps, and names accounts the logs never mention', () => {
    const { result } = reconcile(
      {
        'a.json': s3LogFile([
          iamUserCall({ accountId: PAYMENTS, at: '2026-03-01T00:00:00Z' }),
          iamUserCall({ accountId: PAYMENTS, at: '2026-03-01T20:00:00Z' }),
          iamUserCall({ accountId: PAYMENTS, at: '2026-03-04T08:00:00Z' }),
        ]),
      },
      [],
    );
    expect(result.range).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-04T08:00:00.000Z' });
    expect(result.accounts).toEqual([
      expect.objectContaining({ accountId: PAYMENTS, records: 3, gaps: [{ from: '2026-03-01T20:00:00.000Z', to: '2026-03-04T08:00:00.000Z', hours: 60 }] }),
    ]);
    expect(result.accountsWithoutRecords).toEqual([ANALYTICS]);
  });

  it('counts a record read twice (an S3 file and a lookup-events export) once', () => {
    const signIn = rootSignIn({ accountId: PAYMENTS, at: '2026-03-02T09:14:07Z' });
    const { result } = reconcile({ 's3.json': s3LogFile([signIn]), 'lookup.json': lookupEventsOutput([signIn]) }, []);
    expect(result.signIns).toHaveLength(1);
    expect(result.findings.map((f) => f.kind)).toEqual(['unexplained-sign-in']);
  });
});
