import { z } from 'zod';

/**
 * The request form of a master key (see MasterKeyInput in key-card-views): the one schema every channel that
 * opens or writes a vault or seed store uses for it. A passphrase, like a key card, crosses IPC once, into
 * main's memory; it is never echoed back, stored or logged.
 */
export const passphrase = z.string().min(1).max(1024);

// The preload loads this table in the sandbox, so core/master-key-shares (node:crypto) is not imported for its
// MAX_SHARE_HOLDERS; the desk checks the real rule, this only bounds the request.
const MAX_SHARE_HOLDERS = 16;

const cardLine = z.object({ text: z.string().max(200), check: z.string().max(20) }).strict();

export const keyCardEntry = z.union([
  z.object({ lines: z.array(cardLine).min(1).max(32) }).strict(),
  z.object({ scanned: z.string().min(1).max(400) }).strict(),
]);

export const keyCardSetId = z.string().regex(/^[0-9A-F]{16}$/, 'a key card set id is 16 hexadecimal characters');

/** An existing key: the typed passphrase, or the cards of the holders present. */
export const masterKey = z.union([passphrase, z.object({ cards: z.array(keyCardEntry).min(1).max(MAX_SHARE_HOLDERS) }).strict()]);

/** Where a new key may be set (the first generation, a passphrase change): also a set of cards just printed. */
export const masterKeyOrNewCards = z.union([passphrase, z.object({ cards: z.array(keyCardEntry).min(1).max(MAX_SHARE_HOLDERS) }).strict(), z.object({ newCardSet: keyCardSetId }).strict()]);
