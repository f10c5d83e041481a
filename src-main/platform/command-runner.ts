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
  return async (command, args) => {
    const result = await runProcess(command, args, null, { timeoutMs: 30_000, maxOutputBytes: 16 * 1024 * 1024, ...options });
    return { stdout: result.stdout.toString('utf8'), stderr: result.stderr, code: result.code };
  };
}

export interface ProcessResult {
  /** Exit code; 127 when the program does not exist, -1 when killed (timeout, too much output). */
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

/**
 * Runs one program without a shell, optionally feeding bytes on standard input, and keeps standard output as
 * bytes: PDFs that must never touch a disk go in on stdin (printing, previews) and PNG pages come back on stdout.
 */
export function runProcess(
  command: string,
  args: readonly string[],
  input: Uint8Array | null,
  options: NodeCommandRunnerOptions & { timeoutMs: number; maxOutputBytes: number },
): Promise<ProcessResult> {
  const { timeoutMs, maxOutputBytes } = options;
  // A fixed C locale keeps tool output (lsblk headings, lpstat lines, error texts) the same on every kiosk.
  const env = { ...(options.env ?? process.env), LC_ALL: 'C', LANG: 'C' };
  return new Promise<ProcessResult>((resolve) => {
    const child = spawn(command, [...args], { env, stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'], windowsHide: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    let settled = false;
    const finish = (result: ProcessResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish({ code: -1, stdout: Buffer.concat(out), stderr: `${command} did not finish within ${Math.round(timeoutMs / 1000)} seconds` });
    }, timeoutMs);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxOutputBytes) {
        child.kill('SIGKILL');
        finish({ code: -1, stdout: Buffer.alloc(0), stderr: `${command} printed more than ${maxOutputBytes} bytes` });
        return;
      }
      into.push(chunk);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    child.on('error', (error: NodeJS.ErrnoException) => {
      finish({ code: error.code === 'ENOENT' ? 127 : -1, stdout: Buffer.alloc(0), stderr: error.message });
    });
    child.on('close', (code) => {
      finish({ code: code ?? -1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') });
    });
    if (input && child.stdin) {
      // A tool that stops reading early (bad page number, missing printer) closes the pipe: its exit code says why.
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

export const nodeCommandRunner: CommandRunner = createNodeCommandRunner();
