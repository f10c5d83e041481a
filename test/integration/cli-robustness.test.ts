import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureCliBuilt, runCli, registerCliCustodians } from '../support/cli';

/** The built `strongroom` command in a real shell pipeline, as a custodian's script would run it. */
describe('strongroom in a pipeline', () => {
  let work: string;
  beforeAll(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-cli-pipe-'));
    const rows = Array.from({ length: 1500 }, (_, i) => `${String(100000000000 + i)},account number ${i},root+${i}@example.com`);
    writeFileSync(join(work, 'accounts.csv'), `Account #,Account Name,Account Email\n${rows.join('\n')}\n`);
    registerCliCustodians(join(work, 'home'));
    const imported = runCli(['--home', join(work, 'home'), '--custodian', 'Dana Whitfield', 'accounts', 'import', join(work, 'accounts.csv')]);
    expect(imported.code, imported.stderr).toBe(0);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('ends quietly when the reader closes the pipe early (accounts list | head -1)', () => {
    const bin = join(process.cwd(), 'bin', 'strongroom.js');
    const errFile = join(work, 'stderr.txt');
    // More than a pipe buffer of output, read one line of: the writes after head exits fail with EPIPE.
    const script = `"${process.execPath}" "${bin}" --home "${join(work, 'home')}" accounts list 2>"${errFile}" | head -1 >/dev/null; echo "\${PIPESTATUS[0]}"`;
    const run = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(run.stdout.trim()).toBe('0');
    expect(readFileSync(errFile, 'utf8')).toBe('');
  });

  it('answers a malformed option with exit 2 and one sentence, not a stack or a schema dump', () => {
    const run = runCli(['--home', join(work, 'home'), '--custodian', 'Dana Whitfield', 'label', '/dev/null', '--role', 'vault', '--location', 'onsite', '--id', 'VAULT-1']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('USAGE: --id takes a medium id such as VAULT-02 or SEEDS-01 (2 to 4 digits), not "VAULT-1".');
    expect(run.stderr).not.toMatch(/INTERNAL|Zod|\bat\b.*\(/);
  });
});

describe('option checks of tokens and audit export are usage errors', () => {
  let work: string;
  beforeAll(() => {
    ensureCliBuilt();
    work = mkdtempSync(join(tmpdir(), 'strongroom-cli-usage-'));
    registerCliCustodians(join(work, 'home'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const cases: readonly { readonly args: readonly string[]; readonly sentence: RegExp }[] = [
    { args: ['tokens', 'lost', '', '--reason', 'left on a train'], sentence: /^USAGE: Name the token \(like TOKEN-07\)\. Usage: strongroom tokens lost/ },
    { args: ['audit', 'export', '--format', 'xml', '--to', 'reports'], sentence: /^USAGE: --format takes csv or pdf/ },
    { args: ['audit', 'export', '--format', 'csv'], sentence: /^USAGE: --to is missing/ },
    { args: ['audit', 'export', '--format', 'pdf', '--to', 'reports', '--paper', 'A3'], sentence: /^USAGE: --paper takes A4 or LETTER/ },
  ];
  for (const { args, sentence } of cases) {
    it(`answers "strongroom ${args.join(' ')}" with exit 2 and the option's accepted form`, () => {
      const run = runCli(['--home', join(work, 'home'), '--custodian', 'Dana Whitfield', ...args]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.split('\n')[0]).toMatch(sentence);
    });
  }
});
