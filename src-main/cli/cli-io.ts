import type { Writable } from 'node:stream';
import { ErrorCode, isStrongroomError } from '../core/errors';
import { escapeForTerminal } from './terminal-text';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

/**
 * Standard output and error of this process. When the reader goes away (`strongroom accounts list | head -1`),
 * writes fail with EPIPE: from then on that stream's output is dropped quietly, and the command itself runs to its
 * end, so a custody job whose report nobody reads still finishes (or fails) whole instead of dying half-way.
 */
export function createProcessIo(stdout: Writable = process.stdout, stderr: Writable = process.stderr): CliIo {
  const writer = (stream: Writable) => {
    let closed = false;
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') closed = true;
      else throw error;
    });
    return (text: string) => {
      if (closed || stream.destroyed) return;
      stream.write(text.endsWith('\n') ? text : `${text}\n`);
    };
  };
  return { out: writer(stdout), err: writer(stderr) };
}

/** Every line through escapeForTerminal: output that came from outside never drives the terminal. */
export function terminalSafe(io: CliIo): CliIo {
  return { out: (text) => io.out(escapeForTerminal(text)), err: (text) => io.err(escapeForTerminal(text)) };
}

/** Exit codes: 0 success, 1 a refusal or a failed check, 2 a usage error or a fault inside Strongroom. */
export function reportFailure(io: CliIo, error: unknown, json: boolean, usage?: string): number {
  if (isStrongroomError(error)) {
    if (json) io.out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message, details: error.details } }));
    else io.err(`${error.code}: ${error.message}${error.code === ErrorCode.Usage && usage ? `\nUsage: strongroom ${usage}` : ''}`);
    return error.code === ErrorCode.Usage ? 2 : 1;
  }
  // A value in the wrong form that slipped past the option checks still names what was wrong, not a stack.
  if ((error as Error)?.name === 'ZodError') {
    const issue = (error as { issues?: { path: (string | number)[]; message: string }[] }).issues?.[0];
    const field = issue?.path.length ? issue.path.join('.') : 'a value';
    const message = `${field} ${issue?.message ?? 'is not in the accepted form'}. Check the options given.`;
    if (json) io.out(JSON.stringify({ ok: false, error: { code: ErrorCode.Usage, message } }));
    else io.err(`${ErrorCode.Usage}: ${message}${usage ? `\nUsage: strongroom ${usage}` : ''}`);
    return 2;
  }
  const name = (error as Error)?.name ?? 'Error';
  if (json) io.out(JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: `Unexpected ${name}.` } }));
  else io.err(`INTERNAL: Unexpected ${name}: ${(error as Error)?.message ?? String(error)}`);
  return 2;
}
