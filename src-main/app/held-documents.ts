import { randomUUID } from 'node:crypto';
import { ErrorCode } from '../core/errors';
import { heldForCustodian } from './custodian-held-work';
import type { SessionEnd } from './kiosk-session';
import { SAVE_TARGET, type DocumentToHold, type PreparedDocument } from './print-documents';

interface HeldDocument {
  readonly view: PreparedDocument;
  readonly pdf: Buffer;
  readonly custodian: string;
  /** Operations reading the PDF right now (printing, saving, previewing); it is wiped only after they finish. */
  inUse: number;
  dropped: boolean;
}

/** A kiosk prepares a handful of documents at a time; older ones are forgotten rather than piling up in memory. */
const MAX_HELD_DOCUMENTS = 12;
const DOCUMENT_GONE = {
  code: ErrorCode.PrintDocumentGone,
  sentence: 'That document is no longer held: it was discarded, or wiped when the kiosk locked or the custodian signed out. Prepare it again.',
};

/**
 * Prepared documents, held in this process's memory under a random id until they are printed, saved or discarded.
 * The PDF of a document holding seeds or a key share is overwritten once nothing reads it any more, so no stale
 * copy waits for the garbage collector; nothing here ever touches the disk.
 */
export class HeldDocuments {
  private readonly documents = new Map<string, HeldDocument>();

  constructor(private readonly signedIn: () => string) {}

  hold(custodian: string, document: DocumentToHold): PreparedDocument {
    const { pdf, ...rest } = document;
    const view: PreparedDocument = { ...rest, holdsKeyShare: rest.kind === 'key-card', documentId: randomUUID(), saveTo: SAVE_TARGET[rest.kind]?.role ?? null, preparedBy: custodian };
    this.documents.set(view.documentId, { view, pdf, custodian, inUse: 0, dropped: false });
    // Key cards are bounded by their sets (one per role, at most 16 cards) and never evicted by other documents.
    const evictable = () => [...this.documents.values()].filter((d) => !d.view.holdsKeyShare);
    while (evictable().length > MAX_HELD_DOCUMENTS) this.drop(evictable()[0]!);
    return view;
  }

  /** The signed-in custodian's document; another custodian's is as gone as a discarded one. */
  view(documentId: string): PreparedDocument {
    return this.get(documentId).view;
  }

  /** Lends the PDF to one piece of work (print, save, preview); a document dropped meanwhile is wiped after it. */
  async using<T>(documentId: string, work: (pdf: Buffer, view: PreparedDocument) => Promise<T>): Promise<T> {
    const held = this.get(documentId);
    held.inUse += 1;
    try {
      return await work(held.pdf, held.view);
    } finally {
      held.inUse -= 1;
      if (held.dropped) this.wipe(held);
    }
  }

  discard(documentId: string): PreparedDocument {
    const held = this.get(documentId);
    this.drop(held);
    return held.view;
  }

  /** The documents this custodian has prepared and not yet discarded, key cards left to their set's flow. */
  listed(): PreparedDocument[] {
    const custodian = this.signedIn();
    return [...this.documents.values()].filter((d) => d.custodian === custodian && !d.view.holdsKeyShare).map((d) => d.view);
  }

  keyCardHeld(documentId: string): boolean {
    const held = this.documents.get(documentId);
    return held !== undefined && held.view.holdsKeyShare && held.custodian === this.signedIn();
  }

  get count(): { documents: number; secretDocuments: number } {
    const all = [...this.documents.values()];
    return { documents: all.length, secretDocuments: all.filter((d) => d.view.holdsSeeds).length };
  }

  /**
   * Secrets go with the custodian: a lock or a sign-out drops seed documents. Documents without secrets survive an
   * idle lock (the custodian may be at the printer) but not a sign-out. Returns how many seed documents went.
   */
  dropOnSessionEnd(how: SessionEnd): number {
    const dropped = [...this.documents.values()].filter((d) => how === 'signed-out' || d.view.holdsSeeds);
    for (const held of dropped) this.drop(held);
    return dropped.filter((d) => d.view.holdsSeeds).length;
  }

  private get(documentId: string): HeldDocument {
    return heldForCustodian(this.documents, documentId, this.signedIn(), (d) => d.custodian, DOCUMENT_GONE);
  }

  private drop(held: HeldDocument): void {
    this.documents.delete(held.view.documentId);
    held.dropped = true;
    this.wipe(held);
  }

  private wipe(held: HeldDocument): void {
    if (held.inUse === 0 && (held.view.holdsSeeds || held.view.holdsKeyShare)) held.pdf.fill(0);
  }
}
