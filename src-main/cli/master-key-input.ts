import type { MasterKeyInput } from '../app/master-keys';
import type { ShareRole } from '../core/master-key-shares';
import type { CliContext } from './cli-command';

const ROLE_WORDS: Readonly<Record<ShareRole, { readonly passphrase: string; readonly key: string }>> = {
  vault: { passphrase: 'Vault master passphrase', key: 'vault' },
  seed: { passphrase: 'Seed master passphrase', key: 'seed store' },
};

/**
 * A role's master key as the terminal gives it: its passphrase, or, for a role under key cards, one card per
 * holder present (the text its QR code reads, scanned into the prompt or typed), as many as the set needs.
 * Read like passphrases, never from arguments; the desks combine the cards (app/master-keys).
 */
export async function readMasterKey(context: CliContext, role: ShareRole): Promise<MasterKeyInput> {
  const scheme = context.app.keys.scheme(role);
  if (scheme.kind === 'passphrase') return context.passphrases.next(ROLE_WORDS[role].passphrase);
  const cards: { scanned: string }[] = [];
  for (let n = 1; n <= scheme.threshold; n += 1) {
    cards.push({ scanned: await context.passphrases.next(`Key card ${n} of the ${scheme.threshold} needed for the ${ROLE_WORDS[role].key} (scan its QR code)`) });
  }
  return { cards };
}

/**
 * A role's key for a write: a first generation's new passphrase read as new (typed twice and compared on a
 * terminal, one line from a pipe) and handed on with its second typing, for the desk to check as it does the
 * window's; any other key as `readMasterKey` reads it.
 */
export async function readEnteredKey(context: CliContext, role: ShareRole): Promise<{ readonly key: MasterKeyInput; readonly again?: string }> {
  if (context.app.keys.scheme(role).kind !== 'passphrase' || !context.app.keys.isFirstKey(role)) return { key: await readMasterKey(context, role) };
  const passphrase = await context.passphrases.readNew(ROLE_WORDS[role].passphrase);
  return { key: passphrase, again: passphrase };
}
