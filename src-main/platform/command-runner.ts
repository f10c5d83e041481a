import { spawn } from 'node:child_process';

export interface CommandResult {
  readonly stdout: string;
  readonly stderr: string;
  /** Exit code; 127 when the program does not exist (as a shell would say), -1 when killed by a signal or timeout. */
  readonly code: number;
}

/**
 * Every OS adapter runs tools through this port, so parsers are tested on recorded output and the adapters on
 * a fake runner. Arguments are passed as an array, never through a shell: device paths and labels come from
 * sticks a custodian plugged in, and a label is attacker-controlled text.
 */
export type CommandRunner = (command: string, args: readonly string[]) => Promise<CommandResult>;

export interface NodeCommandRunnerOptions {
  readonly timeoutMs?: number;
  readonly maxOutputBytes?: number;
  readonly env?: NodeJS.ProcessEnv;
}

export function createNodeCommandRunner(options: NodeCommandRunnerOptions = {}): CommandRunner {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxOutputBytes = options.maxOutputBytes ?? 16 * 1024 * 1024;
  // A fixed C locale keeps tool output (lsblk headings, error texts) the same on every kiosk.
  const env = { ...(options.env ?? process.env), LC_ALL: 'C', LANG: 'C' };
  return (command, args) =>
    new Promise<CommandResult>((resolve) => {
      const child = spawn(command, [...args], { env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (result: CommandResult): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(result);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish({ stdout: Buffer.concat(out).toString('utf8'), stderr: `${command} timed out after ${timeoutMs} ms`, code: -1 });
      }, timeoutMs);
      const collect = (into: Buffer[]) => (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxOutputBytes) {
          child.kill('SIGKILL');
          finish({ stdout: '', stderr: `${command} printed more than ${maxOutputBytes} bytes`, code: -1 });
          return;
        }
        into.push(chunk);
      };
      child.stdout.on('data', collect(out));
      child.stderr.on('data', collect(err));
      child.on('error', (error: NodeJS.ErrnoException) => {
        finish({ stdout: '', stderr: error.message, code: error.code === 'ENOENT' ? 127 : -1 });
      });
      child.on('close', (code) => {
        finish({ stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1 });
      });
    });
}

export const nodeCommandRunner: CommandRunner = createNodeCommandRunner();
