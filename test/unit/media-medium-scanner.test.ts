import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import kdbxweb from 'kdbxweb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serialiseMediumManifest, type MediumManifest } from '../../src-main/core/medium-manifest';
import type { PartitionInfo } from '../../src-main/platform/drive-enumerator';
import { isSeedCsvHeader, scanDevice } from '../../src-main/platform/medium-scanner';

async function roleKdbx(role: 'vault' | 'seed' | null): Promise<Uint8Array> {
  const db = kdbxweb.Kdbx.create(new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString('pw')), 'scan');
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

const manifest = (role: 'vault' | 'seed'): MediumManifest => ({
  formatVersion: 1,
  mediumId: role === 'vault' ? 'VAULT-01' : 'SEEDS-01',
  role,
  device: { source: 'usb-serial', value: 'AA11BB22CC33' },
  location: { kind: 'onsite', note: '' },
  createdBy: 'Ana Duarte',
  createdAt: '2026-03-02T09:15:00Z',
  practice: false,
  artefacts: [],
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

describe('scanning every partition of a device', () => {
  it('finds a vault manifest and vault file on partition 1, by their contents', async () => {
    await put('p1/STRONGROOM/medium.json', serialiseMediumManifest(manifest('vault')));
    await put('p1/STRONGROOM/vault.kdbx', await roleKdbx('vault'));
    await put('p1/STRONGROOM/README.txt', 'read me');
    await mkdir(join(root, 'p2'));
    const scan = await scanDevice(drive([partition(1, 'p1'), partition(2, 'p2')]));
    expect(scan.findings.map((f) => [f.partition.number, f.path, f.kind, f.role, f.detail])).toEqual([
      [1, 'STRONGROOM/medium.json', 'manifest', 'vault', 'VAULT-01'],
      [1, 'STRONGROOM/vault.kdbx', 'kdbx', 'vault', expect.stringMatching(/^KDBX 4\./)],
    ]);
    expect(scan.manifests.map((m) => [m.partition.number, m.manifest.mediumId])).toEqual([[1, 'VAULT-01']]);
  });

  it('recognises a KeePass file renamed to something else by its signature', async () => {
    await put('p1/taxes/notes.dat', await roleKdbx('seed'));
    const scan = await scanDevice(drive([partition(1, 'p1')]));
    expect(scan.findings).toMatchObject([{ path: 'taxes/notes.dat', kind: 'kdbx', role: 'seed' }]);
  });

  it('reports a KeePass file Strongroom did not write, and a file only named like one', async () => {
    await put('p1/old-backup.kdbx', await roleKdbx(null));
    await put('p1/empty.KDBX', '');
    const scan = await scanDevice(drive([partition(1, 'p1')]));
    expect(scan.findings.map((f) => [f.path, f.kind, f.role, f.detail])).toEqual([
      ['empty.KDBX', 'kdbx', null, 'named like a KeePass file but not one'],
      ['old-backup.kdbx', 'kdbx', null, expect.stringMatching(/^KDBX 4\.\d without a Strongroom role$/)],
    ]);
  });

  it('finds the seed CSV export by its header row, whatever the case and spacing', async () => {
    await put('p1/Export.CSV', '\uFEFF Account # , ACCOUNT NAME,Account Email,"MFA Seed"\r\n111122223333,prod,root@example.com,JBSWY3DPEHPK3PXP\r\n');
    await put('p1/budget.csv', 'Month,Amount\nJan,3\n');
    const scan = await scanDevice(drive([partition(1, 'p1')]));
    expect(scan.findings.map((f) => [f.path, f.kind, f.role])).toEqual([['Export.CSV', 'seed-csv', 'seed']]);
  });

  it('looks two levels deep and no deeper', async () => {
    await put('p1/a/level-two.kdbx', await roleKdbx('vault'));
    await put('p1/a/b/level-three.kdbx', await roleKdbx('vault'));
    const scan = await scanDevice(drive([partition(1, 'p1')]));
    expect(scan.findings.map((f) => f.path)).toEqual(['a/level-two.kdbx']);
  });

  it('reports an unreadable manifest with its problem', async () => {
    await put('p1/strongroom/MEDIUM.JSON', '{"formatVersion": 1, "role": "vault"}');
    const scan = await scanDevice(drive([partition(1, 'p1')]));
    expect(scan.findings).toMatchObject([{ path: 'strongroom/MEDIUM.JSON', kind: 'manifest', role: null, detail: expect.stringMatching(/mediumId/) }]);
    expect(scan.manifests).toEqual([]);
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

  it('attributes a leftover temp file of an interrupted write to the artefact it was becoming', async () => {
    await put('p1/STRONGROOM/.vault.kdbx.strongroom-tmp-0123456789abcdef', new Uint8Array([0x03, 0xd9, 0xa2, 0x9a, 0x67, 0xfb]));
    await put('p1/STRONGROOM/.audit.jsonl.strongroom-tmp-0123456789abcdef', '{"seq":1');
    const scan = await scanDevice(drive([partition(1, 'p1')]));
    expect(scan.findings.map((f) => [f.path, f.kind, f.role, f.detail])).toEqual([
      ['STRONGROOM/.vault.kdbx.strongroom-tmp-0123456789abcdef', 'kdbx', 'vault', 'left over from an interrupted write'],
    ]);
  });

  it('gives up on a partition with too many entries instead of calling it clean', async () => {
    for (let i = 0; i < 6; i++) await put(`p1/file-${i}.txt`, 'x');
    const scan = await scanDevice(drive([partition(1, 'p1')]), { maxEntriesPerPartition: 5 });
    expect(scan.findings).toMatchObject([{ kind: 'partition-not-checked', detail: 'it holds more than 5 files and folders at the top two levels' }]);
  });
});

describe('isSeedCsvHeader', () => {
  it.each([
    ['Account #,Account Name,Account Email,MFA Seed\n', true],
    ['account#,accountname,accountemail,mfaseed', true],
    ['Account #,Account Name,Account Email\n', false],
    ['Account #,Account Name,Account Email,MFA Seed,Extra\n', false],
    ['', false],
  ])('%j → %s', (text, expected) => {
    expect(isSeedCsvHeader(new TextEncoder().encode(text))).toBe(expected);
  });
});
