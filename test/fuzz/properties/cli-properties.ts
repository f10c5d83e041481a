import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { COMMANDS, runCli } from '../../../src-main/cli/main';
import { PassphraseReader } from '../../../src-main/cli/passphrase-input';
import { fuzzProperty, type FuzzProperty } from '../fuzz-kit';

/** Anything a custodian can type on the command line ends in 0, 1 or 2 with a sentence: never INTERNAL, never a stack. */

const work = mkdtempSync(join(tmpdir(), 'strongroom-fuzz-cli-'));
const media = join(work, 'media');
process.once('exit', () => rmSync(work, { recursive: true, force: true }));
const optionNames = [...new Set(COMMANDS.flatMap((c) => Object.keys(c.options ?? {})))].map((name) => `--${name}`);
const word = fc.oneof(
  fc.constantFrom(...COMMANDS.flatMap((c) => c.words)),
  fc.constantFrom(...optionNames, '--json', '--help', '--custodian', '--home', '--allow-network', '-h', '--', '-x', '--bogus'),
  fc.constantFrom('vault', 'seed', 'VAULT-02', 'VAULT-1', '111111111111', 'onsite', 'offsite: Bank', 'A4', 'LETTER', '0', '-3', '99999', join(media, 'none'), '/dev/null', '', 'Dana Whitfield'),
  fc.string({ maxLength: 12 }),
);
const argv = fc.tuple(fc.constantFrom(...COMMANDS), fc.array(word, { maxLength: 8 })).map(([command, rest]) => [...command.words, ...rest]);

export const cliProperties: readonly FuzzProperty[] = [
  fuzzProperty(
    'command-line options',
    'any command line ends with exit 0, 1 or 2 and a sentence, never INTERNAL',
    fc.asyncProperty(argv, fc.string({ maxLength: 30 }), async (args, stdin) => {
      let output = '';
      const io = { out: (t: string) => (output += t), err: (t: string) => (output += t) };
      const code = await runCli(['--home', join(work, 'home'), ...args], io, { STRONGROOM_MEDIA_ROOT: media }, { passphrases: new PassphraseReader(Readable.from([stdin])) });
      return [0, 1, 2].includes(code) && !output.includes('INTERNAL') && !/\n\s+at .+:\d+:\d+/.test(output);
    }),
  ),
];
