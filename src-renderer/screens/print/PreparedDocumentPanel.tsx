import { useEffect, useMemo, useRef, useState } from 'react';
import type { PreparedDocumentView, PrintedView, PrinterChoiceView } from '../../../src-main/contract/print-views';
import { api, type ChannelError } from '../../api';
import { Notice } from '../../components/Notice';
import { PrinterPicker } from '../../components/PrinterPicker';
import { StickPicker, useStickChoice } from '../../components/StickPicker';
import { labelledSticks, useInsertedMedia } from '../../components/use-inserted-media';
import { useRequest } from '../../components/use-request';
import { PagePreview } from './PagePreview';
import { SeedSecretNotice } from './SeedSecretNotice';

type Busy = 'print' | 'save' | null;

/**
 * A prepared document: its facts, its pages as images, and the ways out — a printer, a stick of the right role —
 * then Discard. A document holding seeds that main wiped (the kiosk locked) sends the screen back to the start.
 */
export function PreparedDocumentPanel({
  view,
  onFinished,
  onDelivered,
}: {
  readonly view: PreparedDocumentView;
  readonly onFinished: (why: string) => void;
  /** Called after each copy printed or saved, so what depends on it (the paper backup's freshness) is read again. */
  readonly onDelivered?: () => void;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const request = useRequest();
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);

  useEffect(() => heading.current?.focus(), []);

  const failed = (e: ChannelError) => {
    if (e.code === 'PRINT_DOCUMENT_GONE') return onFinished('The document was wiped from memory (the kiosk locked or it was discarded). Prepare it again.');
    request.fail(e);
  };

  const discard = async () => {
    const result = await api().discardDocument({ documentId: view.documentId });
    if (!result.ok && result.error.code !== 'PRINT_DOCUMENT_GONE') return request.fail(result.error);
    onFinished(`${view.title} was discarded${view.holdsSeeds ? ' and wiped from memory' : ''}.`);
  };

  const parts = { view, busy, setBusy, onError: failed };
  return (
    <article className={`card prepared-document${view.holdsSeeds ? ' prepared-secret' : ''}`} aria-labelledby="prepared-title" data-document={view.kind}>
      <h2 id="prepared-title" ref={heading} tabIndex={-1}>
        {view.title}
      </h2>
      {view.holdsSeeds ? <SeedSecretNotice /> : null}
      <dl className="facts">
        <dt>Pages</dt>
        <dd>
          {view.pageCount} on {view.paper === 'A4' ? 'A4' : 'US Letter'}
        </dd>
        <dt>{view.holdsSeeds ? 'Set fingerprint' : 'Fingerprint'}</dt>
        <dd>
          <code>{view.fingerprint.match(/.{1,4}/g)?.join(' ')}</code>
          {view.holdsSeeds ? <span className="muted"> — printed on every page, and on the audit trail</span> : null}
        </dd>
        <dt>Prepared by</dt>
        <dd>{view.preparedBy}</dd>
      </dl>
      {view.warnings.length > 0 ? (
        <Notice tone="warn" title="Check before printing:">
          <ul>
            {view.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </Notice>
      ) : null}
      <div className="prepared-body">
        <PagePreview view={view} onGone={failed} />
        <div className="print-outputs">
          {notice ? <Notice tone="ok">{notice}</Notice> : null}
          {request.notice}
          <PrintPart
            {...parts}
            onPrinted={(p) => {
              setNotice(printedSentence(view, p));
              onDelivered?.();
            }}
          />
          <SavePart
            {...parts}
            onSaved={(sentence) => {
              setNotice(sentence);
              onDelivered?.();
            }}
          />
          <div className="actions">
            <button type="button" className="secondary" disabled={busy !== null} onClick={() => void discard()}>
              Discard
            </button>
            <span className="hint">Discard when every copy is printed or saved. Leaving this screen discards it too.</span>
          </div>
        </div>
      </div>
    </article>
  );
}

function printedSentence(view: PreparedDocumentView, printed: PrintedView): string {
  const job = `Sent ${printed.pageCount} page${printed.pageCount === 1 ? '' : 's'} to ${printed.printer}${printed.jobId ? ` (job ${printed.jobId})` : ''}.`;
  return view.holdsSeeds ? `${job} Go to the printer now and collect every page; count them against the page count.` : job;
}

interface PartProps {
  readonly view: PreparedDocumentView;
  readonly busy: Busy;
  readonly setBusy: (busy: Busy) => void;
  readonly onError: (e: ChannelError) => void;
}

function PrintPart({ view, busy, setBusy, onPrinted, onError }: PartProps & { readonly onPrinted: (p: PrintedView) => void }) {
  const [printers, setPrinters] = useState<PrinterChoiceView | null>(null);
  const [printer, setPrinter] = useState('');

  useEffect(() => {
    void api()
      .listPrinters({})
      .then((result) => {
      if (!result.ok) return onError(result.error);
      setPrinters(result.value);
      setPrinter(result.value.printers.find((p) => p.isDefault)?.name ?? result.value.printers[0]?.name ?? '');
    });
    // Printers are listed once per document.
  }, []);

  const print = async () => {
    setBusy('print');
    const result = await api().printDocument({ documentId: view.documentId, printer });
    setBusy(null);
    if (!result.ok) return onError(result.error);
    onPrinted(result.value);
  };

  return (
    <section className="print-part" aria-labelledby="print-part-title">
      <h3 id="print-part-title">Print</h3>
      {printers === null ? <p className="hint">Asking the print system for printers…</p> : null}
      {printers?.unavailable ? <Notice tone="info">{printers.unavailable}</Notice> : null}
      {printers && !printers.unavailable && printers.printers.length === 0 ? (
        <Notice tone="info">No printer is set up on this kiosk. {view.saveTo ? 'Save the document on a stick instead.' : 'Save it as a PDF on this kiosk below, and print it later.'}</Notice>
      ) : null}
      {printers && printers.printers.length > 0 ? (
        <div className="row">
          <PrinterPicker id="print-printer" choice={printers} value={printer} onChange={setPrinter} />
          <button type="button" disabled={busy !== null || !printer} onClick={() => void print()}>
            Print {view.pageCount} page{view.pageCount === 1 ? '' : 's'}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function SavePart({ view, busy, setBusy, onSaved, onError }: PartProps & { readonly onSaved: (sentence: string) => void }) {
  const { media } = useInsertedMedia();
  const role = view.saveTo;
  const sticks = useMemo(() => (role ? labelledSticks(media, role) : []), [media, role]);
  const stick = useStickChoice(sticks);

  if (!role) return view.holdsKeyShare || view.holdsSeeds ? null : <SaveOnKioskPart view={view} busy={busy} setBusy={setBusy} onSaved={onSaved} onError={onError} />;

  const save = async () => {
    setBusy('save');
    const result = await api().saveDocumentToMedium({ documentId: view.documentId, devicePath: stick.devicePath });
    setBusy(null);
    if (!result.ok) return onError(result.error);
    onSaved(`Saved on ${result.value.mediumId} as ${result.value.path} (read back and checked).`);
  };

  return (
    <section className="print-part" aria-labelledby="save-part-title">
      <h3 id="save-part-title">Save on a {role === 'vault' ? 'vault' : 'seed'} stick</h3>
      <p className="hint">
        {view.holdsSeeds
          ? 'The seed backup may be kept only on a seed stick, never on a vault stick or this kiosk.'
          : `This sheet belongs on ${role === 'vault' ? 'the vault sticks' : 'the seed sticks'}, beside the file it describes.`}
      </p>
      <div className="row">
        <StickPicker
          id="save-stick"
          label="Stick"
          sticks={sticks}
          choice={stick}
          missing={`Insert a labelled ${role === 'vault' ? 'vault' : 'seed'} stick to save it.`}
        />
        {sticks.length > 0 ? (
          <button type="button" className="secondary" disabled={busy !== null || !stick.chosen} onClick={() => void save()}>
            Save on {stick.chosen?.label?.mediumId ?? 'the stick'}
          </button>
        ) : null}
      </div>
    </section>
  );
}


/** Printed-only documents without secrets (labels, a report): kept as a PDF on the kiosk when no printer is here. */
function SaveOnKioskPart({ view, busy, setBusy, onSaved, onError }: PartProps & { readonly onSaved: (sentence: string) => void }) {
  const save = async () => {
    setBusy('save');
    const result = await api().saveDocumentToKiosk({ documentId: view.documentId });
    setBusy(null);
    if (!result.ok) return onError(result.error);
    onSaved(`Saved as ${result.value.path} on this kiosk (SHA-256 ${result.value.sha256.slice(0, 16)}…). Print it from there later.`);
  };
  return (
    <section className="print-part" aria-labelledby="save-part-title">
      <h3 id="save-part-title">Save as PDF</h3>
      <p className="hint">
        {view.kind === 'medium-labels' ? 'Labels are stuck on the sticks, so they are never saved on one. ' : 'This document is printed, not kept on a stick. '}
        Without a printer here, keep it as a PDF in this kiosk&apos;s reports folder and print it later.
      </p>
      <div className="row">
        <button type="button" className="secondary" disabled={busy !== null} onClick={() => void save()}>
          Save as PDF on this kiosk
        </button>
      </div>
    </section>
  );
}
