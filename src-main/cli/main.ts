import { parseArgs } from 'node:util';
import { StrongroomApp } from '../app/strongroom-app';
import { ErrorCode, StrongroomError } from '../core/errors';
import { resolveStrongroomHome } from '../platform/app-data-dir';
import { auditCommands } from './audit-commands';
import type { CliCommand, CliOptionSpec } from './cli-command';
import { custodyCommands } from './custody-commands';
import { enrolmentCommands } from './enrolment-commands';
import { lifecycleCommands } from './lifecycle-commands';
import { mediaCommands } from './media-commands';
import { printCommands } from './print-commands';
import { rotationCommands } from './rotation-commands';
import { verificationCommands } from './verification-commands';
import { processIo, reportFailure, type CliIo } from './cli-io';
import { PassphraseReader } from './passphrase-input';

/** Every command, one feature module each. */
export const COMMANDS: readonly CliCommand[] = [...auditCommands, ...mediaCommands, ...custodyCommands, ...verificationCommands, ...printCommands, ...enrolmentCommands, ...rotationCommands, ...lifecycleCommands];

const GLOBAL_OPTIONS: CliOptionSpec = {
  home: { type: 'string' },
  custodian: { type: 'string' },
  'allow-network': { type: 'string' },
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

Passphrases are never taken from arguments: they are asked for on the terminal, or read one per line
from standard input (vault passphrase first, then seed passphrase).
`;
}

function findCommand(positionals: readonly string[]): CliCommand | undefined {
  // Longest match first, so "accounts import" wins over a hypothetical "accounts".
  return [...COMMANDS]
    .sort((a, b) => b.words.length - a.words.length)
    .find((command) => command.words.every((word, i) => positionals[i] === word));
}

export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const loose = parseArgs({ args: argv, allowPositionals: true, strict: false, options: GLOBAL_OPTIONS });
  const command = findCommand(loose.positionals);
  if (!command) {
    if (loose.values['help'] || loose.positionals.length === 0) {
      io.out(usage());
      return loose.values['help'] ? 0 : 2;
    }
    io.err(`Unknown command: ${loose.positionals.join(' ')}\n\n${usage()}`);
    return 2;
  }

  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { ...GLOBAL_OPTIONS, ...(command.options ?? {}) } });
  } catch (error) {
    io.err(`${(error as Error).message}\n\nUsage: strongroom ${command.usage}`);
    return 2;
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
  if (values['help']) {
    io.out(`Usage: strongroom ${command.usage}\n\n${command.summary}`);
    return 0;
  }
  const json = values['json'] === true;
  const home = typeof values['home'] === 'string' ? values['home'] : resolveStrongroomHome(env);

  let app: StrongroomApp | undefined;
  try {
    app = new StrongroomApp({ home, env });
    let custodian: string | null = null;
    if (command.needsCustodian) {
      const name = values['custodian'];
      if (typeof name !== 'string' || name.trim() === '') {
        throw new StrongroomError(ErrorCode.NotSignedIn, 'Say who is acting: add --custodian "Your Name".');
      }
      custodian = app.session.signIn(name, { via: 'cli' }).custodian;
      if (typeof values['allow-network'] === 'string') app.airGap.allowWithNetwork(values['allow-network']);
    }
    return await command.run({
      app,
      io,
      json,
      custodian,
      passphrases: new PassphraseReader(),
      options: values,
      args: parsed.positionals.slice(command.words.length),
      env,
    });
  } catch (error) {
    return reportFailure(io, error, json);
  } finally {
    if (app?.session.status().custodian) app.session.signOut();
    app?.close();
  }
}
