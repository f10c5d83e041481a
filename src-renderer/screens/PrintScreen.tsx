import { useEffect, useRef, useState } from 'react';
import type { PaperFreshnessView } from '../../src-main/contract/transaction-views';
import type { PreparedDocumentView } from '../../src-main/contract/print-views';
import { api } from '../api';
import { Notice } from '../components/Notice';
import { PrepareForm } from './print/PrepareForm';
import { FIRST_DETAILS, type PrintDetails } from './print/PrepareShell';
import { PreparedDocumentPanel } from './print/PreparedDocumentPanel';
import { RestoreFromPaperPanel } from './RestoreFromPaperPanel';

/**
 * Paper, the last line of the disaster-recovery plan. A document is prepared in main's memory, previewed page by
 * page as images, then printed or saved on a stick of the right role, and discarded. The PDF never comes to this
 * window; leaving the screen discards the document.
 */
export function PrintScreen() {
  const [prepared, setPrepared] = useState<PreparedDocumentView | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Kept while the screen is open: Discard and the next Prepare start from what was typed, never from blank.
  const [details, setDetails] = useState<PrintDetails>(FIRST_DETAILS);
  const documentRef = useRef<string | null>(null);

  useEffect(
    () => () => {
      const documentId = documentRef.current;
      documentRef.current = null;
      if (documentId) void api().discardDocument({ documentId });
    },
    [],
  );

  const onPrepared = (view: PreparedDocumentView) => {
    documentRef.current = view.documentId;
    setDone(null);
    setPrepared(view);
  };
  // A backup printed or saved counts at once: the out-of-date notice must not ask for one still on screen.
  const [delivered, setDelivered] = useState(0);
  const onFinished = (why: string) => {
    documentRef.current = null;
    setPrepared(null);
    setDone(why);
  };

  return (
    <section className="screen" aria-labelledby="print-title">
      <h1 id="print-title">Print</h1>
      <p className="lead">
        Paper copies for the offsite envelope: the emergency sheets, the paper seed backup and the labels for the sticks.
        A document is made in memory, shown here page by page, then printed or saved on a stick — never on this kiosk’s disk.
      </p>
      {done ? <Notice tone="info">{done}</Notice> : null}
      <PaperFreshness refreshKey={`${done ?? ''}#${delivered}`} />
      {prepared ? <PreparedDocumentPanel key={prepared.documentId} view={prepared} onFinished={onFinished} onDelivered={() => setDelivered((n) => n + 1)} /> : <PrepareForm details={details} onDetails={setDetails} onPrepared={onPrepared} />}
      <RestoreFromPaperPanel />
    </section>
  );
}

/** Says when the newest seed generation is ahead of every paper seed backup printed or saved. */
function PaperFreshness({ refreshKey }: { readonly refreshKey: string }) {
  const [freshness, setFreshness] = useState<PaperFreshnessView | null>(null);
  useEffect(() => {
    void api()
      .paperBackupFreshness({})
      .then((result) => result.ok && setFreshness(result.value));
  }, [refreshKey]);
  if (!freshness?.stale || !freshness.sentence) return null;
  return (
    <Notice tone="warn" title="The paper seed backup is out of date." data={{ 'data-paper': 'stale' }}>
      {freshness.sentence}
    </Notice>
  );
}
