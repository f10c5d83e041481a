import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '../../src-main/core/errors';
import type { CliContext } from '../../src-main/cli/cli-command';
import { COMMAND_FAMILIES, COMMANDS, runKey } from '../../src-main/cli/command-table';
import { PassphraseReader } from '../../src-main/cli/passphrase-input';
import { custodyKiosk, enrolAndWrite, SECOND_CUSTODIAN, SEED_PASSPHRASE, VAULT_PASSPHRASE } from '../support/custody-fixture';
import { ensureCliBuilt } from '../support/cli';

const BIN = join(process.cwd(), 'bin', 'strongroom.js');
const HOOK = join(process.cwd(), 'test', 'support', 'module-load-log.mjs');

let work: string;
beforeAll(() => {
  ensureCliBuilt();
  work = mkdtempSync(join(tmpdir(), 'strongroom-cli-loading-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the built `strongroom` and returns what it loaded: the file name of each module and each package. */
function loadedBy(name: string, args: readonly string[]): { code: number | null; stdout: string; modules: string[] } {
  const log = join(work, `${name}.log`);
  const result = spawnSync(process.execPath, ['--import', HOOK, BIN, '--home', join(work, 'home'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, STRONGROOM_TEST_MODULE_LOG: log, STRONGROOM_MEDIA_ROOT: join(work, 'media') },
  });
  const modules = readFileSync(log, 'utf8').split('\n').filter((url) => url !== '');
  return { code: result.status, stdout: result.stdout, modules };
}

/**
 * The source modules whose code a process loaded: the bundler heads each module's code with a comment naming its
 * source file, so every bundle file the process read says which modules it holds (evaluated or not).
 */
function sourcesLoaded(modules: readonly string[]): Set<string> {
  const sources = new Set<string>();
  for (const url of modules.filter((u) => u.startsWith('file:') && u.includes('/dist/main/'))) {
    for (const [, source] of readFileSync(fileURLToPath(url), 'utf8').matchAll(/^\/\/ (src-main\/\S+\.ts)$/gm)) sources.add(source!);
  }
  return sources;
}

/** The command families whose runs a process loaded. */
function familiesLoaded(modules: readonly string[]): string[] {
  const sources = sourcesLoaded(modules);
  return COMMAND_FAMILIES.map((f) => f.module.replace('./', '')).filter((family) => sources.has(`src-main/cli/${family}.ts`));
}

const packageLoaded = (modules: readonly string[], name: string) => modules.some((url) => url.includes(`/node_modules/${name}/`));

describe('what a strongroom process loads', () => {
  it('lists every command for --help without loading any command family, the app layer or its packages', () => {
    const run = loadedBy('help', ['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('breakglass --account ID');
    expect(run.modules.some((url) => url.endsWith('/dist/main/cli.js'))).toBe(true);
    expect(familiesLoaded(run.modules)).toEqual([]);
    expect(sourcesLoaded(run.modules).has('src-main/app/strongroom-app.ts')).toBe(false);
    expect(sourcesLoaded(run.modules).has('src-main/cli/command-table.ts')).toBe(true);
    for (const name of ['kdbxweb', 'better-sqlite3', 'otplib', 'zod']) expect(packageLoaded(run.modules, name), name).toBe(false);
  });

  it('refuses an unknown command or a malformed option without loading any command family', () => {
    const unknown = loadedBy('unknown', ['accounts', 'frobnicate']);
    expect(unknown.code).toBe(2);
    const malformed = loadedBy('malformed', ['breakglass', '--account', 'not-an-id']);
    expect(malformed.code).toBe(2);
    for (const run of [unknown, malformed]) {
      expect(familiesLoaded(run.modules)).toEqual([]);
      expect(packageLoaded(run.modules, 'better-sqlite3')).toBe(false);
    }
  });

  it('loads the family of the command that runs, and no other', () => {
    const list = loadedBy('accounts-list', ['accounts', 'list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain('No accounts yet');
    expect(familiesLoaded(list.modules)).toEqual(['custody-commands']);
    const due = loadedBy('due', ['due']);
    expect(due.code).toBe(0);
    expect(familiesLoaded(due.modules)).toEqual(['verification-commands']);
  });
});

describe('the command table', () => {
  it('has a run for every listed command and lists every run, family by family', async () => {
    for (const family of COMMAND_FAMILIES) {
      const runs = await family.load();
      expect(Object.keys(runs).sort(), family.module).toEqual(family.specs.map(runKey).sort());
    }
    expect(new Set(COMMANDS.map(runKey)).size).toBe(COMMANDS.length);
  });
});

describe('checks a lazily loaded command still makes', () => {
  function contextFor(app: CliContext['app'], args: readonly string[], options: CliContext['options'], stdin: string): { context: CliContext; out: string[] } {
    const out: string[] = [];
    const context: CliContext = {
      app,
      io: { out: (line: string) => out.push(line), err: (line: string) => out.push(line) },
      json: false,
      custodian: 'Dana Whitfield',
      passphrases: new PassphraseReader(Readable.from([stdin])),
      options,
      args,
      env: {},
    };
    return { context, out };
  }

  it('refuses break-glass while a network interface is up, and records the refusal', async () => {
    let cablePlugged = false;
    const k = await custodyKiosk({ network: { activeInterfaces: () => (cablePlugged ? [{ name: 'eth0', addresses: ['192.0.2.15'] }] : []) } });
    try {
      await enrolAndWrite(k.app);
      cablePlugged = true;
      const breakglass = COMMANDS.find((c) => runKey(c) === 'breakglass')!;
      const { context } = contextFor(
        k.app,
        [],
        { account: '111111111111', vault: k.sticks.vault1, seeds: k.sticks.seed1, reason: 'Annual root sign-in drill for the auditors', 'seed-custodian': SECOND_CUSTODIAN },
        `${VAULT_PASSPHRASE}\n${SEED_PASSPHRASE}\n`,
      );
      await expect(breakglass.run(context)).rejects.toMatchObject({ code: ErrorCode.NetworkUp });
      expect(k.app.catalog.audit.list({ limit: 5 }).map((e) => e.action)).toContain('airgap.refused');
    } finally {
      k.cleanup();
    }
  });
});
