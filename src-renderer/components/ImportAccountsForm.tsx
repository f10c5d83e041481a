import { useEffect, useRef, useState, type ChangeEvent } from 'react';
import type { ImportPreviewView, ImportResultView } from '../../src-main/contract/custody-views';
import { api } from '../api';
import { Notice } from './Notice';
import { useRequest } from './use-request';
import { ColumnHeads } from './ColumnHeads';

/** The contract's limit on an import file; checked here too so a wrong file is refused before it is read. */
const MAX_IMPORT_BYTES = 20 * 1024 * 1024;

const NOTICE_WORDS: Record<string, string> = {
  suspended: 'SUSPENDED on AWS: check before taking custody',
  closing: 'being closed on AWS: check before taking custody',
};

const FORMAT_WORDS: Record<ImportPreviewView['format'], string> = {
  'organizations-json': 'JSON from aws organizations list-accounts',
  csv: 'account CSV',
};

/**
 * Accounts from a file the custodian brings: every row and every problem is shown with its line number first,
 * and nothing is imported until the custodian chooses to, explicitly leaving out the rows with problems. The
 * file's text is held only while the preview is on screen, because a CSV may carry MFA seeds.
 */
export function ImportAccountsForm({ onImported, onCancel }: { readonly onImported: (result: ImportResultView) => void; readonly onCancel: () => void }) {
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<ImportPreviewView | null>(null);
  const request = useRequest();
  const { busy } = request;
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  const forget = () => {
    setFile(null);
    setPreview(null);
    if (input.current) input.current.value = '';
  };

  const choose = async (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = event.target.files?.[0];
    request.clear();
    setPreview(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > MAX_IMPORT_BYTES) {
      request.fail({ code: 'IMPORT_UNREADABLE', message: `${chosen.name} is ${Math.round(chosen.size / 1024 / 1024)} MB; an account file is far smaller. Check it is the right file.` });
      return;
    }
    const text = await chosen.text();
    const previewed = await request.run(() => api().previewImport({ text }));
    if (!previewed) {
      if (input.current) input.current.value = '';
      return;
    }
    setFile({ name: chosen.name, text });
    setPreview(previewed);
  };

  const importNow = async () => {
    if (!file || !preview) return;
    const imported = await request.run(() => api().importAccounts({
      text: file.text,
      skipProblemRows: preview.problems.length > 0,
      fileName: file.name.slice(0, 300),
      // The changes the custodian saw and confirmed, identified exactly: a catalog that changed meanwhile is refused.
      ...(preview.diff.needsConfirmation ? { confirmedDiff: preview.diff.digest } : {}),
    }));
    if (!imported) return;
    forget();
    onImported(imported);
  };

  const cancel = () => {
    forget();
    onCancel();
  };

  const good = preview?.rows.length ?? 0;
  const changes = preview?.diff.changes.filter((c) => c.kind !== 'new') ?? [];
  // One row can have several problems; the custodian decides about rows.
  const bad = new Set(preview?.problems.map((p) => p.line)).size;
  return (
    <section className="inline-form import-form" aria-labelledby="import-title">
      <h2 id="import-title">Import accounts</h2>
      <label htmlFor="import-file">Account file: the JSON from aws organizations list-accounts, or the account CSV</label>
      <input id="import-file" ref={input} type="file" accept=".json,.csv,application/json,text/csv" disabled={busy} onChange={(event) => void choose(event)} />
      {request.notice}
      {busy && !preview ? <p className="muted" role="status">Reading the file…</p> : null}

      {preview && file ? (
        <>
          <p role="status">
            {file.name} ({FORMAT_WORDS[preview.format]}): {good} {good === 1 ? 'row' : 'rows'} can be imported
            {bad > 0 ? `, ${bad} ${bad === 1 ? 'row has' : 'rows have'} problems` : ''}. Nothing is imported until you choose below.
          </p>
          {preview.seedCount > 0 ? (
            <Notice tone="warn" title={`This file holds ${preview.seedCount} MFA ${preview.seedCount === 1 ? 'seed' : 'seeds'} in plain text.`}>
              Only
              the account details are imported here; the seeds are not kept. Destroy the file afterwards: delete it from the stick
              it came on and from wherever it was made.
            </Notice>
          ) : null}
          {preview.incompleteBecause ? (
            <Notice tone="warn" title="Not the whole organisation." data={{ 'data-incomplete-listing': 'true' }}>
              {preview.incompleteBecause} No account is marked missing from it.
            </Notice>
          ) : null}
          {changes.length > 0 ? (
            <Notice
              tone="warn"
              className="import-changes"
              title={`This import changes ${changes.length} ${changes.length === 1 ? 'thing' : 'things'} about accounts already here. Check each before importing:`}
            >
              <ul>
                {changes.map((change, i) => (
                  <li key={`${change.accountId}-${change.kind}-${i}`} data-change={change.kind} data-account={change.accountId}>
                    {change.sentence}
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
          {bad > 0 ? (
            <Notice tone="error" role="note" className="import-problems" title={`${bad} ${bad === 1 ? 'row has' : 'rows have'} ${preview.problems.length === 1 ? 'a problem' : 'problems'}:`}>
              <ul>
                {preview.problems.map((problem, i) => (
                  <li key={`${problem.line}-${i}`} data-line={problem.line}>
                    <strong>Line {problem.line}:</strong> {problem.message.replace(/^Line \d+:\s*/, '')}
                  </li>
                ))}
              </ul>
            </Notice>
          ) : null}
          {good > 0 ? (
            <table className="data-table import-table">
              <caption className="visually-hidden">Rows that can be imported</caption>
              <ColumnHeads columns={['Line', 'Account id', 'Name', 'Root email', 'Notes']} />
              <tbody>
                {preview.rows.map((row) => (
                  <tr key={`${row.line}-${row.accountId}`}>
                    <td>{row.line}</td>
                    <td className="mono">{row.accountId}</td>
                    <td>{row.name}</td>
                    <td>{row.rootEmail}</td>
                    <td>
                      {[row.known ? 'already listed: will be updated' : 'new', ...row.notices.map((n) => NOTICE_WORDS[n] ?? n), ...(row.hasSeed ? ['has an MFA seed (not kept)'] : [])].join('; ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <div className="row">
            {good > 0 ? (
              <button type="button" disabled={busy} onClick={() => void importNow()}>
                {bad > 0
                  ? `Import the ${good} good ${good === 1 ? 'row' : 'rows'} without the ${bad} ${bad === 1 ? 'row' : 'rows'} with problems`
                  : changes.length > 0
                    ? `Apply these ${changes.length} ${changes.length === 1 ? 'change' : 'changes'} and import ${good} ${good === 1 ? 'account' : 'accounts'}`
                    : `Import ${good} ${good === 1 ? 'account' : 'accounts'}`}
              </button>
            ) : (
              <p className="warn">No row can be imported. Fix the file and choose it again.</p>
            )}
            <button type="button" className="secondary" onClick={cancel}>
              Cancel — import nothing
            </button>
          </div>
        </>
      ) : (
        <div className="row">
          <button type="button" className="secondary" onClick={cancel}>
            Cancel
          </button>
        </div>
      )}
    </section>
  );
}
