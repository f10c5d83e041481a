import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readKdbxPublicHeader } from '../../src-main/artefacts/kdbx-public-header';

const missing = await promisify(execFile)('keepassxc-cli', ['--version']).then(
  () => null,
  () => 'keepassxc-cli is not installed',
);
if (missing) console.warn(`Skipping keepassxc-cli header test: ${missing}`);

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'strongroom-kdbx-peer-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.skipIf(missing !== null)('the public header of a database KeePassXC created', () => {
  it('is recognised as KDBX but carries no Strongroom role', async () => {
    const path = join(dir, 'personal.kdbx');
    await new Promise<void>((resolve, reject) => {
      const child = execFile('keepassxc-cli', ['db-create', '-p', '-t', '100', path], (error) => (error ? reject(error) : resolve()));
      child.stdin?.end('a passphrase\na passphrase\n');
    });
    const header = readKdbxPublicHeader(await readFile(path));
    expect(header).toMatchObject({ kdbx: true, role: null, generation: null, headerComplete: true });
    if (!header.kdbx) throw new Error('not recognised as KDBX');
    expect([3, 4]).toContain(header.version.major);
  });
});
