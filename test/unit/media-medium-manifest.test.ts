import { describe, expect, it } from 'vitest';
import {
  buildMediumReadme,
  parseMediumManifest,
  safeParseMediumManifest,
  serialiseMediumManifest,
  withArtefact,
  type MediumManifest,
} from '../../src-main/core/medium-manifest';
import {
  contentIdentity,
  describeIdentity,
  identityKey,
  isPlausibleSerial,
  sameIdentity,
} from '../../src-main/core/device-identity';

const SHA = 'a'.repeat(64);

const vaultManifest = (): MediumManifest => ({
  formatVersion: 1,
  mediumId: 'VAULT-02',
  role: 'vault',
  device: { source: 'usb-serial', value: '4C530001231129115443' },
  location: { kind: 'offsite', note: 'Bank safe deposit box 114' },
  createdBy: 'Ana Duarte',
  createdAt: '2026-03-02T09:15:00.000Z',
  practice: false,
  artefacts: [{ name: 'vault.kdbx', generation: 3, sha256: SHA, size: 48213, writtenAt: '2026-03-02T09:20:00.000Z', writtenBy: 'Ana Duarte' }],
});

describe('medium.json', () => {
  it('round-trips through its serialised form', () => {
    const text = serialiseMediumManifest(vaultManifest());
    expect(text.endsWith('\n')).toBe(true);
    expect(parseMediumManifest(text, 'partition 1')).toEqual(vaultManifest());
  });

  it('accepts a byte-order mark a text editor may have added', () => {
    expect(safeParseMediumManifest(`\uFEFF${serialiseMediumManifest(vaultManifest())}`).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{"formatVersion": 1,', /not valid JSON/],
    ['a future format', JSON.stringify({ ...vaultManifest(), formatVersion: 2 }), /formatVersion/],
    ['a medium id of the wrong shape', JSON.stringify({ ...vaultManifest(), mediumId: 'vault 2' }), /mediumId must look like VAULT-02/],
    ['a vault role with a seed medium id', JSON.stringify({ ...vaultManifest(), mediumId: 'SEEDS-02' }), /must start with VAULT-/],
    ['seeds listed on a vault medium', JSON.stringify({ ...vaultManifest(), artefacts: [{ ...vaultManifest().artefacts[0], name: 'seeds.kdbx' }] }), /seeds\.kdbx does not belong on a vault medium/],
    ['a path instead of a file name', JSON.stringify({ ...vaultManifest(), artefacts: [{ ...vaultManifest().artefacts[0], name: '../vault.kdbx' }] }), /plain file name/],
    ['an artefact listed twice', JSON.stringify({ ...vaultManifest(), artefacts: [vaultManifest().artefacts[0], vaultManifest().artefacts[0]] }), /listed twice/],
    ['an upper-case hash', JSON.stringify({ ...vaultManifest(), artefacts: [{ ...vaultManifest().artefacts[0], sha256: 'A'.repeat(64) }] }), /sha256/],
    ['an unknown identity source', JSON.stringify({ ...vaultManifest(), device: { source: 'guess', value: 'x' } }), /device\.source/],
    ['a date without a time zone', JSON.stringify({ ...vaultManifest(), createdAt: '2026-03-02 09:15' }), /createdAt/],
  ])('rejects %s with a reason', (_, text, problem) => {
    const result = safeParseMediumManifest(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toMatch(problem);
  });

  it('throws MEDIUM_MANIFEST_INVALID naming where the file is and what to do', () => {
    expect(() => parseMediumManifest('[]', 'partition 2 (STRONGROOM/medium.json)')).toThrow(
      expect.objectContaining({
        code: 'MEDIUM_MANIFEST_INVALID',
        message: expect.stringMatching(/^The medium label file on partition 2 \(STRONGROOM\/medium\.json\) cannot be read: .*Do not use this stick/),
      }),
    );
  });

  it('refuses to serialise a manifest it could not read back', () => {
    expect(() => serialiseMediumManifest({ ...vaultManifest(), mediumId: 'SEEDS-01' })).toThrow();
  });

  it('records a new generation in place of the old one', () => {
    const next = withArtefact(vaultManifest(), { name: 'vault.kdbx', generation: 4, sha256: 'b'.repeat(64), size: 50000, writtenAt: '2026-04-01T10:00:00Z', writtenBy: 'Ben Osei' });
    const withAudit = withArtefact(next, { name: 'audit.jsonl', generation: 1, sha256: 'c'.repeat(64), size: 900, writtenAt: '2026-04-01T10:00:01Z', writtenBy: 'Ben Osei' });
    expect(withAudit.artefacts.map((a) => [a.name, a.generation])).toEqual([
      ['audit.jsonl', 1],
      ['vault.kdbx', 4],
    ]);
  });
});

describe('README.txt', () => {
  const readme = buildMediumReadme(vaultManifest(), {
    organisation: 'Müller & Søn Cloud Security',
    contacts: [{ name: 'Ana Duarte', reach: 'ext. 4411, room 3.14' }],
  });

  it('says what the medium is, where it belongs, the handling rules and who to call', () => {
    expect(readme).toContain('STRONGROOM VAULT MEDIUM VAULT-02');
    expect(readme).toContain('kept off site, Bank safe deposit box 114');
    expect(readme).toContain('Never store or carry this stick together with a seed stick or the printed seed backup.');
    expect(readme).toContain('- Ana Duarte: ext. 4411, room 3.14');
    expect(readme).toContain('Owner: Muller & Son Cloud Security');
  });

  it('is plain ASCII with CRLF line ends, readable in Notepad anywhere', () => {
    expect(/^[\x20-\x7e\r\n]*$/.test(readme)).toBe(true);
    expect(readme.split('\r\n').length).toBeGreaterThan(10);
    expect(readme.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('marks practice media as not real custody, and tells a seed stick apart', () => {
    const seed = buildMediumReadme({ ...vaultManifest(), mediumId: 'SEEDS-01', role: 'seed', practice: true, artefacts: [] }, { organisation: 'X', contacts: [] });
    expect(seed).toContain('STRONGROOM SEED MEDIUM SEEDS-01 (PRACTICE - NOT REAL CUSTODY)');
    expect(seed).toContain('The passwords are NOT here, by design.');
    expect(seed).toContain('together with a vault stick');
  });
});

describe('device identity', () => {
  it.each([
    ['4C530001231129115443', true],
    ['  s5tans0r812345w ', true],
    ['0123456789ABCDEF', false],
    ['000000000000', false],
    ['FFFFFFFF', false],
    ['AB1', false],
    [null, false],
  ])('treats serial %j as plausible: %s', (serial, plausible) => {
    expect(isPlausibleSerial(serial)).toBe(plausible);
  });

  it('builds a content identity independent of partition order, and none for a blank device', () => {
    expect(contentIdentity('AB183E88', ['739d-0691', 'EFAF-F739'])).toEqual(contentIdentity('ab183e88', ['EFAF-F739', '739D-0691']));
    expect(contentIdentity(null, [null, ' '])).toBeNull();
  });

  it('keeps identities from different sources apart', () => {
    const a = { source: 'usb-serial', value: 'ABCD1234' } as const;
    const b = { source: 'disk-serial', value: 'ABCD1234' } as const;
    expect(sameIdentity(a, b)).toBe(false);
    expect(identityKey(a)).not.toBe(identityKey(b));
    expect(describeIdentity(a)).toBe('USB serial ABCD1234');
  });
});
