import {
  combineShares,
  decodeScannedShare,
  decodeTypedShare,
  drawMasterKey,
  masterKeyPassphrase,
  SHARE_LINE_COUNT,
  splitMasterKey,
  type MasterKeyShare,
  type ShareRole,
} from '../core/master-key-shares';
import { ErrorCode, StrongroomError } from '../core/errors';
import { ROLE_ARTEFACT } from '../core/medium-manifest';
import { DEFAULT_DICEWARE_WORDS, generateDicewarePassphrase } from '../core/passphrase-policy';
import type { Random } from '../core/random';
import type { Catalog } from '../catalog/catalog';
import type { KeyCardSet } from '../catalog/key-card-set-store';
import type { Clock } from '../platform/clock';
import type { KeyCardEntry, KeySchemeView, MasterKeyInput } from '../contract/key-card-views';
import { heldForCustodian } from './custodian-held-work';
import type { KioskSession } from './kiosk-session';

export type { MasterKeyInput } from '../contract/key-card-views';

/** A master key as the desks use it: the KDBX password text, and how it was given (for the audit trail). */
export interface ResolvedMasterKey {
  readonly text: string;
  readonly via: 'passphrase' | 'cards' | 'new-cards';
  readonly setId: string | null;
  /** The card numbers given, and their holders as this kiosk printed them. */
  readonly cards: readonly number[];
  readonly holders: readonly string[];
}

/** Whether the key is the one an existing artefact is encrypted under, or a new one being set. */
export type KeyUse = 'open' | 'new';

export interface PreparedCard {
  readonly number: number;
  readonly holder: string;
  readonly share: MasterKeyShare;
  documentId: string | null;
  printedOn: string | null;
}

export interface PreparedSet {
  readonly setId: string;
  readonly role: ShareRole;
  readonly threshold: number;
  readonly generation: number;
  readonly cards: PreparedCard[];
  readonly preparedBy: string;
  readonly preparedAt: string;
  /** Wiped (zeroed) when the set is adopted or dropped. */
  readonly key: Uint8Array;
}

const KEY_CARD_SET_GONE = {
  code: ErrorCode.KeyCardSetGone,
  sentence: 'That set of key cards is no longer held: it was discarded, replaced, or wiped when the kiosk locked. Its printed cards open nothing: shred them and draw a new set.',
};
const ROLE_WORDS: Readonly<Record<ShareRole, string>> = { vault: 'the vault', seed: 'the seed store' };

/**
 * The one place where a role's master key is worked out from what the custodians gave: a typed passphrase as
 * it is, k key cards combined into the key (core/master-key-shares), or a set of cards just drawn and printed
 * for a re-key. Every desk that opens or writes a vault or seed store asks here, so "or k cards" holds for
 * break-glass, writes, verification, printing and exports alike. The combined key exists only in memory, for
 * the task that asked; a drawn set is held until its re-key is written, or dropped with the session.
 */
export class MasterKeys {
  private readonly prepared = new Map<string, PreparedSet>();

  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly clock: Clock,
    private readonly random: Random,
  ) {
    session.onEnd((how, custodian) => {
      // A drawn set survives a lock (its holders may be fetching their cards from the printer), not a sign-out;
      // its printed cards open nothing until its re-key is written, so dropping it loses no credential.
      if (how !== 'signed-out') return;
      for (const set of [...this.prepared.values()]) if (set.preparedBy === custodian) this.drop(set, how);
    });
  }

  scheme(role: ShareRole): KeySchemeView {
    const set = this.catalog.keyCardSets.inForce(role);
    return set ? schemeView(set) : { role, kind: 'passphrase' };
  }

  /**
   * Seven random words (EFF list) to use as a new master passphrase, shown once and never kept; the suggestion
   * itself (not the words) is on the audit trail, saying where it was asked for.
   */
  async suggestPassphrase(via: 'window' | 'cli'): Promise<{ readonly passphrase: string; readonly words: number }> {
    const passphrase = await generateDicewarePassphrase(this.random);
    this.session.record({ action: 'passphrase.suggested', subject: 'kiosk', details: { words: DEFAULT_DICEWARE_WORDS, ...(via === 'cli' ? { via } : {}) } });
    return { passphrase, words: DEFAULT_DICEWARE_WORDS };
  }

  /** No generation of the role is published yet: the key given now becomes its key, so a new passphrase is typed twice. */
  isFirstKey(role: ShareRole): boolean {
    return this.catalog.generations.newestPublished(ROLE_ARTEFACT[role]) === 0;
  }

  async resolve(role: ShareRole, input: MasterKeyInput | undefined, use: KeyUse): Promise<ResolvedMasterKey> {
    if (input === undefined || input === '') {
      throw new StrongroomError(ErrorCode.MasterKeyMissing, `The ${role === 'vault' ? 'vault' : 'seed'} master passphrase (or its key cards) is needed for ${ROLE_WORDS[role]}.`, { role });
    }
    if (typeof input === 'string') return { text: input, via: 'passphrase', setId: null, cards: [], holders: [] };
    if ('newCardSet' in input) {
      if (use !== 'new') {
        throw new StrongroomError(ErrorCode.KeyCardsWrongUse, `New key cards set a new key; they do not open ${ROLE_WORDS[role]} as it is. Give its current passphrase or cards.`, { role });
      }
      return this.resolvePrepared(role, input.newCardSet);
    }
    if (use === 'new') {
      throw new StrongroomError(ErrorCode.KeyCardsWrongUse, `Cards of an existing set cannot become a new key. Draw a new set of cards for ${ROLE_WORDS[role]}.`, { role });
    }
    return this.combine(role, input.cards);
  }

  /** One card read on its own (lines checked, the whole card checked), for the screen to say which card it is. */
  readCard(entry: KeyCardEntry): { share: MasterKeyShare; holder: string | null; inForce: boolean | null } {
    const share = decodeEntry(entry);
    const known = this.catalog.keyCardSets.get(share.setId);
    const inForce = this.catalog.keyCardSets.inForce(share.role);
    return { share, holder: known?.holders[share.number - 1] ?? null, inForce: known || inForce ? inForce?.setId === share.setId : null };
  }

  /** Draws a new master key for the role and splits it into one card per holder. The key is shown to nobody. */
  async draw(role: ShareRole, threshold: number, holders: readonly string[], generation: number): Promise<PreparedSet> {
    const preparedBy = this.session.requireCustodian();
    const key = drawMasterKey(this.random);
    const shares = await splitMasterKey(key, { role, generation, threshold, shares: holders.length }, this.random);
    const set: PreparedSet = {
      setId: shares[0]!.setId,
      role,
      threshold,
      generation,
      cards: shares.map((share, index) => ({ number: share.number, holder: holders[index]!, share, documentId: null, printedOn: null })),
      preparedBy,
      preparedAt: this.clock.now().toISOString(),
      key,
    };
    // One set per role at a time: a second draw replaces the first, whose cards then open nothing.
    for (const other of [...this.prepared.values()]) if (other.role === role) this.drop(other, 'replaced by a new draw');
    this.prepared.set(set.setId, set);
    return set;
  }

  preparedSet(setId: string): PreparedSet {
    return heldForCustodian(this.prepared, setId, this.session.requireCustodian(), (s) => s.preparedBy, KEY_CARD_SET_GONE);
  }

  preparedFor(role: ShareRole): PreparedSet | null {
    const custodian = this.session.requireCustodian();
    return [...this.prepared.values()].find((s) => s.role === role && s.preparedBy === custodian) ?? null;
  }

  /** A card's document reached a printer. */
  markPrinted(documentId: string, printer: string): void {
    for (const set of this.prepared.values()) for (const card of set.cards) if (card.documentId === documentId) card.printedOn = printer;
  }

  discard(setId: string): void {
    this.drop(this.preparedSet(setId), 'discarded by custodian');
  }

  /**
   * After a write published a generation: a set of new cards used as the role's new key is now in force; a new
   * typed passphrase ends the set that was in force. Called by the custody writer, which knows what it wrote.
   */
  keyChanged(role: ShareRole, generation: number, key: ResolvedMasterKey): void {
    const at = this.clock.now().toISOString();
    const custodian = this.session.requireCustodian();
    const before = this.catalog.keyCardSets.inForce(role);
    if (key.via === 'new-cards' && key.setId) {
      const set = this.prepared.get(key.setId);
      if (!set) return;
      this.catalog.keyCardSets.replace(role, generation, at, {
        setId: set.setId,
        role,
        threshold: set.threshold,
        cardCount: set.cards.length,
        holders: set.cards.map((c) => c.holder),
        fromGeneration: generation,
        createdBy: set.preparedBy,
        createdAt: set.preparedAt,
      });
      this.prepared.delete(set.setId);
      set.key.fill(0);
      this.session.recordAs(custodian, {
        action: 'keycards.in-force',
        subject: role,
        details: { set: set.setId, threshold: set.threshold, cards: set.cards.length, holders: set.cards.map((c) => c.holder).join(', '), generation, ...(before ? { replaces: before.setId } : {}) },
      });
    } else if (before) {
      this.catalog.keyCardSets.replace(role, generation, at, null);
      this.session.recordAs(custodian, { action: 'keycards.superseded', subject: role, details: { set: before.setId, generation, by: 'a typed master passphrase' } });
    }
  }

  private resolvePrepared(role: ShareRole, setId: string): ResolvedMasterKey {
    const set = this.preparedSet(setId);
    if (set.role !== role) {
      throw new StrongroomError(ErrorCode.ShareFromAnotherSet, `That set of cards was drawn for ${ROLE_WORDS[set.role]}, not ${ROLE_WORDS[role]}.`, { role });
    }
    const unprinted = set.cards.filter((c) => c.printedOn === null);
    if (unprinted.length > 0) {
      throw new StrongroomError(
        ErrorCode.KeyCardsNotPrinted,
        `${unprinted.map((c) => `Card ${c.number} (${c.holder})`).join(', ')} ${unprinted.length === 1 ? 'is' : 'are'} not printed yet. Print every card and hand it to its holder before ${ROLE_WORDS[role]} is re-keyed: the new key exists nowhere else.`,
        { missing: unprinted.map((c) => c.number).join(', ') },
      );
    }
    return { text: masterKeyPassphrase(set.key), via: 'new-cards', setId: set.setId, cards: set.cards.map((c) => c.number), holders: set.cards.map((c) => c.holder) };
  }

  private async combine(role: ShareRole, entries: readonly KeyCardEntry[]): Promise<ResolvedMasterKey> {
    const shares = entries.map((entry, index) => {
      try {
        return decodeEntry(entry);
      } catch (error) {
        if (error instanceof StrongroomError && entries.length > 1) throw new StrongroomError(error.code, `Card ${index + 1}: ${error.message}`, { ...error.details, card: index + 1 });
        throw error;
      }
    });
    shares.forEach((share, index) => {
      if (share.role !== role) {
        throw new StrongroomError(ErrorCode.ShareFromAnotherSet, `Card ${index + 1} is a key card of ${ROLE_WORDS[share.role]}; ${ROLE_WORDS[role]} opens only with its own cards.`, { card: index + 1 });
      }
    });
    const key = await combineShares(shares);
    try {
      const known = this.catalog.keyCardSets.get(shares[0]!.setId);
      const holders = shares.map((s) => known?.holders[s.number - 1] ?? `card ${s.number}`);
      this.session.record({
        action: 'keycards.combined',
        subject: role,
        details: { set: shares[0]!.setId, cards: shares.map((s) => s.number).join(', '), holders: holders.join(', '), known: known !== undefined },
      });
      return { text: masterKeyPassphrase(key), via: 'cards', setId: shares[0]!.setId, cards: shares.map((s) => s.number), holders };
    } finally {
      key.fill(0);
    }
  }

  private drop(set: PreparedSet, how: string): void {
    this.prepared.delete(set.setId);
    set.key.fill(0);
    this.session.recordAs(set.preparedBy, { action: 'keycards.dropped', subject: set.role, details: { set: set.setId, how, printed: set.cards.filter((c) => c.printedOn !== null).length } });
  }
}

function decodeEntry(entry: KeyCardEntry): MasterKeyShare {
  return 'scanned' in entry ? decodeScannedShare(entry.scanned) : decodeTypedShare(entry.lines);
}

export function schemeView(set: KeyCardSet): KeySchemeView {
  return {
    role: set.role,
    kind: 'cards',
    setId: set.setId,
    threshold: set.threshold,
    cardCount: set.cardCount,
    holders: set.holders,
    cardLines: SHARE_LINE_COUNT,
    fromGeneration: set.fromGeneration,
    since: set.createdAt,
  };
}
