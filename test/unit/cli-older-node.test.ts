import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt } from '../support/cli';

const BIN = join(process.cwd(), 'bin', 'strongroom.js');

/** A Node older than 22.12 on this machine (Debian's own, say), or null: the hand-over can only be seen with one. */
function olderNode(): { path: string; version: string } | null {
  for (const path of ['/usr/bin/node', '/usr/local/bin/node']) {
    if (!existsSync(path)) continue;
    const version = spawnSync(path, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^v/, '');
    const [major, minor] = version.split('.').map(Number);
    if (major! < 22 || (major === 22 && minor! < 12)) return { path, version };
  }
  return null;
}

const older = olderNode();
if (!older) console.warn('Skipping the older-Node hand-over test: no Node older than 22.12 is installed here.');

describe.skipIf(older === null)('strongroom started by an older Node', () => {
  let home: string;
  beforeAll(() => {
    ensureCliBuilt();
    home = mkdtempSync(join(tmpdir(), 'strongroom-older-node-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('hands over to the Node 22 installed beside it, so the catalog opens instead of crashing', () => {
    const run = spawnSync(older!.path, [BIN, '--home', home, 'accounts', 'list'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^No accounts yet\./);
  });

  it('passes on the exit code and the words of a refusal', () => {
    const run = spawnSync(older!.path, [BIN, '--home', home, 'no-such-command'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/no-such-command/);
  });
});
