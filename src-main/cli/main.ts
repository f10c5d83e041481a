import { parseArgs } from 'node:util';
import { StrongroomApp } from '../app/strongroom-app';
import { resolveStrongroomHome } from '../platform/app-data-dir';
import { auditList, auditVerify } from './audit-commands';
import { processIo, reportFailure, type CliIo } from './cli-io';

const USAGE = `Usage: strongroom [--home DIR] [--custodian NAME] [--json] <command>

Commands:
  audit list [--limit N]   Show the audit trail, newest last, and whether its hash chain holds.
  audit verify             Check the audit trail's hash chain; exit 1 naming the first bad event.

Options:
  --home DIR          Catalog folder (default: STRONGROOM_HOME, else the OS app-data folder).
  --custodian NAME    Who is acting; required for every command that changes custody records.
  --json              Machine-readable output.
`;

export async function runCli(argv: string[], io: CliIo = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        home: { type: 'string' },
        custodian: { type: 'string' },
        json: { type: 'boolean', default: false },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [command, sub] = positionals;
  if (values.help || !command) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  const home = values.home ?? resolveStrongroomHome(env);
  const json = values.json ?? false;

  let app: StrongroomApp | undefined;
  try {
    app = new StrongroomApp({ home });
    if (command === 'audit' && sub === 'list') {
      const limit = values.limit ? Number.parseInt(values.limit, 10) : 1000;
      return auditList(app, io, { json, limit: Number.isFinite(limit) && limit > 0 ? limit : 1000 });
    }
    if (command === 'audit' && sub === 'verify') return auditVerify(app, io, { json });
    io.err(`Unknown command: ${positionals.join(' ')}\n\n${USAGE}`);
    return 2;
  } catch (error) {
    return reportFailure(io, error, json);
  } finally {
    app?.close();
  }
}
