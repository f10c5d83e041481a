import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/**
 * Master passphrases never come from arguments (they would sit in shell history and the process table). On a
 * terminal they are asked for with echo off; from a pipe they are read one per line, vault passphrase first,
 * then seed passphrase, so scripted custody jobs stay possible.
 */
export class PassphraseReader {
  private lines: string[] | null = null;

  constructor(
    private readonly input: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void } = process.stdin,
    private readonly prompt: Writable = process.stderr,
  ) {}

  async next(label: string): Promise<string> {
    if (this.input.isTTY && this.input.setRawMode) return this.askWithoutEcho(label);
    if (this.lines === null) this.lines = await readAllLines(this.input);
    const line = this.lines.shift();
    if (line === undefined) throw new Error(`No ${label} on standard input: give one passphrase per line.`);
    return line;
  }

  private askWithoutEcho(label: string): Promise<string> {
    const input = this.input;
    return new Promise((resolve, reject) => {
      this.prompt.write(`${label}: `);
      let typed = '';
      input.setRawMode?.(true);
      input.resume();
      const onData = (chunk: Buffer): void => {
        for (const char of chunk.toString('utf8')) {
          if (char === '\r' || char === '\n') {
            finish();
            resolve(typed);
            return;
          }
          if (char === '\u0003') {
            finish();
            reject(new Error('Cancelled.'));
            return;
          }
          if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
          else typed += char;
        }
      };
      const finish = (): void => {
        input.off('data', onData);
        input.setRawMode?.(false);
        input.pause();
        this.prompt.write('\n');
      };
      input.on('data', onData);
    });
  }
}

async function readAllLines(input: Readable): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) lines.push(line);
  return lines;
}
