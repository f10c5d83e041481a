import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const BIN = join(process.cwd(), 'bin', 'strongroom.js');
const CLI_BUNDLE = join(process.cwd(), 'dist', 'main', 'cli.js');

/** Every file below a folder, for scans of what a run left on disk. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function newestSource(dir: string): number {
  return Math.max(0, ...readdirSync(dir).map((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    return stat.isDirectory() ? newestSource(path) : stat.mtimeMs;
  }));
}

/** The CLI runs from its bundle, as `npx strongroom` does: rebuild it when it is missing or older than the sources. */
export function ensureCliBuilt(): void {
  if (existsSync(CLI_BUNDLE) && statSync(CLI_BUNDLE).mtimeMs >= newestSource(join(process.cwd(), 'src-main'))) return;
  const built = spawnSync(process.execPath, ['scripts/build.mjs', '--main-only'], { encoding: 'utf8' });
  if (built.status !== 0) throw new Error(built.stderr);
}

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `strongroom` (bin/strongroom.js on this Node) with the given environment and standard input. */
export function runCli(args: readonly string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { input: options.input ?? '', encoding: 'utf8', env: { ...process.env, ...options.env } });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A custodian's run on practice media. This test machine has a network interface, so the air-gap override is
 * given, and recorded on the audit trail like any other.
 */
export function custodianCli(home: string, media: string) {
  registerCliCustodians(home);
  return (args: readonly string[], input = ''): CliRun =>
    runCli(['--home', home, '--custodian', 'Dana Whitfield', '--allow-network', 'integration test bench', ...args], {
      input,
      env: { STRONGROOM_MEDIA_ROOT: media },
    });
}

/** The second custodian of two-person control in CLI tests. */
export const SECOND_CUSTODIAN = 'Sam Okafor';

const registeredHomes = new Set<string>();

/** Dana registers herself as the first custodian of a fresh kiosk, then registers the second custodian. */
export function registerCliCustodians(home: string): void {
  if (registeredHomes.has(home)) return;
  for (const name of ['Dana Whitfield', SECOND_CUSTODIAN]) {
    const run = runCli(['--home', home, '--custodian', 'Dana Whitfield', 'custodians', 'add', name]);
    if (run.code !== 0 && !run.stderr.includes('already registered')) throw new Error(`registering ${name}: ${run.stderr}`);
  }
  registeredHomes.add(home);
}
