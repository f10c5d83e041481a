import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kdbxweb from 'kdbxweb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serialiseMediumManifest, type MediumManifest } from '../../src-main/core/medium-manifest';
import { decideSeparation } from '../../src-main/core/separation-policy';
import type { PartitionInfo } from '../../src-main/platform/drive-enumerator';
import { TEXT_SCAN_LIMIT, scanDevice, type ScanOptions } from '../../src-main/platform/medium-scanner';
import { buildSeedBackup } from '../../src-main/print/seed-backup';
import { seedBackupInput } from '../bench/print-fixtures';

async function roleKdbx(role: 'vault' | 'seed' | null, title = 'scan'): Promise<Uint8Array> {
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('pw')), title);
  db.header.setKdf(kdbxweb.Consts.KdfId.Aes);
  db.header.kdfParameters?.set('R', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(1000));
  if (role) {
    const vd = new kdbxweb.VarDictionary();
    vd.set('strongroom.role', kdbxweb.VarDictionary.ValueType.String, role);
    vd.set('strongroom.format', kdbxweb.VarDictionary.ValueType.String, '1');
    db.header.publicCustomData = vd;
  }
  return new Uint8Array(await db.save());
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const manifest = (role: 'vault' | 'seed', artefacts: MediumManifest['artefacts'] = []): MediumManifest => ({
  formatVersion: 1,
  mediumId: role === 'vault' ? 'VAULT-01' : 'SEEDS-01',
  role,
  device: { source: 'usb-serial', value: 'AA11BB22CC33' },
  location: { kind: 'onsite', note: '' },
  createdBy: 'Ana Duarte',
  createdAt: '2026-03-02T09:15:00Z',
  practice: false,
  artefacts,
});

const listed = (name: string, bytes: Uint8Array, generation = 1) => ({
  name,
  generation,
  sha256: sha256(bytes),
  size: bytes.length,
  writtenAt: '2026-03-02T09:20:00Z',
  writtenBy: 'Ana Duarte',
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'strongroom-scan-'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function put(relative: string, content: string | Uint8Array): Promise<void> {
  const path = join(root, relative);
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, content);
}

function partition(number: number, folder: string | null, extra: Partial<PartitionInfo> = {}): PartitionInfo {
  return {
    devicePath: `/dev/sdx${number}`,
    number,
    filesystem: 'exfat',
    label: `P${number}`,
    uuid: null,
    sizeBytes: 1,
    mountpoints: folder === null ? [] : [join(root, folder)],
    readOnly: false,
    ...extra,
  };
}

const drive = (partitions: PartitionInfo[]) => ({
  devicePath: '/dev/sdx',
  identity: { source: 'usb-serial' as const, value: 'AA11BB22CC33' },
  partitions,
});

const scanOne = (options?: ScanOptions) => scanDevice(drive([partition(1, 'p1')]), options);
const summary = async (options?: ScanOptions) => (await scanOne(options)).findings.map((f) => [f.path, f.kind, f.role]);
const decide = async (wantedRole: 'vault' | 'seed') => decideSeparation({ wantedRole, identity: drive([]).identity, findings: (await scanOne()).findings, catalog: null });

describe('scanning every partition of a device', () => {
  it('finds a vault label and its own vault file on partition 1', async () => {
    const vault = await roleKdbx('vault');
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest(manifest('vault', [listed('vault.kdbx', vault)])));
    await put('p1/STRONGROOM/vault.kdbx', vault);
    await put('p1/STRONGROOM/README.txt', 'read me');
    await mkdir(join(root, 'p2'));
    const scan = await scanDevice(drive([partition(1, 'p1'), partition(2, 'p2')]));
    expect(scan.findings.map((f) => [f.partition.number, f.path, f.kind, f.role])).toEqual([
      [1, 'STRONGROOM/medium.json', 'manifest', 'vault'],
      [1, 'STRONGROOM/vault.kdbx', 'kdbx', 'vault'],
    ]);
    expect(scan.manifests.map((m) => [m.partition.number, m.manifest.mediumId])).toEqual([[1, 'VAULT-01']]);
  });

  it('looks at every depth and recognises a KeePass file by its signature, whatever its name', async () => {
    await put('p1/a/b/c/d/e/f/notes.dat', await roleKdbx(null));
    await put('p1/a/b/old.kdb.bak', Buffer.from([0x03, 0xd9, 0xa2, 0x9a, 0x65, 0xfb, 0x4b, 0xb5, 0, 0, 0, 0]));
    const scan = await scanOne();
    expect(scan.findings.map((f) => [f.path, f.kind, f.role, f.detail])).toEqual([
      ['a/b/c/d/e/f/notes.dat', 'kdbx', null, expect.stringMatching(/^KDBX 4\.\d without a Strongroom role$/)],
      ['a/b/old.kdb.bak', 'kdbx', null, 'a KeePass 1.x database'],
    ]);
  });

  it('treats a KeePass file as foreign, whatever its header claims, unless it is the stick\'s own listed artefact', async () => {
    const vault = await roleKdbx('vault', 'current');
    const copy = await roleKdbx('vault', 'someone else\'s');
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest(manifest('vault', [listed('vault.kdbx', vault)])));
    await put('p1/STRONGROOM/vault.kdbx', vault);
    await put('p1/backup/vault-copy.kdbx', vault);
    await put('p1/backup/vault.kdbx', copy);
    await put('p1/backup/seeds.kdbx', await roleKdbx('seed'));
    const scan = await scanOne();
    expect(scan.findings.map((f) => [f.path, f.role, f.detail])).toEqual([
      ['backup/seeds.kdbx', null, expect.stringMatching(/its header says seed, but it is not an artefact listed on this stick or written by this kiosk/)],
      ['backup/vault-copy.kdbx', 'vault', expect.stringMatching(/listed in VAULT-01's medium.json as vault.kdbx generation 1/)],
      ['backup/vault.kdbx', null, expect.stringMatching(/its header says vault, but it is not an artefact listed on this stick or written by this kiosk/)],
      ['STRONGROOM/medium.json', 'vault', 'VAULT-01'],
      ['STRONGROOM/vault.kdbx', 'vault', expect.stringMatching(/listed in VAULT-01/)],
    ]);
    expect((await decide('vault')).verdict).toBe('refused');
  });

  it('gives a KeePass file in the label folder nothing for its name: a seed store or an unlisted vault named vault.kdbx is foreign', async () => {
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest(manifest('vault')));
    await put('p1/STRONGROOM/vault.kdbx', await roleKdbx('seed'));
    await put('p1/STRONGROOM/vault.kdbx.prev', await roleKdbx('vault'));
    await put('p1/STRONGROOM/vault.g2.kdbx.staged', await roleKdbx('vault'));
    expect(await summary()).toEqual([
      ['STRONGROOM/medium.json', 'manifest', 'vault'],
      ['STRONGROOM/vault.g2.kdbx.staged', 'kdbx', null],
      ['STRONGROOM/vault.kdbx', 'kdbx', null],
      ['STRONGROOM/vault.kdbx.prev', 'kdbx', null],
    ]);
    expect((await decide('vault')).verdict).toBe('refused');
  });

  it('recognises a generation the kiosk wrote by its hash, on any stick, when medium.json does not list it yet', async () => {
    const staged = await roleKdbx('vault', 'staged');
    const seeds = await roleKdbx('seed', 'seeds');
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest(manifest('vault')));
    await put('p1/STRONGROOM/vault.g2.kdbx.staged', staged);
    await put('p1/old/seeds.kdbx', seeds);
    const known = [
      { sha256: sha256(staged), role: 'vault' as const, words: 'vault.kdbx generation 2' },
      { sha256: sha256(seeds), role: 'seed' as const, words: 'seeds.kdbx generation 4' },
    ];
    expect((await scanOne({ knownArtefacts: known })).findings.map((f) => [f.path, f.role, f.detail])).toEqual([
      ['old/seeds.kdbx', 'seed', expect.stringMatching(/seeds.kdbx generation 4 as this kiosk wrote it/)],
      ['STRONGROOM/medium.json', 'vault', 'VAULT-01'],
      ['STRONGROOM/vault.g2.kdbx.staged', 'vault', expect.stringMatching(/vault.kdbx generation 2 as this kiosk wrote it/)],
    ]);
    // The seed store the kiosk wrote is still a seed store: it stops this stick from taking the vault.
    const findings = (await scanOne({ knownArtefacts: known })).findings;
    expect(decideSeparation({ wantedRole: 'vault', identity: drive([]).identity, findings, catalog: null }).verdict).toBe('refused');
    // A known hash with a header of the other role is not what the kiosk wrote.
    const relabelled = await roleKdbx('seed', 'staged');
    expect((await scanOne({ knownArtefacts: [{ sha256: sha256(relabelled), role: 'vault', words: 'vault.kdbx generation 3' }] })).findings.find((f) => f.path === 'old/seeds.kdbx')?.role).toBeNull();
  });

  it('reports a KeePass file Strongroom did not write, and a file only named like one', async () => {
    await put('p1/old-backup.kdbx', await roleKdbx(null));
    await put('p1/empty.KDBX', '');
    const scan = await scanOne();
    expect(scan.findings.map((f) => [f.path, f.kind, f.role, f.detail])).toEqual([
      ['empty.KDBX', 'kdbx', null, 'named like a KeePass file but not one'],
      ['old-backup.kdbx', 'kdbx', null, expect.stringMatching(/^KDBX 4\.\d without a Strongroom role$/)],
    ]);
  });

  it('takes the writer\'s temporary file in the label folder for a leftover of the role it was becoming, and nothing else', async () => {
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest(manifest('vault')));
    const whole = await roleKdbx('vault');
    await put('p1/STRONGROOM/.vault.kdbx.strongroom-tmp-0123456789abcdef', whole.subarray(0, 40));
    await put('p1/STRONGROOM/.vault.g3.kdbx.staged.strongroom-tmp-0123456789abcdef', whole);
    await put('p1/STRONGROOM/.vault.g4.kdbx.staged.strongroom-tmp-0123456789abcdef', await roleKdbx('seed'));
    await put('p1/STRONGROOM/.seeds.kdbx.strongroom-tmp-0123456789abcdef', whole.subarray(0, 40));
    await put('p1/STRONGROOM/.audit.jsonl.strongroom-tmp-0123456789abcdef', '{"seq":1,"details":{"device":"AA11BB22CC33DD44EE55FF66GG77HH88"}}');
    await put('p1/elsewhere/.vault.kdbx.strongroom-tmp-0123456789abcdef', whole.subarray(0, 40));
    const scan = await scanOne();
    expect(scan.findings.map((f) => [f.path, f.kind, f.role, f.detail])).toEqual([
      ['elsewhere/.vault.kdbx.strongroom-tmp-0123456789abcdef', 'kdbx', null, expect.stringMatching(/without a Strongroom role/)],
      ['STRONGROOM/.seeds.kdbx.strongroom-tmp-0123456789abcdef', 'kdbx', null, expect.stringMatching(/without a Strongroom role/)],
      ['STRONGROOM/.vault.g3.kdbx.staged.strongroom-tmp-0123456789abcdef', 'kdbx', 'vault', 'left by an interrupted write (removed before the next write)'],
      ['STRONGROOM/.vault.g4.kdbx.staged.strongroom-tmp-0123456789abcdef', 'kdbx', null, expect.stringMatching(/its header says seed/)],
      ['STRONGROOM/.vault.kdbx.strongroom-tmp-0123456789abcdef', 'kdbx', 'vault', 'left by an interrupted write (removed before the next write)'],
      ['STRONGROOM/medium.json', 'manifest', 'vault', 'VAULT-01'],
    ]);
  });

  it('reports an unreadable manifest with its problem, and a second label on one partition', async () => {
    await put('p1/strongroom/MEDIUM.JSON', '{"formatVersion": 1, "role": "vault"}');
    const scan = await scanOne();
    expect(scan.findings).toMatchObject([{ path: 'strongroom/MEDIUM.JSON', kind: 'manifest', role: null, detail: expect.stringMatching(/mediumId/) }]);
    expect(scan.manifests).toEqual([]);
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest(manifest('seed')));
    expect((await scanOne()).findings.map((f) => [f.path, f.role, f.detail])).toEqual([
      ['strongroom/MEDIUM.JSON', null, expect.stringMatching(/a second Strongroom label besides STRONGROOM\/medium.json/)],
      ['STRONGROOM/medium.json', 'seed', 'SEEDS-01'],
    ]);
  });

  it('reports unmounted and unformatted partitions as not checked', async () => {
    await mkdir(join(root, 'p1'));
    const scan = await scanDevice(drive([partition(1, 'p1'), partition(2, null), partition(3, null, { filesystem: null }), partition(4, 'gone')]));
    expect(scan.findings.map((f) => [f.partition.number, f.kind, f.detail])).toEqual([
      [2, 'partition-not-checked', 'it is not mounted (exfat)'],
      [3, 'partition-not-checked', 'it has no filesystem the kiosk can read'],
      [4, 'partition-not-checked', expect.stringMatching(/mount point .*gone cannot be opened: it disappeared/)],
    ]);
  });
});

describe('links, pipes and other filesystems on a stick', () => {
  it('never follows a STRONGROOM link: what it points at is not read, and the stick is refused for both roles', async () => {
    await put('kiosk/seeds.csv', 'Account #,Account Name,Account Email,MFA Seed\n111122223333,prod,root@example.com,JBSWY3DPEHPK3PXP\n');
    await put('kiosk/medium.json', serialiseMediumManifest(manifest('vault')));
    await mkdir(join(root, 'p1', 'Strongroom'), { recursive: true });
    await symlink(join(root, 'kiosk'), join(root, 'p1', 'STRONGROOM'));
    expect(await summary()).toEqual([['STRONGROOM', 'not-followed', null]]);
    expect((await scanOne()).manifests).toEqual([]);
    for (const role of ['vault', 'seed'] as const) expect((await decide(role)).verdict).toBe('refused');
  });

  it('reports a link elsewhere, and a named pipe, without following or blocking, and only warns about them', async () => {
    await put('p1/docs/readme.txt', 'nothing to see');
    await symlink('/etc', join(root, 'p1', 'docs', 'etc'));
    expect(spawnSync('mkfifo', [join(root, 'p1', 'docs', 'pipe')]).status).toBe(0);
    const scan = await scanOne();
    expect(scan.findings.map((f) => [f.path, f.kind, f.detail])).toEqual([
      ['docs/etc', 'not-followed', 'a link, not followed'],
      ['docs/pipe', 'not-followed', 'a named pipe, not read'],
    ]);
    expect(await decide('vault')).toMatchObject({ verdict: 'allowed', warnings: [{ path: 'docs/etc' }, { path: 'docs/pipe' }] });
  });
});

describe('plaintext seeds, by content, at any depth', () => {
  let backupPdf: Uint8Array;
  beforeAll(async () => {
    backupPdf = (await buildSeedBackup(seedBackupInput(2))).pdf;
  });

  it.each([
    ['the import CSV', 'exports/2026/q1/Export.CSV', '\uFEFF Account # , ACCOUNT NAME,Account Email,"MFA Seed"\r\n111122223333,prod,root@example.com,JBSWY3DPEHPK3PXP\r\n'],
    ['a semicolon table with a Secret column in lower case groups', 'a/b/c/mfa.txt', 'name;secret\nprod;jbsw y3dp ehpk 3pxp\n'],
    ['an otpauth link in notes', 'deep/down/here/notes.md', 'prod root\notpauth://totp/AWS:prod?secret=JBSWY3DPEHPK3PXP&issuer=AWS\n'],
    ['a percent-encoded otpauth link', 'qr.html', '<img src="https://qr.example/?data=otpauth%3A%2F%2Ftotp%2Fx%3Fsecret%3DJBSWY3DPEHPK3PXP">'],
    ['the AWS CLI JSON with Base32StringSeed', 'mfa.json', '{"VirtualMFADevice":{"SerialNumber":"arn:aws:iam::111122223333:mfa/root","Base32StringSeed":"SkJTV1kzRFBFSFBLM1BYUA=="}}'],
    ['a bare seed-like value', 'x/y/z', 'prod-payments\nJBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\n'],
    ['typed paper lines', 'restore.txt', '1  JBSW Y3DP EHPK 3PXP  check K7\n'],
    ['UTF-16 text with a byte-order mark', 'windows.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('seed: JBSWY3DPEHPK3PXP\r\n', 'utf16le')])],
  ] as const)('finds %s', async (_what, path, content) => {
    await put(`p1/${path}`, content);
    expect(await summary()).toEqual([[path, 'plaintext-seeds', 'seed']]);
    expect(await decide('vault')).toMatchObject({ verdict: 'refused', reasons: [{ path, why: expect.stringMatching(/MFA seeds in plain text/) }] });
    expect((await decide('seed')).verdict).toBe('allowed');
  });

  it('finds Strongroom\'s own paper seed backup saved as a PDF', async () => {
    await put('p1/print/backup.pdf', backupPdf);
    expect((await scanOne()).findings).toMatchObject([{ path: 'print/backup.pdf', kind: 'plaintext-seeds', detail: 'a Strongroom paper seed backup (PDF)' }]);
  });

  it('finds a plain-text KeePass export', async () => {
    await put('p1/export.xml', '<?xml version="1.0"?>\n<KeePassFile><Root/></KeePassFile>');
    await put('p1/export.csv', '"Group","Title","Username","Password","URL","Notes"\n');
    expect(await summary()).toEqual([
      ['export.csv', 'kdbx', null],
      ['export.xml', 'kdbx', null],
    ]);
  });

  it('leaves alone identifiers that are not seeds: hex, UUIDs, AWS key ids, base64, prose', async () => {
    await put('p1/README.txt', [
      'Device 3f2a9c4e8b1d07a65e2c9f0b4d8a1e37, batch 550e8400-e29b-41d4-a716-446655440000.',
      'Access key AKIAIOSFODNN7EXAMPLE (rotated).',
      'Token dGhpcyBpcyBub3QgYSBzZWVkIGF0IGFsbA== in base64.',
      'THIS STICK HOLDS NOTHING SECRET; KEEP IT SAFE ANYWAY.',
      'Serial 4C530001231129115443, sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855.',
    ].join('\n'));
    expect(await summary()).toEqual([]);
  });

  it('treats a 32-character base32 identifier as a seed on purpose, except in Strongroom\'s own label files', async () => {
    const id = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE4ZU';
    await put('p1/notes/README.txt', `Device id ${id}\n`);
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest({ ...manifest('vault'), device: { source: 'usb-serial', value: id } }));
    await put('p1/STRONGROOM/README.txt', `Device: USB serial ${id}.\r\n`);
    await put('p1/STRONGROOM/audit.jsonl', `{"seq":1,"details":{"device":"${id}"}}\n`);
    expect(await summary()).toEqual([
      ['notes/README.txt', 'plaintext-seeds', 'seed'],
      ['STRONGROOM/medium.json', 'manifest', 'vault'],
    ]);
    await put('p1/STRONGROOM/audit.jsonl', '{"seq":1,"details":{"uri":"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}}\n');
    expect((await summary()).map((f) => f[0])).toContain('STRONGROOM/audit.jsonl');
  });

  it('judges the same bytes by the rules of where they lie, however often it has met them', async () => {
    // One content, already judged clean in a label folder under the strong rules only, is a seed elsewhere.
    const text = `{"seq":1,"details":{"device":"MFRGGZDFMZTWQ2LKNNWG23TPOBYXE4ZU"}}\n`;
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest(manifest('vault')));
    await put('p1/STRONGROOM/audit.jsonl', text);
    expect(await summary()).toEqual([['STRONGROOM/medium.json', 'manifest', 'vault']]);
    await put('p1/copy/audit.jsonl', text);
    await put('p1/copy2/audit.jsonl', text);
    expect(await summary()).toEqual([
      ['copy/audit.jsonl', 'plaintext-seeds', 'seed'],
      ['copy2/audit.jsonl', 'plaintext-seeds', 'seed'],
      ['STRONGROOM/medium.json', 'manifest', 'vault'],
    ]);
    // And a file changed by one byte is searched again: the seed added to the label folder's copy is found.
    await put('p1/STRONGROOM/audit.jsonl', `${text}{"seq":2,"details":{"uri":"otpauth://totp/x?secret=JBSWY3DPEHPK3PXP"}}\n`);
    expect((await summary()).map((f) => f[0])).toContain('STRONGROOM/audit.jsonl');
  });

  it('counts a text file too large to search against the stick', async () => {
    await put('p1/huge.log', 'x');
    await truncate(join(root, 'p1', 'huge.log'), TEXT_SCAN_LIMIT + 1);
    // A sparse file reads as zero bytes, which is binary: give it a text start.
    await writeFile(join(root, 'p1', 'huge.log'), 'log line\n', { flag: 'r+' });
    expect((await scanOne()).findings).toMatchObject([{ path: 'huge.log', kind: 'unreadable', detail: expect.stringMatching(/too large to search for seeds/) }]);
  });
});

describe('the scan budget: over budget is a refusal that says so, never a silent pass', () => {
  it('gives up on a partition with too many entries', async () => {
    for (let i = 0; i < 6; i++) await put(`p1/dir/file-${i}.txt`, 'x');
    const scan = await scanOne({ maxEntriesPerPartition: 5 });
    expect(scan.findings).toMatchObject([{ kind: 'partition-not-checked', detail: 'it holds more than 5 files and folders' }]);
    expect(decideSeparation({ wantedRole: 'vault', identity: drive([]).identity, findings: scan.findings, catalog: null })).toMatchObject({
      verdict: 'refused',
      reasons: [{ why: expect.stringMatching(/could not be checked \(it holds more than 5 files and folders\)/) }],
    });
  });

  it('gives up when the search takes too long, and when it would read too many bytes', async () => {
    for (let i = 0; i < 3; i++) await put(`p1/file-${i}.txt`, 'hello');
    let clock = 0;
    const slow = await scanOne({ maxMillisPerPartition: 1000, now: () => (clock += 600) });
    expect(slow.findings).toMatchObject([{ kind: 'partition-not-checked', detail: 'searching it took longer than 1 seconds' }]);
    const greedy = await scanOne({ maxBytesPerPartition: 12 });
    expect(greedy.findings).toMatchObject([{ kind: 'partition-not-checked', detail: expect.stringMatching(/of files to read/) }]);
  });

  it('keeps what it found before the budget ran out', async () => {
    await put('p1/a/seeds.csv', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP\n');
    for (let i = 0; i < 10; i++) await put(`p1/b/file-${i}.txt`, 'x');
    expect(await summary({ maxEntriesPerPartition: 6 })).toEqual([
      [null, 'partition-not-checked', null],
      ['a/seeds.csv', 'plaintext-seeds', 'seed'],
    ]);
  });

  it('gives up on folders nested absurdly deep', async () => {
    await put(`p1/${Array.from({ length: 70 }, () => 'd').join('/')}/x.txt`, 'x');
    expect((await scanOne()).findings).toMatchObject([{ kind: 'partition-not-checked', detail: 'its folders are nested more than 64 deep' }]);
  });
});
