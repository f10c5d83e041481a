import { describe, expect, it } from 'vitest';
import type { DeviceIdentity } from '../../src-main/core/device-identity';
import type { MediumRole } from '../../src-main/core/medium-manifest';
import {
  decideSeparation,
  separationRefusedError,
  type FindingKind,
  type MediumFinding,
  type PartitionRef,
} from '../../src-main/core/separation-policy';

const STICK: DeviceIdentity = { source: 'usb-serial', value: '4C530001231129115443' };
const P1: PartitionRef = { devicePath: '/dev/sdb1', number: 1, label: 'VAULT02', mountpoint: '/media/kiosk/VAULT02' };
const P2: PartitionRef = { devicePath: '/dev/sdb2', number: 2, label: null, mountpoint: '/media/kiosk/SPARE' };

const finding = (kind: FindingKind, role: MediumRole | null, extra: Partial<MediumFinding> = {}): MediumFinding => ({
  partition: P1,
  path: kind === 'manifest' ? 'STRONGROOM/medium.json' : kind === 'partition-not-checked' ? null : 'somewhere/file',
  kind,
  role,
  ...extra,
});

/**
 * Every kind of finding, with every role it can carry, against both wanted roles. The expected verdicts are
 * written out by hand from the custody rules, not computed, so a change in the policy shows up here.
 */
const TABLE: readonly [FindingKind, MediumRole | null, MediumRole, 'allowed' | 'refused'][] = [
  ['manifest', 'vault', 'vault', 'allowed'],
  ['manifest', 'vault', 'seed', 'refused'],
  ['manifest', 'seed', 'vault', 'refused'],
  ['manifest', 'seed', 'seed', 'allowed'],
  ['manifest', null, 'vault', 'refused'],
  ['manifest', null, 'seed', 'refused'],
  ['kdbx', 'vault', 'vault', 'allowed'],
  ['kdbx', 'vault', 'seed', 'refused'],
  ['kdbx', 'seed', 'vault', 'refused'],
  ['kdbx', 'seed', 'seed', 'allowed'],
  ['kdbx', null, 'vault', 'refused'],
  ['kdbx', null, 'seed', 'refused'],
  ['plaintext-seeds', 'seed', 'vault', 'refused'],
  ['plaintext-seeds', 'seed', 'seed', 'allowed'],
  ['not-followed', null, 'vault', 'allowed'],
  ['not-followed', null, 'seed', 'allowed'],
  ['partition-not-checked', null, 'vault', 'refused'],
  ['partition-not-checked', null, 'seed', 'refused'],
  ['unreadable', null, 'vault', 'refused'],
  ['unreadable', null, 'seed', 'refused'],
];

describe('decideSeparation: one finding at a time', () => {
  it.each(TABLE)('a %s finding with role %s, wanting %s → %s', (kind, role, wanted, verdict) => {
    const decision = decideSeparation({ wantedRole: wanted, identity: STICK, findings: [finding(kind, role)], catalog: null });
    expect(decision.verdict).toBe(verdict);
    if (decision.verdict === 'refused') {
      expect(decision.reasons).toHaveLength(1);
      expect(decision.reasons[0]?.partition).toEqual(P1);
    }
  });

  it('allows a blank stick for either role', () => {
    for (const wantedRole of ['vault', 'seed'] as const) {
      expect(decideSeparation({ wantedRole, identity: STICK, findings: [], catalog: null })).toEqual({ verdict: 'allowed', warnings: [] });
    }
  });
});

describe('decideSeparation: the catalog record for this device', () => {
  it.each([
    ['vault', 'vault', 'allowed'],
    ['vault', 'seed', 'refused'],
    ['seed', 'vault', 'refused'],
    ['seed', 'seed', 'allowed'],
  ] as const)('a device catalogued as %s, wanting %s → %s', (catalogRole, wanted, verdict) => {
    const decision = decideSeparation({ wantedRole: wanted, identity: STICK, findings: [], catalog: { role: catalogRole, mediumId: catalogRole === 'vault' ? 'VAULT-01' : 'SEEDS-01' } });
    expect(decision.verdict).toBe(verdict);
  });

  it('refuses on the catalog even when the stick itself looks blank (it may have been wiped elsewhere)', () => {
    const decision = decideSeparation({ wantedRole: 'vault', identity: STICK, findings: [], catalog: { role: 'seed', mediumId: 'SEEDS-01' } });
    expect(decision).toMatchObject({
      verdict: 'refused',
      reasons: [
        {
          partition: null,
          path: null,
          why: 'The catalog records this stick (USB serial 4C530001231129115443) as seed medium SEEDS-01. Use a different stick for the vault.',
        },
      ],
    });
  });
});

describe('decideSeparation: what the custodian is told', () => {
  it('refuses seeds on partition 2 of a stick whose partition 1 holds a vault, naming the vault', () => {
    const decision = decideSeparation({
      wantedRole: 'seed',
      identity: STICK,
      findings: [
        { partition: P1, path: 'STRONGROOM/medium.json', kind: 'manifest', role: 'vault', detail: 'VAULT-02' },
        { partition: P1, path: 'STRONGROOM/vault.kdbx', kind: 'kdbx', role: 'vault', detail: 'KDBX 4.1' },
      ],
      catalog: null,
    });
    expect(decision.verdict).toBe('refused');
    const whys = decision.verdict === 'refused' ? decision.reasons.map((r) => r.why) : [];
    expect(whys).toEqual([
      'This stick already holds a vault on partition 1 (STRONGROOM/medium.json, medium VAULT-02). Use a different stick for seeds.',
      'This stick already holds a vault file on partition 1 (STRONGROOM/vault.kdbx). Use a different stick for seeds.',
    ]);
  });

  it('names an unknown KeePass file and says what to do', () => {
    const decision = decideSeparation({
      wantedRole: 'seed',
      identity: STICK,
      findings: [{ partition: P2, path: 'old-backup.kdbx', kind: 'kdbx', role: null, detail: 'KDBX 3.1 without a Strongroom role' }],
      catalog: null,
    });
    expect(decision).toMatchObject({
      verdict: 'refused',
      reasons: [{ partition: P2, path: 'old-backup.kdbx', why: expect.stringMatching(/^Partition 2 holds a KeePass file that is not this stick's own artefact \(old-backup\.kdbx: KDBX 3\.1 without a Strongroom role\).*delete it/) }],
    });
  });

  it('says an unmounted partition cannot be checked and why', () => {
    const decision = decideSeparation({
      wantedRole: 'vault',
      identity: STICK,
      findings: [{ partition: { ...P2, mountpoint: null }, path: null, kind: 'partition-not-checked', role: null, detail: 'it is not mounted (exfat)' }],
      catalog: null,
    });
    expect(decision.verdict === 'refused' && decision.reasons[0]?.why).toBe(
      'Partition 2 could not be checked (it is not mounted (exfat)), so Strongroom cannot prove it holds no seeds. Mount it, or reformat the stick as a single partition, then try again.',
    );
  });

  it('warns about plaintext seeds on a seed stick without refusing, and says which rule found them', () => {
    const decision = decideSeparation({
      wantedRole: 'seed',
      identity: STICK,
      findings: [finding('plaintext-seeds', 'seed', { path: 'export.csv', detail: 'an otpauth:// link on line 2' })],
      catalog: null,
    });
    expect(decision).toEqual({
      verdict: 'allowed',
      warnings: [{ partition: P1, path: 'export.csv', why: expect.stringMatching(/MFA seeds in plain text \(export\.csv: an otpauth:\/\/ link on line 2\).*delete the file/) }],
    });
  });

  it('refuses a stick whose STRONGROOM folder, or anything in it, is a link or a special file; elsewhere it only warns', () => {
    for (const path of ['STRONGROOM', 'Strongroom', 'STRONGROOM/vault.kdbx']) {
      for (const wantedRole of ['vault', 'seed'] as const) {
        const decision = decideSeparation({ wantedRole, identity: STICK, findings: [finding('not-followed', null, { path, detail: 'a link, not followed' })], catalog: null });
        expect(decision.verdict, path).toBe('refused');
        expect(decision.verdict === 'refused' && decision.reasons[0]?.why).toMatch(/never follows links on a stick/);
      }
    }
    const elsewhere = decideSeparation({ wantedRole: 'vault', identity: STICK, findings: [finding('not-followed', null, { path: 'photos/latest', detail: 'a link, not followed' })], catalog: null });
    expect(elsewhere).toMatchObject({ verdict: 'allowed', warnings: [{ path: 'photos/latest', why: expect.stringMatching(/was not looked into \(a link, not followed\)/) }] });
  });

  it('reports every reason at once, so the custodian fixes the stick in one go', () => {
    const decision = decideSeparation({
      wantedRole: 'vault',
      identity: STICK,
      findings: [
        finding('manifest', 'seed', { detail: 'SEEDS-03' }),
        finding('plaintext-seeds', 'seed', { partition: P2, path: 'seeds.csv' }),
        finding('kdbx', null, { partition: P2, path: 'x.kdbx' }),
        finding('kdbx', 'vault', { path: 'STRONGROOM/vault.kdbx.prev' }),
      ],
      catalog: { role: 'seed', mediumId: 'SEEDS-03' },
    });
    expect(decision.verdict === 'refused' && decision.reasons.map((r) => r.path)).toEqual([null, 'STRONGROOM/medium.json', 'seeds.csv', 'x.kdbx']);
  });

  it('describes a filesystem without a partition table as the stick itself', () => {
    const decision = decideSeparation({
      wantedRole: 'seed',
      identity: STICK,
      findings: [finding('kdbx', 'vault', { partition: { ...P1, number: 0 }, path: 'vault.kdbx' })],
      catalog: null,
    });
    expect(decision.verdict === 'refused' && decision.reasons[0]?.why).toMatch(/on the stick \(no partition table\) \(vault\.kdbx\)/);
  });

  it('builds one SEPARATION_REFUSED error carrying every reason', () => {
    const decision = decideSeparation({ wantedRole: 'seed', identity: STICK, findings: [finding('manifest', 'vault', { detail: 'VAULT-02' })], catalog: null });
    const error = separationRefusedError('seed', decision);
    expect(error.code).toBe('SEPARATION_REFUSED');
    expect(error.message).toBe(
      'Strongroom will not use this stick for seeds. This stick already holds a vault on partition 1 (STRONGROOM/medium.json, medium VAULT-02). Use a different stick for seeds.',
    );
  });
});
