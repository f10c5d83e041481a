import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PassphraseReader, controlCharacterIn } from '../../src-main/cli/passphrase-input';
import { refusalCode } from '../support/refusal-code';

/** A terminal as the reader sees it: raw mode switchable, keys arriving as the custodian presses them. */
class FakeTerminal extends PassThrough {
  readonly isTTY = true;
  raw = false;
  setRawMode(raw: boolean): void {
    this.raw = raw;
  }
}

function terminal(...keys: string[]): { input: FakeTerminal; prompt: PassThrough; shown: () => string } {
  const input = new FakeTerminal();
  const prompt = new PassThrough();
  let shown = '';
  prompt.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  // Keys arrive after the prompt is written, as on a real terminal.
  setTimeout(() => keys.forEach((key, i) => setTimeout(() => input.write(key), i * 2)), 5);
  return { input, prompt, shown: () => shown };
}


describe('the terminal passphrase reader', () => {
  it('reads a passphrase with echo off, applying backspace and Ctrl-U', async () => {
    const t = terminal('wrong', '\u0015', 'orbit velx', '\u007f', 'vet canyon\r');
    const reader = new PassphraseReader(t.input, t.prompt);
    expect(await reader.next('Vault master passphrase')).toBe('orbit velvet canyon');
    expect(t.input.raw).toBe(false);
    expect(t.shown()).toBe('Vault master passphrase: \n');
  });

  it('refuses an arrow key, says why without repeating anything typed, and takes the passphrase typed again', async () => {
    const t = terminal('orbit\u001b[Dvelvet\r', 'orbit velvet\r');
    const reader = new PassphraseReader(t.input, t.prompt);
    expect(await reader.next('Vault master passphrase')).toBe('orbit velvet');
    expect(t.shown()).toMatch(/contained an escape sequence \(an arrow key.*nothing was kept\. Type it again\./);
    expect(t.shown()).not.toContain('orbit');
  });

  it('refuses bracketed-paste markers, a Tab and other control keys three times, then gives up with INPUT_REJECTED', async () => {
    const t = terminal('\u001b[200~pasted\u001b[201~\r', 'tab\there\r', 'bell\u0007\r');
    expect(await refusalCode(new PassphraseReader(t.input, t.prompt).next('Seed master passphrase'))).toBe('INPUT_REJECTED');
    expect(t.shown()).toMatch(/escape sequence[\s\S]*a Tab[\s\S]*/);
  });

  it('cancels on Ctrl-C, and on Ctrl-D before anything is typed', async () => {
    const a = terminal('abc\u0003');
    expect(await refusalCode(new PassphraseReader(a.input, a.prompt).next('Vault master passphrase'))).toBe('INPUT_CANCELLED');
    const b = terminal('\u0004');
    expect(await refusalCode(new PassphraseReader(b.input, b.prompt).next('Vault master passphrase'))).toBe('INPUT_CANCELLED');
  });

  it('asks twice for a new passphrase, and again when the two differ', async () => {
    const t = terminal('first try one\r', 'first try 0ne\r', 'lantern seed orbit\r', 'lantern seed orbit\r');
    const reader = new PassphraseReader(t.input, t.prompt);
    expect(await reader.readNew('Vault master passphrase')).toBe('lantern seed orbit');
    expect(t.shown()).toMatch(/Vault master passphrase \(new\): \nVault master passphrase again, to confirm: \nThe two vault master passphrases typed do not match/);
  });

  it('gives up with PASSPHRASES_DIFFER when the two never agree', async () => {
    const t = terminal('a1\r', 'a2\r', 'b1\r', 'b2\r', 'c1\r', 'c2\r');
    expect(await refusalCode(new PassphraseReader(t.input, t.prompt).readNew('Seed master passphrase'))).toBe('PASSPHRASES_DIFFER');
  });

  it('keeps keys typed ahead for the next prompt, so a pasted pair of lines fills both', async () => {
    const t = terminal('same phrase twice\rsame phrase twice\r');
    expect(await new PassphraseReader(t.input, t.prompt).readNew('Vault master passphrase')).toBe('same phrase twice');
  });
});

describe('passphrases on standard input', () => {
  it('reads one line each, in order, a new passphrase included, and says which line is missing', async () => {
    const reader = new PassphraseReader(Readable.from(['vault phrase\r\n', 'seed phrase\n']));
    expect(await reader.readNew('Vault master passphrase')).toBe('vault phrase');
    expect(await reader.next('Seed master passphrase')).toBe('seed phrase');
    const missing = await refusalCode(reader.next('Third passphrase'));
    expect(missing).toBe('INPUT_MISSING');
  });

  it('refuses a line with a control character, naming the line and not its content', async () => {
    const reader = new PassphraseReader(Readable.from(['ok\n', 'bad\u001b[Aline\n']));
    await reader.next('Vault master passphrase');
    await expect(reader.next('Seed master passphrase')).rejects.toMatchObject({ code: 'INPUT_REJECTED', message: expect.stringMatching(/line 2 of standard input/) });
    await expect(new PassphraseReader(Readable.from(['bad\u001b[Aline\n'])).next('x')).rejects.toSatisfy((e: Error) => !e.message.includes('bad'));
  });
});

describe('controlCharacterIn', () => {
  it('names escape sequences, tabs, C0 and C1 controls and DEL, and passes ordinary text of any script', () => {
    expect(controlCharacterIn('\u001b[A')).toMatch(/escape sequence/);
    expect(controlCharacterIn('a\tb')).toBe('a Tab');
    expect(controlCharacterIn('a\u0000b')).toBe('a control character');
    expect(controlCharacterIn('a\u007fb')).toBe('a control character');
    expect(controlCharacterIn('a\u009bb')).toBe('a control character');
    expect(controlCharacterIn('Søren’s vault – 7 words, ünïcödé 日本')).toBeNull();
  });
});
