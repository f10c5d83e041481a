import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src-main/platform/atomic-file-writer';
import { nodeStickFiles as files, type StickPlace } from '../../src-main/platform/stick-folder';
import { refusalCode } from '../support/refusal-code';

const isRoot = process.getuid?.() === 0;

/**
 * The StickFiles port that app/stick-artefacts reads and writes every stick through: each operation must refuse a
 * STRONGROOM folder (or file) that is a link and anything on another filesystem, whatever the operation.
 */

let work: string;
let stick: string;
let kiosk: string;
let place: StickPlace;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'strongroom-stick-folder-'));
  stick = join(work, 'stick');
  kiosk = join(work, 'kiosk-disk');
  mkdirSync(stick);
  mkdirSync(kiosk);
  place = { root: stick, mounted: false, where: 'partition 1 of VAULT-01' };
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const kioskFiles = () => readdirSync(kiosk).sort();

describe('a stick through the StickFiles port', () => {
  it('creates its folder, writes, lists, reads, hashes, promotes and removes ordinary files', async () => {
    await files.ensureFolder(place);
    const written = await files.write(place, 'vault.g2.kdbx.staged', Buffer.from('generation 2'));
    await files.write(place, 'vault.kdbx', Buffer.from('generation 1'));
    expect((await files.list(place)).map((e) => [e.name, e.kind])).toEqual([
      ['vault.g2.kdbx.staged', 'file'],
      ['vault.kdbx', 'file'],
    ]);
    const promoted = await files.promote(place, { staged: 'vault.g2.kdbx.staged', current: 'vault.kdbx', history: 'vault.g1.kdbx' });
    expect(promoted.sha256).toBe(written.sha256);
    expect(Buffer.from(await files.read(place, 'vault.kdbx', 'artefact')).toString()).toBe('generation 2');
    expect(await files.hash(place, 'vault.g1.kdbx', 'artefact')).toEqual({ sha256: sha256Hex(Buffer.from('generation 1')), size: 12 });
    await files.remove(place, 'vault.g1.kdbx');
    expect((await files.list(place)).map((e) => e.name)).toEqual(['vault.kdbx']);
    await files.removeFolder(place);
    expect(existsSync(join(stick, 'STRONGROOM'))).toBe(false);
    expect(await files.list(place)).toEqual([]);
  });

  it('refuses every operation through a STRONGROOM folder that is a link to the kiosk, and nothing lands there', async () => {
    mkdirSync(join(stick, 'Strongroom'));
    writeFileSync(join(kiosk, 'vault.kdbx'), 'a kiosk file');
    symlinkSync(kiosk, join(stick, 'STRONGROOM'));
    const refusals = {
      ensureFolder: await refusalCode(files.ensureFolder(place)),
      list: await refusalCode(files.list(place)),
      read: await refusalCode(files.read(place, 'vault.kdbx', 'artefact')),
      hash: await refusalCode(files.hash(place, 'vault.kdbx', 'artefact')),
      write: await refusalCode(files.write(place, 'seeds-export.csv', Buffer.from('seeds'))),
      promote: await refusalCode(files.promote(place, { staged: 'vault.kdbx', current: 'x.kdbx', history: null })),
      remove: await refusalCode(files.remove(place, 'vault.kdbx')),
      removeFolder: await refusalCode(files.removeFolder(place)),
    };
    expect(refusals).toEqual({
      ensureFolder: 'MEDIUM_LINK_REFUSED',
      list: 'MEDIUM_LINK_REFUSED',
      read: 'MEDIUM_LINK_REFUSED',
      hash: 'MEDIUM_LINK_REFUSED',
      write: 'MEDIUM_LINK_REFUSED',
      promote: 'MEDIUM_LINK_REFUSED',
      remove: 'MEDIUM_LINK_REFUSED',
      removeFolder: 'MEDIUM_LINK_REFUSED',
    });
    expect(kioskFiles()).toEqual(['vault.kdbx']);
    expect(readFileSync(join(kiosk, 'vault.kdbx'), 'utf8')).toBe('a kiosk file');
  });

  it('refuses to replace, promote over, read back or remove a file that is a link', async () => {
    await files.ensureFolder(place);
    writeFileSync(join(kiosk, 'target'), 'kiosk');
    symlinkSync(join(kiosk, 'target'), join(stick, 'STRONGROOM', 'vault.kdbx'));
    expect(await refusalCode(files.write(place, 'vault.kdbx', Buffer.from('new')))).toBe('MEDIUM_LINK_REFUSED');
    await files.write(place, 'vault.g2.kdbx.staged', Buffer.from('staged'));
    expect(await refusalCode(files.promote(place, { staged: 'vault.g2.kdbx.staged', current: 'vault.kdbx', history: 'vault.g1.kdbx' }))).toBe('MEDIUM_LINK_REFUSED');
    symlinkSync(join(kiosk, 'target'), join(stick, 'STRONGROOM', 'seeds.kdbx'));
    expect(await refusalCode(files.read(place, 'seeds.kdbx', 'artefact'))).toBe('MEDIUM_LINK_REFUSED');
    expect(readFileSync(join(kiosk, 'target'), 'utf8')).toBe('kiosk');
    expect(kioskFiles()).toEqual(['target']);
    // Wiping removes the link itself, never what it points at.
    await files.removeFolder(place);
    expect(existsSync(join(stick, 'STRONGROOM'))).toBe(false);
    expect(readFileSync(join(kiosk, 'target'), 'utf8')).toBe('kiosk');
  });

  it('holds each kind of file to its cap', async () => {
    await files.ensureFolder(place);
    writeFileSync(join(stick, 'STRONGROOM', 'medium.json'), 'x'.repeat(1024 * 1024 + 1));
    expect(await refusalCode(files.read(place, 'medium.json', 'manifest'))).toBe('MEDIUM_FILE_TOO_LARGE');
    expect((await files.read(place, 'medium.json', 'audit')).length).toBe(1024 * 1024 + 1);
  });

  it('says a write to a stick whose folder has gone is a stick that went away', async () => {
    rmSync(stick, { recursive: true });
    expect(await refusalCode(files.write(place, 'medium.json', Buffer.from('{}')))).toBe('MEDIUM_LOST');
    expect(existsSync(stick)).toBe(false);
  });
});

describe.skipIf(!isRoot)('a practice stick with another filesystem mounted inside it', () => {
  let mounted: string | null = null;
  afterEach(() => {
    if (mounted) spawnSync('umount', [mounted]);
    mounted = null;
  });

  const mountTmpfs = (at: string) => {
    const result = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'strongroom-test', at], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    mounted = at;
  };

  it('refuses writes and reads in a STRONGROOM folder that is another filesystem', async () => {
    const inner = join(stick, 'STRONGROOM');
    mkdirSync(inner);
    mountTmpfs(inner);
    writeFileSync(join(inner, 'vault.kdbx'), 'elsewhere');
    expect(await refusalCode(files.write(place, 'seeds.kdbx', Buffer.from('seeds')))).toBe('MEDIUM_FILE_ELSEWHERE');
    expect(await refusalCode(files.read(place, 'vault.kdbx', 'artefact'))).toBe('MEDIUM_FILE_ELSEWHERE');
    expect(await refusalCode(files.list(place))).toBe('MEDIUM_FILE_ELSEWHERE');
    expect(readdirSync(inner)).toEqual(['vault.kdbx']);
  });

  it('does not wipe into a filesystem mounted inside STRONGROOM', async () => {
    await files.ensureFolder(place);
    await files.write(place, 'medium.json', Buffer.from('{}'));
    const inner = join(stick, 'STRONGROOM', 'inner');
    mkdirSync(inner);
    mountTmpfs(inner);
    writeFileSync(join(inner, 'kiosk-file'), 'must survive');
    expect(await refusalCode(files.removeFolder(place))).toBe('MEDIUM_FILE_NOT_REGULAR');
    expect(readFileSync(join(inner, 'kiosk-file'), 'utf8')).toBe('must survive');
    expect(existsSync(join(stick, 'STRONGROOM', 'medium.json'))).toBe(true);
  });
});
