import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashAuditEvent, sealAuditEvent, type AuditDetails, type AuditEvent } from '../../src-main/core/audit-chain';
import { AUDIT_CSV_HEADER, buildAuditCsv } from '../../src-main/core/audit-csv';
import { auditHighlight, describeAuditEvent, KNOWN_AUDIT_ACTIONS } from '../../src-main/core/audit-event-words';
import { auditEventMentions, describeAuditFilter, matchesAuditFilter, normaliseAuditFilter } from '../../src-main/core/audit-filter';
import type { JsonValue } from '../../src-main/core/canonical-json';
import { parseCsv, restoreNeutralisedCell } from '../../src-main/core/csv';
import type { StrongroomError } from '../../src-main/core/errors';
import { ErrorCode } from '../../src-main/core/errors';

const SHA = '3f2a9c1b77e012ab'.repeat(4);
const DEVICE = '/dev/disk/by-id/usb-SanDisk_Cruzer_4C530001-0:0';

function event(action: string, subject: string, details: AuditDetails = {}, options: { at?: string; custodian?: string; seq?: number } = {}): AuditEvent {
  const sealed = sealAuditEvent(undefined, { at: options.at ?? '2026-12-01T18:45:07.123Z', custodian: options.custodian ?? 'Dana Whitfield', action, subject, details });
  return options.seq ? { ...sealed, seq: options.seq } : sealed;
}

/** Details as the desks record them for each action, so every sentence is exercised with realistic values. */
const RECORDED: Readonly<Record<string, [string, AuditDetails]>> = {
  'custodian.signed-in': ['Dana Whitfield', { newCustodian: true, via: 'kiosk' }],
  'custodian.signed-out': ['Dana Whitfield', { reason: 'another custodian signed in' }],
  'custodian.locked-idle': ['Dana Whitfield', { idleMinutes: 5 }],
  'settings.idle-lock-changed': ['kiosk', { from: 5, to: 10 }],
  'settings.verification-interval-changed': ['kiosk', { from: 90, to: 60 }],
  'airgap.refused': ['print the paper seed backup (opens the seed store)', { interfaces: 'wlan0' }],
  'airgap.override': ['kiosk', { reason: 'lab rehearsal', interfaces: 'eth0' }],
  'medium.labelled': ['VAULT-01', { role: 'vault', location: 'onsite', warnings: 0, device: DEVICE, identitySource: 'usb-serial' }],
  'medium.label-refused': [DEVICE, { role: 'seed', reasons: 'partition 2 holds vault.kdbx', device: DEVICE, identitySource: 'usb-serial' }],
  'medium.wiped': ['SEEDS-03', { role: 'seed', device: DEVICE, identitySource: 'usb-serial' }],
  'medium.ejected': ['VAULT-02', { safeToRemove: false, device: DEVICE, identitySource: 'usb-serial' }],
  'artefact.written': ['VAULT-01', { role: 'vault', artefact: 'vault.kdbx', generation: 3, sha256: SHA, device: DEVICE, identitySource: 'usb-serial' }],
  'artefact.write-refused': ['SEEDS-01', { role: 'seed', artefact: 'seeds.kdbx', reasons: 'partition 1 holds vault.kdbx', device: DEVICE, identitySource: 'usb-serial' }],
  'artefact.write-failed': ['VAULT-02', { role: 'vault', artefact: 'vault.kdbx', generation: 4, error: 'MEDIUM_FULL', device: DEVICE, identitySource: 'usb-serial' }],
  'medium.audit-copy-missing': ['VAULT-02', { job: 'WJ-2026-01-01-abcd1234', error: 'MEDIUM_READ_ONLY', device: DEVICE, identitySource: 'usb-serial' }],
  'document.saved': ['VAULT-01', { document: 'the vault emergency sheet', file: 'emergency-sheet.pdf', sha256: SHA, device: DEVICE, identitySource: 'usb-serial' }],
  'document.save-refused': ['VAULT-01', { document: 'the paper seed backup', role: 'seed', device: DEVICE, identitySource: 'usb-serial' }],
  'account.added': ['111111111111', { name: 'prod-payments', rootCredentialStatus: 'not-enrolled', mfa: 'virtual' }],
  'account.updated': ['111111111111', { name: 'prod-payments', rootCredentialStatus: 'enrolled', mfa: 'virtual' }],
  'accounts.imported': ['accounts.csv', { format: 'csv', added: 2, updated: 1, skippedRows: 1, suspended: 0 }],
  'accounts.provisioned': ['accounts.csv', { accounts: 4, vaultGeneration: 1, seedGeneration: 1 }],
  'account.enrolled': ['111111111111', { vaultGeneration: 2, seedGeneration: 2 }],
  'enrolment.started': ['111111111111', { enrolment: 'e-1' }],
  'enrolment.password-revealed': ['111111111111', { enrolment: 'e-1' }],
  'enrolment.seed-recorded': ['111111111111', { source: 'base32' }],
  'enrolment.aws-accepted': ['111111111111', {}],
  'enrolment.cancelled': ['111111111111', {}],
  'breakglass.opened': ['111111111111', { reason: 'root-only task', vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor', vaultGeneration: 2, seedGeneration: 2, warnings: 0 }],
  'breakglass.failed': ['111111111111', { reason: 'root-only task', vaultCustodian: 'Dana Whitfield', seedCustodian: 'Sam Okafor', error: 'KDBX_WRONG_PASSPHRASE' }],
  'breakglass.closed': ['111111111111', { how: 'closed by custodian' }],
  'breakglass.password-revealed': ['111111111111', {}],
  'breakglass.password-copied': ['111111111111', { clearsAfterSeconds: 30 }],
  'mfa.code-shown': ['111111111111', { seedGeneration: 2, via: 'cli' }],
  'verification.started': ['VR-2026-12-01-a1b2c3d4', {}],
  'verification.medium-checked': ['SEEDS-02', { runId: 'VR-2026-12-01-a1b2c3d4', outcome: 'failed', failed: 'content, audit copy', seal: 'S-1042' }],
  'verification.finished': ['VR-2026-12-01-a1b2c3d4', { media: 4, failed: 'SEEDS-02', reportFingerprint: SHA.toUpperCase() }],
  'print.seed-backup-prepared': ['SEEDS-01', { document: 'd-1', generation: 2, fingerprint: 'A1B2C3D4E5F60718', accounts: 2, pages: 3 }],
  'print.seed-backup-discarded': ['seed-backup', { document: 'd-1', how: 'discarded by custodian' }],
  'print.seed-backup-failed': ['SEEDS-01', { error: 'KDBX_WRONG_PASSPHRASE' }],
  'print.printed': ['emergency-sheet-vault', { document: 'd-2', printer: 'Office_Laser', pages: 2, fingerprint: 'A1B2C3D4E5F60718', job: 'Office_Laser-12' }],
  'print.failed': ['seed-backup', { document: 'd-1', printer: 'Office_Laser', error: 'PRINT_FAILED' }],
  'print.save-refused': ['VAULT-01', { document: 'd-1', kind: 'seed-backup', stickRole: 'vault', needs: 'seed' }],
  'print.save-failed': ['SEEDS-01', { document: 'd-1', kind: 'seed-backup', error: 'MEDIUM_FULL' }],
  'print.written-to-file': ['medium-labels', { document: 'd-3', file: '/home/kiosk/labels.pdf', sha256: SHA }],
  'print.secrets-wiped': ['kiosk', { how: 'locked-idle', seedDocuments: 1, restoredSeeds: 0, practice: true }],
  'paper.seed-restored': ['111111111111', { restore: 'r-1', lineCount: 4 }],
  'paper.seed-restore-failed': ['111111111111', { error: 'SEED_LINE_WRONG', lineCount: 4, wrongLines: '2, 3' }],
  'paper.re-enrolment-started': ['111111111111', { restore: 'r-1', enrolment: 'e-2' }],
  'passphrase.suggested': ['kiosk', { words: 7 }],
  'seeds.csv-exported': ['SEEDS-02', { accounts: 2, seedGeneration: 2, from: 'SEEDS-01', file: 'STRONGROOM/seeds.csv' }],
  'cloudtrail.reconciled': ['cloudtrail', { files: 3, filesDigest: SHA, fileDigests: [{ path: '/media/usb/AWSLogs/111/CloudTrail/a.json.gz', sha256: SHA, records: 12 }], records: 12, rootEvents: 2, skipped: 0, from: '2026-11-01T00:00:00Z', to: '2026-11-30T23:59:59Z', accounts: 2, signIns: 1, unexplained: 1, windowHours: 2, auditHeadSeq: 40, reportFingerprint: SHA.toUpperCase() }],
  'token.added': ['TOKEN-07', { kind: 'fido', make: 'Yubico', model: 'YubiKey 5 NFC', serial: '12345678', location: 'Safe A, shelf 2', accounts: ['111111111111'] }],
  'token.registered': ['TOKEN-07', { accounts: ['222222222222'] }],
  'token.deregistered': ['TOKEN-07', { accounts: ['222222222222'] }],
  'token.lost': ['TOKEN-07', { reason: 'dropped on the train', accountsToReregister: ['111111111111'], wasCheckedOutTo: ['Dana Whitfield'] }],
  'token.revoked': ['TOKEN-07', { reason: 'replaced', accountsToReregister: ['111111111111'] }],
  'token.destroyed': ['TOKEN-07', { reason: 'shredded', stillRegisteredOn: [] }],
  'token.checked-out': ['TOKEN-07', { custodians: ['Dana Whitfield', 'Sam Okafor'], reason: 'break-glass', dueAt: '2026-12-02T18:45:00.000Z', location: 'Safe A' }],
  'token.checked-in': ['TOKEN-07', { how: 'hid', checkedOutAt: '2026-12-01T18:45:00.000Z', custodians: ['Dana Whitfield'], overdue: false, location: 'Safe A' }],
  'token.check-in-refused': ['TOKEN-07', { outcome: 'mismatch', why: 'serial 87654321 belongs to TOKEN-08' }],
  'token.seen': ['TOKEN-07', { how: 'serial', state: 'in-safe' }],
  'verification.tokens-checked': ['VR-2026-12-01-a1b2c3d4', { presented: 2, expected: 3, missing: 'TOKEN-07' }],
  'verification.token-unknown': ['VR-2026-12-01-a1b2c3d4', { described: 'YubiKey 5 NFC, serial 99999999', why: 'not in the inventory' }],
  'verification.token-not-presented': ['VR-2026-12-01-a1b2c3d4', { tokenId: 'TOKEN-07', reason: 'Safe B was not opened today' }],
  'token.mismatch': ['TOKEN-07', { outcome: 'mismatch', why: 'the key reports another model' }],
  'custodian.registered': ['Priya Raman', { by: 'Dana Whitfield' }],
  'custodian.pending-work-discarded': ['Dana Whitfield', { discarded: 'a seed backup held for printing' }],
  'settings.kept-generations-changed': ['kiosk', { from: 3, to: 5 }],
  'settings.reveal-flag-changed': ['kiosk', { revealAllowed: false }],
  'airgap.lost': ['kiosk', { interfaces: 'wlan0' }],
  'medium.sealed': ['VAULT-01', { seal: 'A-0042' }],
  'medium.reported-lost': ['SEEDS-02', { reason: 'not in its safe at the quarterly check' }],
  'medium.replaced': ['VAULT-02', { by: 'VAULT-04' }],
  'medium.leftovers-cleared': ['VAULT-01', { done: 'vault.g7.kdbx.staged removed' }],
  'write-job.refused': ['VAULT-01', { reasons: 'the stick holds a seed store' }],
  'write-job.failed': ['VAULT-01', { error: 'MEDIUM_WRITE_FAILED' }],
  'write-job.retried': ['VAULT-02', { generation: 4 }],
  'write-job.closed': ['SEEDS-02', { behind: 'SEEDS-02' }],
  'account.lifecycle-changed': ['111122223333', { to: 'closed' }],
  'breakglass.pending-password-revealed': ['111122223333', { reason: 'rotation not confirmed on AWS' }],
  'rotation.started': ['111122223333', { generation: 5 }],
  'rotation.password-shown': ['111122223333', { seconds: 30 }],
  'passphrase.changed': ['vault', { generation: 6 }],
  'keycards.drawn': ['vault', { threshold: 2, cards: 3 }],
  'keycards.dropped': ['vault', { reason: 'replaced by a new draw' }],
  'keycards.in-force': ['vault', { generation: 6 }],
  'keycards.superseded': ['vault', { generation: 7 }],
  'keycards.combined': ['vault', { cards: 2 }],
  'incident.opened': ['INC-0003', { kind: 'stick lost' }],
  'incident.resolved': ['INC-0003', { outcome: 'stick found sealed' }],
  'audit.tamper-alarm': ['kiosk', { reason: 'the trail is shorter than a stick\u2019s copy' }],
  'audit.tamper-alarm-acknowledged': ['kiosk', { note: 'restored from VAULT-01' }],
  'audit.exported': ['VAULT-01', { format: 'pdf', events: 37, to: 'VAULT-01', file: 'audit-20261201T184507Z-37-entries.pdf', sha256: SHA, filter: 'custodian Dana Whitfield', headSeq: 412, chainIntact: true }],
};

const allText = (d: ReturnType<typeof describeAuditEvent>) => [d.title, d.sentence, ...d.facts.flatMap((f) => [f.label, f.value])].join('\n');

describe('audit entries in words', () => {
  it('has words for every action the desks record', () => {
    expect(Object.keys(RECORDED).sort()).toEqual([...KNOWN_AUDIT_ACTIONS].sort());
  });

  it.each(Object.entries(RECORDED))('says %s as a sentence, with no raw key/value text, hash or path as its name', (action, [subject, details]) => {
    const words = describeAuditEvent(event(action, subject, details));
    expect(words.title).not.toBe(action);
    expect(words.sentence).toMatch(/^[A-Z0-9“]/);
    expect(words.sentence).toMatch(/[.”]$/);
    expect(words.sentence).not.toMatch(/[{}]|":|undefined|null|NaN|\[object/);
    expect(words.sentence).not.toContain(SHA);
    expect(words.sentence).not.toContain(DEVICE);
    // A digest is shortened wherever it is shown, and labelled.
    expect(allText(words)).not.toMatch(/[0-9a-f]{32}/i);
    for (const fact of words.facts) expect(fact.label).not.toMatch(/^[a-z]+[A-Z]/);
  });

  it('loses no recorded detail: what the sentence does not say is a labelled fact', () => {
    // Values the sentences put in words rather than repeat.
    const inWords: Readonly<Record<string, string>> = { onsite: 'on site', offsite: 'off site', hid: 'read over USB', serial: 'printed serial', 'locked-idle': 'locked itself', fido: 'FIDO', kiosk: 'at the kiosk', cli: 'command line', 'seed-backup': 'paper seed backup' };
    const missing: string[] = [];
    for (const [action, [subject, details]] of Object.entries(RECORDED)) {
      const text = allText(describeAuditEvent(event(action, subject, details))).toLowerCase();
      for (const [key, value] of Object.entries(details)) {
        if (key === 'practice' || typeof value === 'boolean' || value === null || typeof value === 'object' || key.endsWith('At') || key === 'from' || key === 'to') continue;
        const raw = String(value);
        const shown = /^[0-9a-f]{64}$/i.test(raw) ? raw.slice(0, 4) : raw;
        if (!text.includes(shown.toLowerCase()) && !text.includes((inWords[raw] ?? '\u0000').toLowerCase())) missing.push(`${action} ${key}=${raw}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('names a stick by its medium id, and an unlabelled one never by its device path', () => {
    const labelled = describeAuditEvent(event(...(['artefact.written', ...RECORDED['artefact.written']!] as const)));
    expect(labelled.sentence).toBe('Generation 3 of vault.kdbx written to VAULT-01, read back and verified.');
    expect(labelled.facts).toContainEqual({ label: 'SHA-256', value: '3F2A 9C1B 77E0 12AB…' });
    expect(labelled.facts).toContainEqual({ label: 'Device path', value: DEVICE });
    const unlabelled = describeAuditEvent(event(...(['medium.label-refused', ...RECORDED['medium.label-refused']!] as const)));
    expect(unlabelled.sentence).toBe('Refused to label an unlabelled stick as a seed medium: partition 2 holds vault.kdbx.');
  });

  it('adds the account name to an account id when the kiosk knows it', () => {
    const words = describeAuditEvent(event('breakglass.password-revealed', '111111111111'), (id) => (id === '111111111111' ? 'prod-payments' : undefined));
    expect(words.sentence).toBe('The root password of 111111111111 (prod-payments) was shown on screen.');
  });

  it('describes an action this version does not know, and details it cannot read, without failing', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.dictionary(fc.string(), fc.jsonValue() as fc.Arbitrary<JsonValue>), (action, subject, details) => {
        const words = describeAuditEvent({ custodian: 'X', action, subject, details });
        expect(typeof words.sentence).toBe('string');
        expect(words.title.length).toBeGreaterThanOrEqual(0);
      }),
    );
    const odd = describeAuditEvent(event('artefact.written', 'VAULT-01', { generation: { nested: [1, 2] }, sha256: 42 }));
    expect(odd.sentence).toContain('VAULT-01');
  });
});

describe('highlighting refusals and failures: one rule', () => {
  it('marks every action named …-refused or …-failed, and the other alarms, and nothing routine', () => {
    for (const [action, [, details]] of Object.entries(RECORDED)) {
      const marked = auditHighlight(action, details);
      if (/(^|[.-])(refused|failed)$/.test(action)) expect({ action, marked: marked?.highlight }).toEqual({ action, marked: 'alarm' });
    }
    expect(auditHighlight('medium.label-refused', {})).toEqual({ highlight: 'alarm', word: 'Refused' });
    expect(auditHighlight('print.save-failed', {})).toEqual({ highlight: 'alarm', word: 'Failed' });
    expect(auditHighlight('airgap.refused', {})?.highlight).toBe('alarm');
    expect(auditHighlight('token.mismatch', {})?.highlight).toBe('alarm');
    expect(auditHighlight('some.future-tamper-detected', {})?.highlight).toBe('alarm');
    expect(auditHighlight('verification.medium-checked', { outcome: 'failed' })?.highlight).toBe('alarm');
    expect(auditHighlight('verification.medium-checked', { outcome: 'passed' })).toBeNull();
    expect(auditHighlight('verification.finished', { failed: '' })).toBeNull();
    expect(auditHighlight('cloudtrail.reconciled', { unexplained: 2 })?.word).toBe('Unexplained');
    expect(auditHighlight('cloudtrail.reconciled', { unexplained: 0 })).toBeNull();
    expect(auditHighlight('breakglass.password-revealed', {})).toEqual({ highlight: 'caution', word: 'Secret shown' });
    expect(auditHighlight('artefact.written', {})).toBeNull();
    expect(auditHighlight('custodian.signed-in', {})).toBeNull();
  });
});

describe('the audit filter', () => {
  const trail = [
    event('custodian.signed-in', 'Dana Whitfield', { via: 'kiosk' }, { seq: 1, at: '2026-11-30T23:59:59.999Z' }),
    event('artefact.written', 'VAULT-01', { artefact: 'vault.kdbx', generation: 1, sha256: SHA }, { seq: 2, at: '2026-12-01T00:00:00.000Z' }),
    event('artefact.write-refused', 'SEEDS-01', { artefact: 'seeds.kdbx', reasons: 'partition 1 holds vault.kdbx' }, { seq: 3, at: '2026-12-01T12:00:00.000Z', custodian: 'Sam Okafor' }),
    event('verification.finished', 'VR-2026-12-02-a1', { media: 2, failed: 'SEEDS-02, VAULT-010' }, { seq: 4, at: '2026-12-02T23:59:59.999Z' }),
    event('token.registered', 'TOKEN-07', { accounts: ['111111111111', '222222222222'] }, { seq: 5, at: '2026-12-03T00:00:00.000Z' }),
  ];
  const shown = (request: Parameters<typeof normaliseAuditFilter>[0]) => {
    const filter = normaliseAuditFilter(request);
    return trail.filter((e) => matchesAuditFilter(e, filter, () => describeAuditEvent(e))).map((e) => e.seq);
  };

  it('shows everything when empty', () => expect(shown({})).toEqual([1, 2, 3, 4, 5]));

  it('filters by custodian and by action', () => {
    expect(shown({ custodian: 'Sam Okafor' })).toEqual([3]);
    expect(shown({ action: 'artefact.written' })).toEqual([2]);
  });

  it('takes a date range as UTC days, both ends included', () => {
    expect(shown({ fromDay: '2026-12-01', toDay: '2026-12-02' })).toEqual([2, 3, 4]);
    expect(shown({ fromDay: '2026-12-03' })).toEqual([5]);
    expect(shown({ toDay: '2026-11-30' })).toEqual([1]);
  });

  it('finds an account, medium or token named as the subject or in the details, as a whole id', () => {
    expect(shown({ subject: 'vault-01' })).toEqual([2]);
    expect(shown({ subject: 'SEEDS-02' })).toEqual([4]);
    expect(shown({ subject: '222222222222' })).toEqual([5]);
    expect(shown({ subject: 'TOKEN-0' })).toEqual([]);
    expect(auditEventMentions(trail[3]!, 'VAULT-01')).toBe(false);
  });

  it('searches free text in the words shown and in what was recorded, every word required', () => {
    expect(shown({ text: 'read back' })).toEqual([2]);
    expect(shown({ text: 'REFUSED partition' })).toEqual([3]);
    expect(shown({ text: '3f2a9c1b' })).toEqual([2]);
    expect(shown({ text: 'sam vault' })).toEqual([3]);
    expect(shown({ text: '2026-12-02' })).toEqual([4]);
    expect(shown({ text: 'nothing-like-this' })).toEqual([]);
  });

  it('shows only refusals, failures and alarms when asked', () => {
    expect(shown({ alarmsOnly: true })).toEqual([3, 4]);
    expect(shown({ alarmsOnly: true, custodian: 'Dana Whitfield' })).toEqual([4]);
  });

  it('refuses a day that is not one, and a range that runs backwards, saying how to write it', () => {
    for (const bad of [{ fromDay: '12/01/2026' }, { toDay: '2026-02-30' }, { fromDay: '2026-12-1' }, { fromDay: '2026-12-03', toDay: '2026-12-01' }]) {
      const error = (() => {
        try {
          normaliseAuditFilter(bad);
          return null;
        } catch (e) {
          return e as StrongroomError;
        }
      })();
      expect(error?.code).toBe(ErrorCode.AuditFilterInvalid);
      expect(error?.message).toMatch(/YYYY-MM-DD|after the last/);
    }
  });

  it('says the filter in words for the export', () => {
    const filter = normaliseAuditFilter({ custodian: 'Sam Okafor', action: 'artefact.write-refused', subject: 'seeds-01', fromDay: '2026-12-01', toDay: '2026-12-02', text: 'Partition', alarmsOnly: true });
    expect(describeAuditFilter(filter, (a) => (a === 'artefact.write-refused' ? 'Write refused' : a))).toEqual([
      'custodian Sam Okafor',
      'action “Write refused”',
      'about SEEDS-01',
      'from 2026-12-01',
      'to 2026-12-02',
      'containing “partition”',
      'refusals, failures and alarms only',
    ]);
  });
});

describe('the audit CSV export', () => {
  const hostile = 'Eve =HYPERLINK("http://x","click")';
  const entries = [
    event('custodian.signed-in', '=cmd|calc', { via: 'kiosk' }, { custodian: '=HYPERLINK("http://x")' }),
    event('airgap.override', 'kiosk', { reason: hostile, interfaces: '+eth0' }),
    event('artefact.write-failed', 'VAULT-02', { artefact: 'vault.kdbx', generation: 4, error: 'MEDIUM_FULL', note: 'line one\nline two, "quoted"' }),
  ].map((e) => ({ event: e, words: describeAuditEvent(e) }));
  const csv = buildAuditCsv(entries);
  const records = parseCsv(csv);

  it('has a header and one row per entry, in the same words as the screen', () => {
    expect(records[0]!.cells).toEqual([...AUDIT_CSV_HEADER]);
    expect(records).toHaveLength(entries.length + 1);
    expect(records[3]!.cells[3]).toBe('Write failed');
    expect(records[3]!.cells[7]).toBe('Failed');
    expect(records[3]!.cells[1]).toBe('2026-12-01 18:45:07 UTC');
  });

  it('neutralises every cell a spreadsheet would run as a formula', () => {
    for (const record of records) for (const cell of record.cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    expect(records[1]!.cells[2]).toBe(`'=HYPERLINK("http://x")`);
    expect(records[1]!.cells[4]).toBe(`'=cmd|calc`);
  });

  it('keeps every sealed field exactly, so anyone can recompute each seal from the file', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue() as fc.Arbitrary<JsonValue>), fc.string(), fc.string(), (details, custodian, subject) => {
        const sealed = event('account.updated', subject, details as AuditDetails, { custodian });
        const [, row] = parseCsv(buildAuditCsv([{ event: sealed, words: describeAuditEvent(sealed) }]));
        const cell = (name: (typeof AUDIT_CSV_HEADER)[number]) => restoreNeutralisedCell(row!.cells[AUDIT_CSV_HEADER.indexOf(name)]!);
        const recomputed = hashAuditEvent(cell('Previous seal (SHA-256)'), {
          seq: Number(cell('Event')),
          at: cell('Recorded at (ISO 8601)'),
          custodian: restoreIfNeutralised(row!.cells[2]!, custodian),
          action: cell('Action'),
          subject: restoreIfNeutralised(row!.cells[4]!, subject),
          details: JSON.parse(cell('Recorded details (JSON)')) as AuditDetails,
        });
        expect(recomputed).toBe(cell('Seal (SHA-256)'));
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * restoreNeutralisedCell cannot tell a neutralised "=x" from a value that really starts with "'=" (csv.ts says so);
 * the property test knows the original, and checks the cell is one of the two readings of it.
 */
function restoreIfNeutralised(cell: string, original: string): string {
  expect([original, `'${original}`]).toContain(cell);
  return original;
}

describe('the audit PDF’s fingerprint', () => {
  it('changes with the chain head, any entry, the filter or who exported it', async () => {
    const { auditExportFingerprint } = await import('../../src-main/print/audit-export');
    const entry = { seq: 1, at: '2026-12-01T18:45:07.123Z', custodian: 'Dana Whitfield', title: 'Stick labelled', subject: 'VAULT-01', sentence: 'VAULT-01 labelled.', facts: [], highlightWord: null, hash: SHA };
    const base = { paper: 'A4' as const, exportedBy: 'Dana Whitfield', exportedAt: '2026-12-01T19:00:00.000Z', filter: [], trailEvents: 1, head: { seq: 1, hash: SHA }, chain: { intact: true as const, count: 1 }, entries: [entry] };
    const original = auditExportFingerprint(base);
    for (const changed of [
      { ...base, head: { seq: 2, hash: SHA } },
      { ...base, entries: [{ ...entry, hash: 'f'.repeat(64) }] },
      { ...base, filter: ['custodian Sam Okafor'] },
      { ...base, exportedBy: 'Sam Okafor' },
      { ...base, chain: { intact: false as const, count: 1, firstBadSeq: 1, explanation: 'changed' } },
    ]) {
      expect(auditExportFingerprint(changed)).not.toBe(original);
    }
    expect(auditExportFingerprint({ ...base, paper: 'LETTER' })).toBe(original);
  });
});
