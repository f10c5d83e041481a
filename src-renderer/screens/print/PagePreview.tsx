import { useEffect, useState } from 'react';
import type { PagePreviewView, PreparedDocumentView } from '../../../src-main/contract/print-views';
import { api, type ChannelError } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';

/** One page of a prepared document, drawn by main as an image; the PDF itself never comes to the window. */
export function PagePreview({ view, onGone }: { readonly view: PreparedDocumentView; readonly onGone: (e: ChannelError) => void }) {
  const [page, setPage] = useState(1);
  const [preview, setPreview] = useState<PagePreviewView | null>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    void api()
      .previewDocumentPage({ documentId: view.documentId, page })
      .then((result) => {
        if (!alive) return;
        setLoading(false);
        if (result.ok) {
          setPreview(result.value);
          setError(null);
        } else if (result.error.code === 'PRINT_DOCUMENT_GONE') onGone(result.error);
        else setError(result.error);
      });
    return () => {
      alive = false;
    };
    // Only the document and the page decide what is drawn; onGone is read when an answer arrives.
  }, [view.documentId, page]);

  return (
    <section className="page-preview" aria-label="Preview">
      <div className="row page-turner">
        <button type="button" className="secondary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
          Previous page
        </button>
        <span className="page-count" aria-live="polite">
          Page {page} of {view.pageCount}
        </span>
        <button type="button" className="secondary" disabled={page >= view.pageCount} onClick={() => setPage(page + 1)}>
          Next page
        </button>
        {loading ? <span className="muted">Drawing the page…</span> : null}
      </div>
      <ErrorNotice error={error} />
      {preview && !error ? (
        <img
          className="page-image"
          src={`data:image/png;base64,${preview.pngBase64}`}
          alt={`Page ${preview.page} of ${preview.pageCount} of ${view.title}`}
          {...(preview.widthPx && preview.heightPx ? { width: preview.widthPx, height: preview.heightPx } : {})}
        />
      ) : null}
    </section>
  );
}
