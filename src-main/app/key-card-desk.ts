import { custodianNameSkeleton } from '../core/custodian';
import { ErrorCode, StrongroomError } from '../core/errors';
import { checkTypedShareLine, MAX_SHARE_HOLDERS, type ShareRole } from '../core/master-key-shares';
import { ROLE_ARTEFACT } from '../core/medium-manifest';
import type { Catalog } from '../catalog/catalog';
import type { PaperSize } from '../print/document-inputs';
import { buildShareCard } from '../print/share-card';
import type { KeyCardEntry, KeyCardLineCheckView, KeyCardReadView, KeySchemeView, MasterKeyInput, PreparedKeyCardSetView } from '../contract/key-card-views';
import type { CustodianRoster } from './custodian-roster';
import type { CustodyWriter, CustodyWriteReport } from './custody-writer';
import type { KioskSession } from './kiosk-session';
import type { MasterKeys, PreparedSet } from './master-keys';
import type { MediumLifecycleDesk } from './medium-lifecycle-desk';
import type { PrintDesk } from './print-desk';

export interface KeyCardDrawRequest {
  readonly role: ShareRole;
  /** Cards needed to open (k). */
  readonly threshold: number;
  /** One registered custodian per card, in card order. */
  readonly holders: readonly string[];
  readonly paper: PaperSize;
  readonly organisation?: string;
}

export interface KeyCardRekeyRequest {
  readonly setId: string;
  /** The role's current passphrase or cards; not needed when nothing has been written to the role yet. */
  readonly current?: MasterKeyInput;
  /** Sticks of the role in service that are not inserted stay behind (they keep the old key until updated). */
  readonly leaveBehind?: boolean;
}

const ROLE_WORDS: Readonly<Record<ShareRole, string>> = { vault: 'the vault', seed: 'the seed store' };

/**
 * Putting a role under key cards, in the order that never leaves a key nowhere: draw a random master key and
 * split it (MasterKeys), print one card per holder, and only once every card is on paper re-key the role with
 * it: a passphrase change over every stick of the role in service, or, for a role nothing was written to yet,
 * its first generation. Old cards keep combining to the old key, so replacing a holder is this same flow with
 * a new set, which re-keys every stick and makes the old cards worthless for every generation written after.
 */
export class KeyCardDesk {
  constructor(
    private readonly catalog: Catalog,
    private readonly session: KioskSession,
    private readonly roster: CustodianRoster,
    private readonly keys: MasterKeys,
    private readonly print: PrintDesk,
    private readonly lifecycle: MediumLifecycleDesk,
    private readonly writer: CustodyWriter,
  ) {
    print.onPrinted((view, printer) => {
      if (!view.holdsKeyShare) return;
      keys.markPrinted(view.documentId, printer);
    });
  }

  schemes(): KeySchemeView[] {
    return [this.keys.scheme('vault'), this.keys.scheme('seed')];
  }

  checkLine(lineNumber: number, text: string, check: string): KeyCardLineCheckView {
    const verdict = checkTypedShareLine(lineNumber, { text, check });
    return verdict.ok ? { ok: true, lineNumber } : { ok: false, lineNumber, message: verdict.message };
  }

  readCard(entry: KeyCardEntry): KeyCardReadView {
    this.session.requireCustodian();
    const { share, holder, inForce } = this.keys.readCard(entry);
    return { role: share.role, number: share.number, cardCount: share.shares, threshold: share.threshold, setId: share.setId, generation: share.generation, holder, inForce };
  }

  /** Draws the key and prepares one card per holder, held in memory until printed. Nothing is re-keyed yet. */
  async draw(request: KeyCardDrawRequest): Promise<PreparedKeyCardSetView> {
    const custodian = this.session.requireCustodian();
    const holders = this.checkedHolders(request.holders);
    const generation = this.catalog.generations.newestPublished(ROLE_ARTEFACT[request.role]) + 1;
    const earlier = this.keys.preparedFor(request.role);
    if (earlier) this.dropDocuments(earlier);
    const set = await this.keys.draw(request.role, request.threshold, holders, generation);
    for (const card of set.cards) {
      const built = await buildShareCard({
        paper: request.paper,
        holder: card.holder,
        share: card.share,
        printedBy: custodian,
        printedAt: set.preparedAt,
        ...(request.organisation ? { organisation: request.organisation } : {}),
      }, this.print.printOptions);
      card.documentId = this.print.holdKeyCard({
        title: `Key card ${card.number} of ${set.cards.length} for ${card.holder} — ${request.role === 'vault' ? 'vault' : 'seed store'}`,
        paper: request.paper,
        pdf: built.pdf,
        pageCount: built.pageCount,
        generation,
        setId: set.setId,
      }).documentId;
    }
    this.session.record({
      action: 'keycards.drawn',
      subject: request.role,
      details: { set: set.setId, threshold: set.threshold, cards: set.cards.length, holders: holders.join(', '), generation },
    });
    return this.view(set);
  }

  prepared(role: ShareRole): PreparedKeyCardSetView | null {
    const set = this.keys.preparedFor(role);
    return set ? this.view(set) : null;
  }

  /**
   * Prints one card of a drawn set; its holder should take it straight from the printer. The card's document
   * is wiped as soon as it reached the printer, so at most the cards not yet printed are held: a card lost in
   * the printer means drawing a new set (nothing was re-keyed, so the cards printed so far open nothing).
   */
  async printCard(setId: string, number: number, printer: string): Promise<PreparedKeyCardSetView> {
    const set = this.keys.preparedSet(setId);
    const card = set.cards.find((c) => c.number === number);
    if (card && card.printedOn !== null) {
      throw new StrongroomError(
        ErrorCode.KeyCardSetGone,
        `Card ${number} (${card.holder}) went to ${card.printedOn} already and was wiped from memory. If it never came out of the printer, discard this set and draw a new one.`,
      );
    }
    if (!card?.documentId || !this.print.keyCardHeld(card.documentId)) {
      throw new StrongroomError(ErrorCode.KeyCardSetGone, `Card ${number} of this set is no longer held. Draw a new set of cards.`);
    }
    await this.print.print(card.documentId, printer);
    this.print.discard(card.documentId);
    return this.view(set);
  }

  discard(setId: string): void {
    const set = this.keys.preparedSet(setId);
    this.dropDocuments(set);
    this.keys.discard(setId);
  }

  /**
   * Re-keys the role with a drawn, fully printed set: every stick of the role in service gets the newest
   * generation encrypted under the new key (or, for a role never written, its first generation).
   */
  async rekey(request: KeyCardRekeyRequest): Promise<{ report: CustodyWriteReport; scheme: KeySchemeView }> {
    this.session.requireCustodian();
    const set = this.keys.preparedSet(request.setId);
    const newest = this.catalog.generations.newestPublished(ROLE_ARTEFACT[set.role]);
    if (newest + 1 !== set.generation) {
      throw new StrongroomError(
        ErrorCode.KeyCardSetGone,
        `${ROLE_WORDS[set.role]} was written (generation ${newest}) after these cards were drawn for generation ${set.generation}, so they do not say what they open. Shred them and draw a new set.`,
      );
    }
    const newKey = { newCardSet: set.setId };
    const report =
      newest === 0
        ? await this.writer.write({}, { roles: [set.role], purpose: 'passphrase-change', note: `key cards ${set.setId}`, ...(set.role === 'vault' ? { vaultPassphrase: newKey } : { seedPassphrase: newKey }) })
        : await this.lifecycle.changePassphrase({
            role: set.role,
            currentPassphrase: request.current ?? '',
            newPassphrase: newKey,
            ...(request.leaveBehind ? { leaveBehind: true } : {}),
          });
    const scheme = this.keys.scheme(set.role);
    // Once the new set is in force its cards are on paper and nowhere else; the documents held here go.
    if (scheme.kind === 'cards' && scheme.setId === set.setId) this.dropDocuments(set);
    return { report, scheme };
  }

  private checkedHolders(raw: readonly string[]): string[] {
    if (raw.length < 2 || raw.length > MAX_SHARE_HOLDERS) {
      throw new StrongroomError(ErrorCode.InvalidShareScheme, `Name 2 to ${MAX_SHARE_HOLDERS} holders, one per card; ${raw.length} ${raw.length === 1 ? 'was' : 'were'} named.`);
    }
    const holders = raw.map((name) => this.roster.requireRegistered(name));
    const seen = new Map<string, string>();
    for (const holder of holders) {
      const earlier = seen.get(custodianNameSkeleton(holder));
      if (earlier !== undefined) {
        throw new StrongroomError(ErrorCode.InvalidShareScheme, `${holder} is named for two cards${earlier === holder ? '' : ` (as ${earlier} and ${holder})`}: each holder keeps one card, or k cards could sit with one person.`);
      }
      seen.set(custodianNameSkeleton(holder), holder);
    }
    return holders;
  }

  private dropDocuments(set: PreparedSet): void {
    for (const card of set.cards) if (card.documentId && this.print.keyCardHeld(card.documentId)) this.print.discard(card.documentId);
  }

  private view(set: PreparedSet): PreparedKeyCardSetView {
    return {
      setId: set.setId,
      role: set.role,
      threshold: set.threshold,
      generation: set.generation,
      replacesKey: this.catalog.generations.newestPublished(ROLE_ARTEFACT[set.role]) > 0,
      cards: set.cards.map((c) => ({ number: c.number, holder: c.holder, documentId: c.documentId ?? '', printed: c.printedOn !== null, printedOn: c.printedOn })),
      preparedBy: set.preparedBy,
      preparedAt: set.preparedAt,
    };
  }
}
