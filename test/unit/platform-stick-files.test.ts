import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  STICK_FILE_CAPS,
  checkStickPath,
  ensureStickDirectory,
  openStickFileForWriting,
  openStickRoot,
  readStickFile,
  readStickFileHead,
  type StickRoot,
} from '../../src-main/platform/stick-files';
import { refusalCode } from '../support/refusal-code';

const isRoot = process.getuid?.() === 0;

let work: string;
let stick: string;
let kiosk: string;
let root: StickRoot;

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'strongroom-stick-files-'));
  stick = join(work, 'stick');
  kiosk = join(work, 'kiosk-disk');
  mkdirSync(join(stick, 'STRONGROOM'), { recursive: true });
  mkdirSync(kiosk);
  root = await openStickRoot(stick, 'the test stick');
});
afterEach(() => rmSync(work, { recursive: true, force: true }));


describe('reading a file on a stick', () => {
  it('reads an ordinary file below the stick root', async () => {
    writeFileSync(join(stick, 'STRONGROOM', 'medium.json'), '{"a":1}');
    expect(Buffer.from(await readStickFile(root, 'STRONGROOM/medium.json', 'manifest')).toString()).toBe('{"a":1}');
    expect((await readStickFileHead(root, 'STRONGROOM/medium.json', 3)).bytes).toEqual(new Uint8Array(Buffer.from('{"a')));
  });

  it('refuses a STRONGROOM folder that is a link, even when the file it leads to exists', async () => {
    rmSync(join(stick, 'STRONGROOM'), { recursive: true });
    mkdirSync(join(stick, 'Strongroom'));
    writeFileSync(join(kiosk, 'vault.kdbx'), 'kiosk file');
    symlinkSync(kiosk, join(stick, 'STRONGROOM'));
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/vault.kdbx', 'artefact'))).toBe('MEDIUM_LINK_REFUSED');
  });

  it('refuses a link in any component, and a file that is itself a link (to the kiosk or to /dev/zero)', async () => {
    mkdirSync(join(stick, 'a', 'b'), { recursive: true });
    symlinkSync(kiosk, join(stick, 'a', 'b', 'c'));
    writeFileSync(join(kiosk, 'x'), 'x');
    expect(await refusalCode(readStickFile(root, 'a/b/c/x', 'artefact'))).toBe('MEDIUM_LINK_REFUSED');
    symlinkSync(join(kiosk, 'x'), join(stick, 'STRONGROOM', 'vault.kdbx'));
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/vault.kdbx', 'artefact'))).toBe('MEDIUM_LINK_REFUSED');
    symlinkSync('/dev/zero', join(stick, 'STRONGROOM', 'seeds.kdbx'));
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/seeds.kdbx', 'artefact'))).toBe('MEDIUM_LINK_REFUSED');
    expect(await refusalCode(readStickFileHead(root, 'STRONGROOM/seeds.kdbx', 8))).toBe('MEDIUM_LINK_REFUSED');
  });

  it('refuses a named pipe without blocking, a folder, and a socket', async () => {
    const fifo = join(stick, 'STRONGROOM', 'vault.kdbx');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // Opening a FIFO for reading blocks until a writer comes; nobody will, so a blocking open would hang here.
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/vault.kdbx', 'artefact'))).toBe('MEDIUM_FILE_NOT_REGULAR');
    mkdirSync(join(stick, 'STRONGROOM', 'seeds.kdbx'));
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/seeds.kdbx', 'artefact'))).toBe('MEDIUM_FILE_NOT_REGULAR');
    const socketPath = join(stick, 'STRONGROOM', 'audit.jsonl');
    const server: Server = createServer();
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      expect(await refusalCode(readStickFile(root, 'STRONGROOM/audit.jsonl', 'audit'))).toBe('MEDIUM_FILE_NOT_REGULAR');
    } finally {
      await new Promise((done) => server.close(done));
    }
  });

  it.skipIf(!isRoot)('refuses a device node placed on the stick', async () => {
    expect(spawnSync('mknod', [join(stick, 'STRONGROOM', 'vault.kdbx'), 'c', '1', '5']).status).toBe(0);
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/vault.kdbx', 'artefact'))).toBe('MEDIUM_FILE_NOT_REGULAR');
  });

  it('refuses a file larger than the cap of its kind before reading it', async () => {
    const big = join(stick, 'STRONGROOM', 'vault.kdbx');
    writeFileSync(big, '');
    truncateSync(big, STICK_FILE_CAPS.artefact + 1);
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/vault.kdbx', 'artefact'))).toBe('MEDIUM_FILE_TOO_LARGE');
    truncateSync(big, STICK_FILE_CAPS.artefact);
    expect((await readStickFile(root, 'STRONGROOM/vault.kdbx', 'artefact')).length).toBe(STICK_FILE_CAPS.artefact);
    writeFileSync(join(stick, 'STRONGROOM', 'medium.json'), 'x'.repeat(STICK_FILE_CAPS.manifest + 1));
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/medium.json', 'manifest'))).toBe('MEDIUM_FILE_TOO_LARGE');
  });

  it('holds a file that reports a smaller size than it has to the cap while reading it', async () => {
    // /proc files report size 0 and then deliver their content: the same as a file growing under the reader.
    const proc = await openStickRoot('/proc/self');
    expect((await readStickFile(proc, 'status', 'manifest')).length).toBeGreaterThan(256);
    expect(await refusalCode(readStickFile(proc, 'status', 'manifest', { maxBytes: 256 }))).toBe('MEDIUM_FILE_TOO_LARGE');
  });

  it('refuses paths that climb out of the stick', async () => {
    for (const path of ['../kiosk-disk/x', 'STRONGROOM/../../x', '/etc/passwd', '', 'STRONGROOM//x']) {
      expect(await refusalCode(readStickFile(root, path, 'artefact')), path).toBe('MEDIUM_FILE_ELSEWHERE');
    }
  });

  it('says a missing file is missing', async () => {
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/vault.kdbx', 'artefact'))).toBe('MEDIUM_FILE_MISSING');
    expect(await refusalCode(readStickFile(root, 'NOPE/vault.kdbx', 'artefact'))).toBe('MEDIUM_FILE_MISSING');
  });
});

describe.skipIf(!isRoot)('a folder of the stick with another filesystem mounted on it', () => {
  let mounted: string | null = null;
  afterEach(() => {
    if (mounted) spawnSync('umount', [mounted]);
    mounted = null;
  });

  it('is refused for reads and writes, on practice folders too', async () => {
    const inner = join(stick, 'STRONGROOM');
    const mount = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'strongroom-test', inner], { encoding: 'utf8' });
    expect(mount.status, mount.stderr).toBe(0);
    mounted = inner;
    writeFileSync(join(inner, 'vault.kdbx'), 'on another filesystem');
    expect(await refusalCode(readStickFile(root, 'STRONGROOM/vault.kdbx', 'artefact'))).toBe('MEDIUM_FILE_ELSEWHERE');
    expect(await refusalCode(ensureStickDirectory(root, 'STRONGROOM'))).toBe('MEDIUM_FILE_ELSEWHERE');
    expect(await refusalCode(openStickFileForWriting(root, 'STRONGROOM/new.txt', 'create-new'))).toBe('MEDIUM_FILE_ELSEWHERE');
    expect(existsSync(join(inner, 'new.txt'))).toBe(false);
  });
});

describe('writing on a stick', () => {
  it('creates the STRONGROOM folder and a file in it', async () => {
    rmSync(join(stick, 'STRONGROOM'), { recursive: true });
    const dir = await ensureStickDirectory(root, 'STRONGROOM');
    expect(dir).toBe(join(stick, 'STRONGROOM'));
    const handle = await openStickFileForWriting(root, 'STRONGROOM/medium.json', 'create-new');
    await handle.writeFile('{}');
    await handle.close();
    expect(await refusalCode(openStickFileForWriting(root, 'STRONGROOM/medium.json', 'create-new'))).toBe('MEDIUM_WRITE_FAILED');
    const again = await openStickFileForWriting(root, 'STRONGROOM/medium.json', 'replace');
    await again.close();
    expect(await checkStickPath(root, 'STRONGROOM/medium.json')).toBe(join(stick, 'STRONGROOM', 'medium.json'));
  });

  it('refuses to create anything through a STRONGROOM link, and nothing lands where it points', async () => {
    rmSync(join(stick, 'STRONGROOM'), { recursive: true });
    symlinkSync(kiosk, join(stick, 'STRONGROOM'));
    expect(await refusalCode(ensureStickDirectory(root, 'STRONGROOM'))).toBe('MEDIUM_LINK_REFUSED');
    expect(await refusalCode(openStickFileForWriting(root, 'STRONGROOM/vault.kdbx', 'create-new'))).toBe('MEDIUM_LINK_REFUSED');
    expect(await refusalCode(checkStickPath(root, 'STRONGROOM/vault.kdbx'))).toBe('MEDIUM_LINK_REFUSED');
    expect(readdirSync(kiosk)).toEqual([]);
  });

  it('refuses to write through a file that is a link, and a folder where a file is expected', async () => {
    symlinkSync(join(kiosk, 'target'), join(stick, 'STRONGROOM', 'vault.kdbx'));
    expect(await refusalCode(openStickFileForWriting(root, 'STRONGROOM/vault.kdbx', 'replace'))).toBe('MEDIUM_LINK_REFUSED');
    expect(existsSync(join(kiosk, 'target'))).toBe(false);
    writeFileSync(join(stick, 'plain-file'), 'x');
    expect(await refusalCode(ensureStickDirectory(root, 'plain-file'))).toBe('MEDIUM_FILE_NOT_REGULAR');
  });
});
