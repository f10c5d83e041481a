import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcessIo, reportFailure } from '../../src-main/cli/cli-io';
import { runCli } from '../../src-main/cli/main';
import { PassphraseReader } from '../../src-main/cli/passphrase-input';
import { escapeForTerminal } from '../../src-main/cli/terminal-text';
import { serialiseMediumManifest } from '../../src-main/core/medium-manifest';

let work: string;
let home: string;
let media: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'strongroom-cli-robust-'));
  home = join(work, 'home');
  media = join(work, 'media');
  mkdirSync(join(media, 'blank'), { recursive: true });
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(['--home', home, ...args], { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`) }, { STRONGROOM_MEDIA_ROOT: media }, {
    passphrases: new PassphraseReader(Readable.from([stdin])),
  });
  return { code, out, err };
}

describe('every option error is a usage error: exit 2, one sentence naming the option and its form', () => {
  // Checks made after sign-in need a registered custodian: Dana registers herself on this fresh kiosk.
  beforeAll(async () => expect((await cli(['custodians', 'add', 'Dana', '--custodian', 'Dana'])).code).toBe(0));
  it.each([
    [['label', 'x', '--role', 'vault', '--location', 'onsite', '--id', 'VAULT-1', '--custodian', 'Dana'], /^USAGE: --id takes a medium id such as VAULT-02 or SEEDS-01 \(2 to 4 digits\), not "VAULT-1"\./],
    [['label', 'x', '--role', 'vaults', '--location', 'onsite', '--custodian', 'Dana'], /^USAGE: --role takes vault or seed, not "vaults"\./],
    [['label', 'x', '--role', 'vault', '--location', 'the safe', '--custodian', 'Dana'], /^USAGE: --location says where the stick will be kept/],
    [['label', 'x', '--role', 'vault', '--role', 'seed', '--location', 'onsite', '--custodian', 'Dana'], /^USAGE: --role was given more than once/],
    [['label', '--role', 'vault', '--location', 'onsite', '--custodian', 'Dana'], /^USAGE: "strongroom label" needs the device or mount point of the stick\./],
    [['label', 'x', '--role'], /^USAGE: --role needs a value: vault or seed\./],
    [['accounts', 'list', '--bogus'], /^USAGE: --bogus is not an option of "strongroom accounts list"\./],
    [['accounts', 'list', 'extra'], /^USAGE: "strongroom accounts list" takes no argument, but "extra" was given\./],
    [['accounts', 'list', '--json=yes'], /^USAGE: --json is a switch and takes no value\./],
    [['audit', 'list', '--limit', '0'], /^USAGE: --limit takes a whole number from 1 to 1000, not "0"\./],
    [['audit', 'list', '--limit', 'lots'], /^USAGE: --limit takes a whole number from 1 to 1000/],
    [['code', '--account', '12345', '--seeds', 'x', '--custodian', 'Dana'], /^USAGE: --account takes a 12-digit AWS account id/],
    [['print', 'labels', '--out', 'x.pdf', '--copies', 'two', '--custodian', 'Dana'], /^USAGE: --copies takes a whole number/],
    [['print', 'labels', '--out', 'x.pdf', '--paper', 'A3', '--custodian', 'Dana'], /^USAGE: --paper takes A4 or LETTER, not "A3"\./],
    [['restore-line', '--line', '2', '--of', '4', '--text', 'ABCD', '--check', 'K7'], /^USAGE: --text is not an option of "strongroom restore-line"/],
    [['verify', '--custodian', 'Dana'], /^USAGE: "strongroom verify" needs the mount points of the sticks to verify\./],
    [['accounts', 'import', 'x.csv'], /^USAGE: "strongroom accounts import" changes custody records: say who is acting/],
    [['frobnicate'], /^USAGE: Unknown command "frobnicate"/],
  ])('%j', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.err).toMatch(message);
    expect(run.err).not.toMatch(/INTERNAL|ZodError|at .*\.ts:\d+/);
  });

  // The window can send an id of the other role too, so the desk refuses it for both: a refusal, exit 1, not usage.
  it('refuses a --id of the other role as the media desk does for the window: exit 1, naming the form of the role', async () => {
    const run = await cli(['label', 'x', '--role', 'seed', '--location', 'onsite: Safe 1', '--id', 'VAULT-02', '--custodian', 'Dana']);
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^MEDIUM_ID_NOT_FOR_ROLE: "VAULT-02" is not an id for a seed stick: its id is SEEDS- and 2 to 4 digits, such as SEEDS-02\./);
    const asJson = await cli(['--json', 'label', 'x', '--role', 'vault', '--location', 'onsite: Safe 1', '--id', 'seeds-03', '--custodian', 'Dana']);
    expect(asJson.code).toBe(1);
    expect(JSON.parse(asJson.out)).toMatchObject({ ok: false, error: { code: 'MEDIUM_ID_NOT_FOR_ROLE', details: { mediumId: 'SEEDS-03', role: 'vault' } } });
  });

  it('answers a usage error as JSON under --json', async () => {
    const run = await cli(['--json', 'audit', 'list', '--limit', '-3']);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.out)).toMatchObject({ ok: false, error: { code: 'USAGE' } });
  });
});

describe('nothing a user can type ends in INTERNAL', () => {
  it('a verification report that cannot be saved, passphrases missing from standard input', async () => {
    const missing = await cli(['passphrase', 'check']);
    expect(missing).toMatchObject({ code: 1, err: expect.stringMatching(/^INPUT_MISSING: /) });
    const rejected = await cli(['passphrase', 'check'], 'pass\u001b[Aphrase\n');
    expect(rejected).toMatchObject({ code: 1, err: expect.stringMatching(/^INPUT_REJECTED: /) });
  });

  it('a value that slips past the option checks into a schema is named, not dumped', () => {
    let err = '';
    const zod = Object.assign(new Error('[{"code":"invalid_format"}]'), { name: 'ZodError', issues: [{ path: ['mediumId'], message: 'must look like VAULT-02 or SEEDS-01' }] });
    expect(reportFailure({ out: () => undefined, err: (t) => (err += t) }, zod, false, 'label ...')).toBe(2);
    expect(err).toBe('USAGE: mediumId must look like VAULT-02 or SEEDS-01. Check the options given.\nUsage: strongroom label ...');
  });
});

describe('text from outside is printed with its control characters escaped', () => {
  it('escapes escape sequences, carriage returns, C1 controls and bidi overrides, keeping lines and tabs', () => {
    expect(escapeForTerminal('ACTIVE\u001b[32m OK\rCLOSED\u009b\u202eabc\n\tnext')).toBe('ACTIVE\\u001b[32m OK\\u000dCLOSED\\u009b\\u202eabc\n\tnext');
    expect(JSON.parse(escapeForTerminal(JSON.stringify({ note: 'a\u007fb\u009bc' })))).toEqual({ note: 'a\u007fb\u009bc' });
  });

  it('shows a hostile location note on a stick as escapes, in text and in JSON', async () => {
    mkdirSync(join(media, 'hostile', 'STRONGROOM'), { recursive: true });
    const manifest = {
      formatVersion: 1 as const,
      mediumId: 'VAULT-66',
      role: 'vault' as const,
      device: { source: 'simulated' as const, value: 'hostile' },
      location: { kind: 'onsite' as const, note: 'Safe 1\u001b]0;owned\u0007\u001b[2J' },
      createdBy: 'Someone',
      createdAt: '2026-03-02T09:15:00Z',
      practice: true,
      artefacts: [],
    };
    writeFileSync(join(media, 'hostile', 'STRONGROOM', 'medium.json'), serialiseMediumManifest(manifest));
    const text = await cli(['drives']);
    expect(text.out).toContain('Safe 1\\u001b]0;owned\\u0007\\u001b[2J');
    expect(text.out).not.toContain('\u001b');
    const json = await cli(['drives', '--json']);
    expect([...json.out].filter((c) => c !== '\n' && (c < ' ' || (c >= '\u007f' && c <= '\u009f')))).toEqual([]);
    expect(JSON.stringify(JSON.parse(json.out))).toContain('owned');
  });
});

describe('a closed output pipe', () => {
  it('drops further output quietly instead of throwing, and keeps the other stream', () => {
    const written: string[] = [];
    const closed = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const stderr = new Writable({
      write(chunk, _encoding, done) {
        written.push(String(chunk));
        done();
      },
    });
    const io = createProcessIo(closed, stderr);
    io.out('first');
    return new Promise<void>((resolve) => {
      setTimeout(() => {
        expect(() => io.out('second')).not.toThrow();
        io.err('still here');
        expect(written).toEqual(['still here\n']);
        resolve();
      }, 20);
    });
  });
});
