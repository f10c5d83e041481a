/**
 * cli/: the `strongroom` command line, a Node entry over the same app/ desks without Electron (custody
 * scripts, tests, benchmarks): option forms, passphrase input, terminal-safe output, one module per command
 * family, dispatched from runCli here. May import app/, core/, contract/, artefacts/, catalog/, print/ and
 * platform/; never electron, and no file I/O of its own (no fs): files go through platform/.
 */
import type { StrongroomApp } from '../app/strongroom-app';
import { ErrorCode, StrongroomError } from '../core/errors';
import { resolveStrongroomHome } from '../platform/app-data-dir';
import type { CliCommand, CliOptionSpec } from './cli-command';
import { COMMANDS } from './command-table';
import { createProcessIo, reportFailure, terminalSafe, type CliIo } from './cli-io';
import { parseCommandLine } from './cli-options';
import { PassphraseReader } from './passphrase-input';

/** Every command, from the command table; tests list them from here. */
export { COMMANDS };

const GLOBAL_OPTIONS: CliOptionSpec = {
  home: { type: 'string', form: 'the catalog folder' },
  custodian: { type: 'string', form: 'your name, e.g. --custodian "Dana Whitfield"' },
  'allow-network': { type: 'string', form: 'a sentence saying why secrets must be opened on a networked machine' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

function usage(): string {
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return `Usage: strongroom [--home DIR] [--custodian NAME] [--json] <command>

Commands:
${COMMANDS.map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`).join('\n')}

Options:
  --home DIR          Catalog folder (default: STRONGROOM_HOME, else the OS app-data folder).
  --custodian NAME    Who is acting; required for every command that changes custody records.
  --json              Machine-readable output.
  --allow-network WHY Open secrets although a network interface is up (lab use only; recorded with WHY).

Passphrases, and typed paper seed lines, are never taken from arguments: they are asked for on the terminal
with echo off (a new master passphrase twice), or read one per line from standard input: vault passphrase
first, then seed passphrase.
`;
}

function findCommand(positionals: readonly string[]): CliCommand | undefined {
  // Longest match first, so "accounts import" wins over a hypothetical "accounts".
  return [...COMMANDS]
    .sort((a, b) => b.words.length - a.words.length)
    .find((command) => command.words.every((word, i) => positionals[i] === word));
}

/** The positionals of a command line, reading only the global options: enough to find the command. */
function commandWords(argv: readonly string[]): { positionals: string[]; help: boolean } {
  const words: string[] = [];
  let help = false;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') break;
    if (arg === '--help' || arg === '-h') help = true;
    else if (arg.startsWith('-')) {
      const name = arg.replace(/^-+/, '').split('=')[0]!;
      if (GLOBAL_OPTIONS[name]?.type === 'string' && !arg.includes('=')) i += 1;
    } else words.push(arg);
  }
  return { positionals: words, help };
}

/**
 * The app layer, loaded only once a command is found and its command line is valid: it imports every desk and
 * the packages they use (KeePass, SQLite, TOTP), which `--help`, a usage error or an unknown command never need.
 */
async function openApp(home: string, env: NodeJS.ProcessEnv): Promise<StrongroomApp> {
  const { StrongroomApp } = await import('../app/strongroom-app');
  return new StrongroomApp({ home, env });
}

export interface CliDependencies {
  readonly passphrases?: PassphraseReader;
}

export async function runCli(argv: string[], rawIo: CliIo = createProcessIo(), env: NodeJS.ProcessEnv = process.env, dependencies: CliDependencies = {}): Promise<number> {
  const io = terminalSafe(rawIo);
  const { positionals, help } = commandWords(argv);
  const command = findCommand(positionals) ?? null;
  const json = argv.includes('--json');
  if (!command) {
    if (help || positionals.length === 0) {
      io.out(usage());
      return help ? 0 : 2;
    }
    return reportFailure(io, new StrongroomError(ErrorCode.Usage, `Unknown command "${positionals.slice(0, 3).join(' ')}": run strongroom --help for the list of commands.`), json);
  }

  let values;
  let args;
  try {
    ({ values, args } = parseCommandLine(argv, command, GLOBAL_OPTIONS));
  } catch (error) {
    return reportFailure(io, error, json, command.usage);
  }
  if (values['help']) {
    io.out(`Usage: strongroom ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  const home = typeof values['home'] === 'string' ? values['home'] : resolveStrongroomHome(env);

  let app: StrongroomApp | undefined;
  try {
    app = await openApp(home, env);
    let custodian: string | null = null;
    if (command.needsCustodian) {
      const name = values['custodian'];
      if (typeof name !== 'string' || name.trim() === '') {
        throw new StrongroomError(ErrorCode.Usage, `${`"strongroom ${command.words.join(' ')}"`} changes custody records: say who is acting with --custodian "Your Name".`);
      }
      custodian = app.session.signIn(name, { via: 'cli' }).custodian;
      if (typeof values['allow-network'] === 'string') app.airGap.allowWithNetwork(values['allow-network']);
    }
    return await command.run({
      app,
      io,
      json: values['json'] === true,
      custodian,
      passphrases: dependencies.passphrases ?? new PassphraseReader(),
      options: values,
      args,
      env,
    });
  } catch (error) {
    return reportFailure(io, error, json, command.usage);
  } finally {
    try {
      if (app?.session.status().custodian) app.session.signOut();
    } finally {
      app?.close();
    }
  }
}
