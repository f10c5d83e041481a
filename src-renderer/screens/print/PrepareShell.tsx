import { useState, type FormEvent, type ReactNode } from 'react';
import type { PreparedDocumentView, PrintDocumentKind } from '../../../src-main/contract/print-views';
import type { Result } from '../../api';
import { ProgressPanel } from '../../components/ProgressPanel';
import { useRequest } from '../../components/use-request';

export type Paper = 'A4' | 'LETTER';

/** The kinds the Print screen prepares (the verification report is made by the Verify screen). */
export type PreparedKind = Exclude<PrintDocumentKind, 'verification-report'>;

export const DOCUMENTS: readonly { readonly kind: PreparedKind; readonly label: string; readonly hint: string }[] = [
  { kind: 'emergency-sheet-vault', label: 'Emergency sheet — vault', hint: 'Where every vault stick is, how to open vault.kdbx with KeePassXC, whom to call. No secret.' },
  { kind: 'emergency-sheet-seed', label: 'Emergency sheet — seed store', hint: 'The same for seeds.kdbx and the seed sticks. No secret.' },
  { kind: 'seed-backup', label: 'Paper seed backup', hint: 'Every MFA seed, as text with check values and as QR codes. SECRET.' },
  { kind: 'medium-labels', label: 'Medium labels', hint: 'Stickers for the sticks and their pouches (21 to a sheet).' },
];

export interface Contact {
  readonly name: string;
  readonly role: string;
  readonly phone: string;
  readonly email: string;
}

/** The emergency sheets' own fields; both sheets share them (the same people are called for vault and seeds). */
export interface SheetDetails {
  readonly custody: 'write-in' | 'kept-by';
  readonly holders: string;
  readonly network: string;
  readonly contacts: readonly Contact[];
}

/**
 * What the custodian typed that holds no secret: kept by the Print screen across Discard and the next Prepare, so
 * a second sheet does not lose the contacts typed for the first. Passphrases and the second custodian are not here.
 */
export interface PrintDetails {
  readonly kind: PreparedKind;
  readonly paper: Paper;
  readonly organisation: string;
  readonly sheet: SheetDetails;
}

export const FIRST_DETAILS: PrintDetails = {
  kind: 'emergency-sheet-vault',
  paper: 'A4',
  organisation: '',
  sheet: { custody: 'write-in', holders: '', network: '', contacts: [] },
};

/** What every kind's form shares: which kind, the paper, the organisation line, and where the result goes. */
export interface PrepareCommon {
  readonly kind: PreparedKind;
  readonly onKind: (kind: PreparedKind) => void;
  readonly paper: Paper;
  readonly onPaper: (paper: Paper) => void;
  readonly organisation: string;
  readonly onOrganisation: (organisation: string) => void;
  readonly sheet: SheetDetails;
  readonly onSheet: (sheet: SheetDetails) => void;
  readonly onPrepared: (view: PreparedDocumentView) => void;
}

/** A kind's request, or the sentence saying what is still missing before it can be sent. */
export type Preparation = (() => Promise<Result<PreparedDocumentView>>) | string;

/**
 * The frame of every "prepare a document" form: the kind chooser, paper size and organisation line, then the
 * kind's own fields, one Prepare button, progress while main lays out the pages, and the error if it fails.
 */
export function PrepareShell({
  common,
  withOrganisation = true,
  prepare,
  afterRequest,
  job,
  hint,
  children,
}: {
  readonly common: PrepareCommon;
  readonly withOrganisation?: boolean;
  readonly prepare: () => Preparation;
  /** Runs once the request has left, whatever its answer (a form forgets a passphrase here). */
  readonly afterRequest?: () => void;
  readonly job: string;
  readonly hint: string;
  readonly children: ReactNode;
}) {
  const request = useRequest();
  const [problem, setProblem] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    request.clear();
    setProblem(null);
    const made = prepare();
    if (typeof made === 'string') return setProblem(made);
    await request.run(made, common.onPrepared);
    afterRequest?.();
  };

  return (
    <form className="inline-form print-form" onSubmit={(e) => void submit(e)} aria-label="Prepare a document">
      <fieldset className="print-kinds">
        <legend>Document</legend>
        {DOCUMENTS.map((d) => (
          <label key={d.kind} className={`print-kind${common.kind === d.kind ? ' print-kind-chosen' : ''}`}>
            <input type="radio" name="print-kind" value={d.kind} checked={common.kind === d.kind} onChange={() => common.onKind(d.kind)} />
            <span>
              <strong>{d.label}</strong>
              <span className="hint">{d.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="form-grid">
        <label htmlFor="print-paper">Paper size</label>
        <select id="print-paper" value={common.paper} onChange={(e) => common.onPaper(e.target.value as Paper)}>
          <option value="A4">A4</option>
          <option value="LETTER">US Letter</option>
        </select>
        {withOrganisation ? (
          <>
            <label htmlFor="print-organisation">Organisation line (optional)</label>
            <input
              id="print-organisation"
              value={common.organisation}
              maxLength={120}
              placeholder="Example Ltd — AWS Organization o-a1b2c3d4e5"
              onChange={(e) => common.onOrganisation(e.target.value)}
            />
          </>
        ) : null}
      </div>

      {children}

      {problem ? (
        <p className="refusal" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={request.busy}>
          Prepare
        </button>
      </div>
      <ProgressPanel active={request.busy} job={job} hint={hint} />
      {request.notice}
    </form>
  );
}

/** The organisation line, when one was typed; the documents print none otherwise. */
export function organisationOf(common: PrepareCommon): { organisation?: string } {
  return common.organisation.trim() ? { organisation: common.organisation.trim() } : {};
}
