import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FileStickWriteLocks } from '../../src-main/platform/stick-write-lock';
import { bundleForChild } from '../support/child-bundle';

const VAULT_02 = { identity: 'usb-serial:AA11BB22', name: 'VAULT-02' };
const SEEDS_01 = { identity: 'usb-serial:CC33DD44', name: 'SEEDS-01' };

describe('one writer per physical stick', () => {
  let folder: string;
  let child: { file: string; remove: () => void };
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    child = await bundleForChild('test/support/stick-lock-child.ts');
  });
  afterAll(() => child.remove());
  afterEach(() => {
    for (const c of children.splice(0)) c.kill('SIGKILL');
    rmSync(folder, { recursive: true, force: true });
  });
  const locks = () => {
    folder = mkdtempSync(join(tmpdir(), 'strongroom-locks-'));
    return new FileStickWriteLocks(folder);
  };

  it('refuses a second write to a stick while the first holds it in the same process (a double click), and frees it after', async () => {
    const lock = locks();
    let release = () => undefined as void;
    // The second is asked only once the first holds the stick: asked at the same instant, either may win the race.
    let holding = () => undefined as void;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const first = lock.hold([VAULT_02], () => {
      holding();
      return new Promise<string>((resolve) => (release = () => resolve('first done')));
    });
    await held;
    await expect(lock.hold([VAULT_02], async () => 'second')).rejects.toMatchObject({
      code: 'STICK_BUSY',
      message: 'VAULT-02 is being written by another Strongroom window or command; wait for it to finish, then try again.',
    });
    // Another stick is free meanwhile, and a job naming both is refused without taking the free one.
    await expect(lock.hold([SEEDS_01], async () => 'other stick')).resolves.toBe('other stick');
    await expect(lock.hold([SEEDS_01, VAULT_02], async () => 'both')).rejects.toMatchObject({ code: 'STICK_BUSY' });
    await expect(lock.hold([SEEDS_01], async () => 'still free')).resolves.toBe('still free');
    release();
    await expect(first).resolves.toBe('first done');
    await expect(lock.hold([VAULT_02], async () => 'after')).resolves.toBe('after');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('frees the stick when the work fails', async () => {
    const lock = locks();
    await expect(lock.hold([VAULT_02], async () => Promise.reject(new Error('stick pulled')))).rejects.toThrow('stick pulled');
    await expect(lock.hold([VAULT_02], async () => 'again')).resolves.toBe('again');
  });

  it('refuses while another process holds the stick, and takes the lock over once that process was killed', async () => {
    const lock = locks();
    const holder = spawn(process.execPath, [child.file, folder, VAULT_02.identity, VAULT_02.name], { stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(holder);
    await new Promise<void>((resolve, reject) => {
      holder.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve());
      holder.on('exit', (code) => reject(new Error(`the holding process exited (${code})`)));
    });
    await expect(lock.hold([VAULT_02], async () => 'second')).rejects.toMatchObject({ code: 'STICK_BUSY' });

    const gone = new Promise((resolve) => holder.on('exit', resolve));
    holder.kill('SIGKILL');
    await gone;
    // Its lock file is still there: the process never released it, yet it blocks nothing now.
    expect(readdirSync(folder).filter((n) => n.endsWith('.lock'))).toHaveLength(1);
    await expect(lock.hold([VAULT_02], async () => 'taken over')).resolves.toBe('taken over');
    expect(readdirSync(folder)).toEqual([]);
  });
});
