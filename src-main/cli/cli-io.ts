import { isStrongroomError } from '../core/errors';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A failure as the CLI reports it: the code a script can match, then the sentence a custodian reads. */
export function reportFailure(io: CliIo, error: unknown, json: boolean): number {
  if (isStrongroomError(error)) {
    if (json) io.out(JSON.stringify({ ok: false, error: { code: error.code, message: error.message, details: error.details } }));
    else io.err(`${error.code}: ${error.message}`);
    return 1;
  }
  const name = (error as Error)?.name ?? 'Error';
  if (json) io.out(JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: `Unexpected ${name}.` } }));
  else io.err(`INTERNAL: Unexpected ${name}: ${(error as Error)?.message ?? String(error)}`);
  return 2;
}
