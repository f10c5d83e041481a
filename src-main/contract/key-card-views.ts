import type { MediumRole } from '../core/custody-vocabulary';
import type { WriteJobView } from './transaction-views';

/**
 * Key cards: a role's master key split so that any k of n holders open it and fewer learn nothing. The renderer
 * sends what the holders type (or scan); main combines the cards, and the key itself never comes back here.
 */

/** One card as a holder gives it: its lines with their check values, or the text its QR code reads. */
export type KeyCardEntry =
  | { readonly lines: readonly { readonly text: string; readonly check: string }[] }
  | { readonly scanned: string };

/**
 * How a role's master key is given wherever a master passphrase is asked for: the typed passphrase, the cards
 * of k holders, or (only where a new key is set) a set of cards just printed for that purpose.
 */
export type MasterKeyInput = string | { readonly cards: readonly KeyCardEntry[] } | { readonly newCardSet: string };

/** How a role is opened today: a typed passphrase, or k of n key cards. No secret. */
export type KeySchemeView =
  | { readonly role: MediumRole; readonly kind: 'passphrase' }
  | {
      readonly role: MediumRole;
      readonly kind: 'cards';
      readonly setId: string;
      readonly threshold: number;
      readonly cardCount: number;
      readonly holders: readonly string[];
      /** Lines printed on each card (groups of four with a check value), for typing a card in by hand. */
      readonly cardLines: number;
      readonly fromGeneration: number;
      readonly since: string;
    };

/** A card as read, before anything is combined: which card it is, never the share itself. */
export interface KeyCardReadView {
  readonly role: MediumRole;
  readonly number: number;
  readonly cardCount: number;
  readonly threshold: number;
  readonly setId: string;
  readonly generation: number;
  /** The holder this kiosk printed the card for, when it knows the set. */
  readonly holder: string | null;
  /** Whether this is the set the role's newest generation is encrypted under (null: this kiosk does not know). */
  readonly inForce: boolean | null;
}

export type KeyCardLineCheckView = { readonly ok: true; readonly lineNumber: number } | { readonly ok: false; readonly lineNumber: number; readonly message: string };

/** A set of cards drawn and printed, not yet the key of any artefact. */
export interface PreparedKeyCardSetView {
  readonly setId: string;
  readonly role: MediumRole;
  readonly threshold: number;
  /** The generation the re-key will write; the cards say they open it and later ones. */
  readonly generation: number;
  /** Whether the role has a generation already: then the current passphrase (or cards) is needed to re-key it. */
  readonly replacesKey: boolean;
  readonly cards: readonly { readonly number: number; readonly holder: string; readonly documentId: string; readonly printed: boolean; readonly printedOn: string | null }[];
  readonly preparedBy: string;
  readonly preparedAt: string;
}

/** A re-key with a drawn set: the write job over the role's sticks, and how the role opens afterwards. */
export interface KeyCardRekeyView {
  readonly job: WriteJobView;
  readonly scheme: KeySchemeView;
}
