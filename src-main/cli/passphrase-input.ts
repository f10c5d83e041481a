import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { ErrorCode, StrongroomError } from '../core/errors';

/**
 * Master passphrases, and other secrets such as a typed paper seed line, never come from arguments (they would
 * sit in shell history, the process table and npm's logs). On a terminal they are asked for with echo off; from
 * a pipe they are read one per line, in the order each command documents (vault passphrase first, then seed
 * passphrase), so scripted custody jobs stay possible.
 *
 * On a terminal, keys that are not text are refused, never kept as part of the secret: an arrow key or a pasted
 * text's bracketed-paste markers arrive as escape sequences, and a passphrase with "\x1b[D" in it would open
 * nothing anywhere else. A NEW passphrase (the first generation of a vault or seed store) is typed twice and
 * compared, since a typo there makes the file unopenable for ever.
 */

type TerminalInput = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => void };

const ATTEMPTS = 3;
const CTRL_C = '\u0003';
const CTRL_D = '\u0004';
const CTRL_U = '\u0015';
const ESC = '\u001b';

/** What, if anything, in typed text is not text: named for the message, never quoted. */
export function controlCharacterIn(text: string): string | null {
  if (text.includes(ESC)) return 'an escape sequence (an arrow key, a function key, or the markers a terminal puts around pasted text)';
  if (text.includes('\t')) return 'a Tab';
  // C0 and C1 controls and DEL; the line end itself is never part of what is returned.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return 'a control character';
  return null;
}

export class PassphraseReader {
  private lines: string[] | null = null;
  private lineNumber = 0;
  /** Keys typed ahead of the prompt that asks for them (a fast typist, or a paste of several lines). */
  private pending = '';

  constructor(
    private readonly input: TerminalInput = process.stdin,
    private readonly prompt: Writable = process.stderr,
  ) {}

  private get onTerminal(): boolean {
    return Boolean(this.input.isTTY && this.input.setRawMode);
  }

  /** An existing secret: asked for once on a terminal (again if what was typed held a control key). */
  async next(label: string): Promise<string> {
    if (!this.onTerminal) return this.nextLine(label);
    for (let attempt = 1; ; attempt += 1) {
      const typed = await this.askWithoutEcho(label);
      const problem = controlCharacterIn(typed);
      if (problem === null) return typed;
      if (attempt === ATTEMPTS) throw rejected(label, problem);
      this.prompt.write(`${rejectedSentence(label, problem)} Type it again.\n`);
    }
  }

  /**
   * A new master passphrase: on a terminal typed twice and compared, asked again (three tries) until both agree.
   * From a pipe it is one line, like any other: a script does not mistype.
   */
  async readNew(label: string): Promise<string> {
    if (!this.onTerminal) return this.nextLine(label);
    for (let attempt = 1; ; attempt += 1) {
      const first = await this.next(`${label} (new)`);
      const second = await this.next(`${label} again, to confirm`);
      if (first === second) return first;
      if (attempt === ATTEMPTS) {
        throw new StrongroomError(
          ErrorCode.PassphrasesDiffer,
          `The two ${label.toLowerCase()}s typed did not match, three times; nothing was written. Run the command again and type the new passphrase carefully, twice.`,
        );
      }
      this.prompt.write(`The two ${label.toLowerCase()}s typed do not match; nothing was kept. Type the new passphrase again, twice.\n`);
    }
  }

  private async nextLine(label: string): Promise<string> {
    if (this.lines === null) this.lines = await readAllLines(this.input);
    const line = this.lines.shift();
    this.lineNumber += 1;
    if (line === undefined) {
      throw new StrongroomError(
        ErrorCode.InputMissing,
        `No ${label.toLowerCase()} on standard input (line ${this.lineNumber} is missing). Give one per line, in the order the command's help says.`,
        { line: this.lineNumber },
      );
    }
    const problem = controlCharacterIn(line);
    if (problem !== null) throw rejected(`${label} (line ${this.lineNumber} of standard input)`, problem);
    return line;
  }

  private askWithoutEcho(label: string): Promise<string> {
    const input = this.input;
    return new Promise((resolve, reject) => {
      this.prompt.write(`${label}: `);
      let typed = '';
      const finish = (): void => {
        input.off('data', onData);
        input.setRawMode?.(false);
        input.pause();
        this.prompt.write('\n');
      };
      const consume = (): boolean => {
        while (this.pending.length > 0) {
          const char = String.fromCodePoint(this.pending.codePointAt(0)!);
          this.pending = this.pending.slice(char.length);
          if (char === '\r' || char === '\n') {
            // A CR LF pair from a paste is one line end, not an empty second line.
            if (char === '\r' && this.pending.startsWith('\n')) this.pending = this.pending.slice(1);
            finish();
            resolve(typed);
            return true;
          }
          if (char === CTRL_C || (char === CTRL_D && typed === '')) {
            finish();
            reject(new StrongroomError(ErrorCode.InputCancelled, 'Cancelled; nothing was changed.'));
            return true;
          }
          if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
          else if (char === CTRL_U) typed = '';
          // Any other key, control or not, is kept for now; controlCharacterIn refuses the whole entry at Enter,
          // so an escape sequence never half-survives as its printable tail.
          else typed += char;
        }
        return false;
      };
      const onData = (chunk: Buffer | string): void => {
        this.pending += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
        consume();
      };
      input.setRawMode?.(true);
      if (consume()) return;
      input.on('data', onData);
      input.resume();
    });
  }
}

function rejectedSentence(label: string, problem: string): string {
  return `The ${label.toLowerCase()} contained ${problem}, which Strongroom does not take as part of a secret; nothing was kept.`;
}

function rejected(label: string, problem: string): StrongroomError {
  return new StrongroomError(
    ErrorCode.InputRejected,
    `${rejectedSentence(label, problem)} Type it using only letters, digits, spaces and punctuation; do not use arrow keys or paste it.`,
  );
}

async function readAllLines(input: Readable): Promise<string[]> {
  const lines: string[] = [];
  for await (const line of createInterface({ input, crlfDelay: Infinity })) lines.push(line);
  return lines;
}
