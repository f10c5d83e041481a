import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractAll } from '@electron/asar';
import { Platform, build } from 'electron-builder';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../support/cli';

/**
 * The key derivation is a native module: a packaged kiosk that cannot load it cannot open a single file. This runs
 * electron-builder with the project's own electron-builder.yml, as `npm run dist` does, and looks inside what it
 * made. Electron's binary cannot be downloaded on an offline build machine, so a stand-in takes its place; only the
 * fuse flipping (which needs the real binary) and the native rebuild (nothing of ours needs one) are left out.
 */

const PLATFORM_PACKAGE = `argon2-${process.platform}-${process.arch}`;

describe.runIf(process.platform === 'linux')('the packaged app', () => {
  let work: string;
  let resources: string;

  beforeAll(async () => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-package-'));
    const electronDist = join(work, 'electron-dist');
    mkdirSync(join(electronDist, 'resources'), { recursive: true });
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(electronDist, 'electron'), 0o755);
    for (const file of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(join(electronDist, file), '');
    await build({
      projectDir: process.cwd(),
      targets: Platform.LINUX.createTarget('dir'),
      config: {
        extends: 'electron-builder.yml',
        electronDist,
        electronVersion: JSON.parse(readFileSync('node_modules/electron/package.json', 'utf8')).version,
        npmRebuild: false,
        afterPack: null,
        directories: { output: join(work, 'release') },
      },
    });
    resources = join(work, 'release', 'linux-unpacked', 'resources');
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('keeps the Argon2 binary outside app.asar, where the operating system can load it', () => {
    const unpacked = join(resources, 'app.asar.unpacked', 'node_modules', '@node-rs');
    const platformDirs = existsSync(unpacked) ? readdirSync(unpacked).filter((name) => name.startsWith(PLATFORM_PACKAGE)) : [];
    expect(platformDirs).toHaveLength(1);
    expect(readdirSync(join(unpacked, platformDirs[0]!)).filter((name) => name.endsWith('.node'))).toHaveLength(1);
  });

  it('derives the reference key from the packaged files alone, through the bundle’s own import of the binding', () => {
    const app = join(work, 'app');
    extractAll(join(resources, 'app.asar'), app);
    const bundle = readFileSync(join(app, 'dist', 'main', 'main.js'), 'utf8');
    // The bundle leaves the binding to Node's resolver (esbuild `packages: 'external'`), so it finds the copy above.
    expect(bundle).toContain('import("@node-rs/argon2")');
    const script =
      "import('@node-rs/argon2').then((a) => a.hashRaw(Buffer.from('password'), { algorithm: 2, memoryCost: 65536, timeCost: 2, " +
      "parallelism: 1, outputLen: 32, salt: Buffer.from('somesalt') })).then((h) => console.log(h.toString('hex')))";
    const derived = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: app, encoding: 'utf8' });
    expect(derived.status, derived.stderr).toBe(0);
    expect(derived.stdout.trim()).toBe('09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7');
  });
});
