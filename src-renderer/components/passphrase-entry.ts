import type { ChannelError } from '../../src-main/contract/result';
import type { MediumRole } from '../../src-main/contract/media-views';

/** A form may ask for the passphrase a file opens with now, and for the one it will open with from now on. */
export type PassphraseWhich = 'current' | 'new';

/** The two master passphrases, one per role, each kept by its own group of custodians (A for the vault, B for the seed store). */
export const CUSTODIAN_GROUP: Readonly<Record<MediumRole, 'A' | 'B'>> = { vault: 'A', seed: 'B' };

/** "New seed master passphrase (custodian group B)": how every field, message and button names a passphrase. */
export function passphraseName(role: MediumRole, which: PassphraseWhich = 'current'): string {
  const words = `${role === 'vault' ? 'Vault' : 'Seed'} master passphrase (custodian group ${CUSTODIAN_GROUP[role]})`;
  return which === 'new' ? `New ${words.charAt(0).toLowerCase()}${words.slice(1)}` : words;
}

/** One passphrase as a form holds it; `again` is present only for a brand-new passphrase, which is typed twice. */
export interface PassphraseEntry {
  readonly role: MediumRole;
  readonly which: PassphraseWhich;
  readonly value: string;
  readonly again?: string;
}

/** What is wrong with one passphrase field, said beside it; `part` is the box the focus goes to. */
export interface PassphraseProblem {
  readonly role: MediumRole;
  readonly which: PassphraseWhich;
  readonly part: 'value' | 'again';
  readonly text: string;
}

/**
 * The checks the window makes before anything goes to main: every passphrase typed, every new one typed the same
 * twice. The first problem, in the order the fields stand, so the focus lands on the first box to fix. Nothing is
 * cleared for these: what was typed may be right, and only the custodian knows which of the two boxes is wrong.
 */
export function checkPassphraseEntries(entries: readonly PassphraseEntry[]): PassphraseProblem | null {
  for (const entry of entries) {
    const name = passphraseName(entry.role, entry.which);
    if (entry.value === '') return { role: entry.role, which: entry.which, part: 'value', text: `Type the ${lower(name)}.` };
    if (entry.again === undefined) continue;
    if (entry.again === '') return { role: entry.role, which: entry.which, part: 'again', text: `Type the ${lower(name)} a second time, to be sure it is the one you meant.` };
    if (entry.again !== entry.value) {
      return {
        role: entry.role,
        which: entry.which,
        part: 'again',
        text: `The second typing of the ${lower(name)} differs from the first. Nothing was sent: check both boxes (Show helps) and make them the same.`,
      };
    }
  }
  return null;
}

/** Refusals from main that say a passphrase itself is wrong: only then is that passphrase cleared. */
const WRONG_PASSPHRASE_CODES: ReadonlySet<string> = new Set(['KDBX_WRONG_PASSPHRASE', 'WEAK_PASSPHRASE', 'PASSPHRASES_NOT_DISTINCT']);

/**
 * Which passphrase field an error from main is about (main names it in `details.passphrase` and `details.which`),
 * and whether that field should be cleared. Null for an error about anything else: then every field keeps what
 * was typed, since none of it was found wrong.
 */
export function passphraseErrorField(error: ChannelError): { readonly problem: PassphraseProblem; readonly clear: boolean } | null {
  const role = error.details?.['passphrase'];
  if (role !== 'vault' && role !== 'seed') return null;
  const which: PassphraseWhich = error.details?.['which'] === 'new' ? 'new' : 'current';
  const part = error.code === 'PASSPHRASES_DIFFER' ? 'again' : 'value';
  return { problem: { role, which, part, text: error.message }, clear: WRONG_PASSPHRASE_CODES.has(error.code) };
}

function lower(name: string): string {
  return `${name.charAt(0).toLowerCase()}${name.slice(1)}`;
}
