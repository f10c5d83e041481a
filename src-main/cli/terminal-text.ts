/**
 * Text printed to a terminal that came from outside (account names and states from an import, location notes,
 * file names on a stick, audit details) may carry control characters: an escape sequence can rewrite what the
 * custodian sees (colour a failure green, clear the screen, retitle the window), a carriage return can print
 * "CLOSED" over "ACTIVE", and bidirectional overrides can reorder an account id. Every line the CLI prints goes
 * through here: such characters are shown as \uXXXX escapes, which also keeps JSON output valid JSON.
 * Line feeds and tabs are kept: the CLI's own layout uses them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
