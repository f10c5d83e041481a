import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import type { PaperFreshnessView } from '../../src-main/contract/transaction-views';
import type {
  PagePreviewView,
  PreparedDocumentView,
  PrinterChoiceView,
  PrintDocumentKind,
  SavedDocumentView,
  PrintedView,
} from '../../src-main/contract/print-views';
import type { DueView } from '../../src-main/contract/verification-views';
import { api, type ChannelError, type Result } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { PrinterPicker } from '../components/PrinterPicker';
import { ProgressPanel } from '../components/ProgressPanel';
import { describeStick, labelledSticks, useInsertedMedia } from '../components/use-inserted-media';
import { RestoreFromPaperPanel } from './RestoreFromPaperPanel';
import { SecretInput } from '../components/SecretInput';

type Paper = 'A4' | 'LETTER';

const DOCUMENTS: readonly { readonly kind: PrintDocumentKind; readonly label: string; readonly hint: string }[] = [
  { kind: 'emergency-sheet-vault', label: 'Emergency sheet — vault', hint: 'Where every vault stick is, how to open vault.kdbx with KeePassXC, whom to call. No secret.' },
  { kind: 'emergency-sheet-seed', label: 'Emergency sheet — seed store', hint: 'The same for seeds.kdbx and the seed sticks. No secret.' },
  { kind: 'seed-backup', label: 'Paper seed backup', hint: 'Every MFA seed, as text with check values and as QR codes. SECRET.' },
  { kind: 'medium-labels', label: 'Medium labels', hint: 'Stickers for the sticks and their pouches (21 to a sheet).' },
];

/**
 * Paper, the last line of the disaster-recovery plan. A document is prepared in main's memory, previewed page by
 * page as images, then printed or saved on a stick of the right role, and discarded. The PDF never comes to this
 * window; leaving the screen discards the document.
 */
export function PrintScreen() {
  const [prepared, setPrepared] = useState<PreparedDocumentView | null>(null);
  const [done, setDone] = useState<string | null>(null);
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
      {done ? (
        <div className="notice notice-info" role="status">
          {done}
        </div>
      ) : null}
      <PaperFreshness refreshKey={done} />
      {prepared ? <PreparedDocumentPanel key={prepared.documentId} view={prepared} onFinished={onFinished} /> : <PrepareForm onPrepared={onPrepared} />}
      <RestoreFromPaperPanel />
    </section>
  );
}

export function SeedSecretNotice() {
  return (
    <div className="secret-notice" role="note" aria-label="Secret document">
      <strong>SECRET — MFA SEEDS.</strong> Anyone holding these pages and the vault can sign in as root. Collect every page
      at once, seal it, and store it apart from the vault: never beside a vault stick, the vault emergency sheet or anything
      holding the vault passphrase.
    </div>
  );
}

interface Contact {
  name: string;
  role: string;
  phone: string;
  email: string;
}

const emptyContact = (): Contact => ({ name: '', role: '', phone: '', email: '' });

function PrepareForm({ onPrepared }: { readonly onPrepared: (view: PreparedDocumentView) => void }) {
  const [kind, setKind] = useState<PrintDocumentKind>('emergency-sheet-vault');
  const [paper, setPaper] = useState<Paper>('A4');
  const [organisation, setOrganisation] = useState('');
  // Emergency sheet
  const [custody, setCustody] = useState<'write-in' | 'kept-by'>('write-in');
  const [holders, setHolders] = useState('');
  const [network, setNetwork] = useState('');
  const [contacts, setContacts] = useState<Contact[]>([]);
  // Seed backup
  const { media } = useInsertedMedia();
  const seedSticks = useMemo(() => labelledSticks(media, 'seed'), [media]);
  const [seedDevice, setSeedDevice] = useState('');
  const [passphrase, setPassphrase] = useState('');
  // Two-person control: the second custodian is named here, never filled in.
  const [secondCustodian, setSecondCustodian] = useState('');
  // Labels
  const [catalogMedia, setCatalogMedia] = useState<readonly DueView[] | null>(null);
  const [chosenMedia, setChosenMedia] = useState<ReadonlySet<string> | null>(null);
  const [copies, setCopies] = useState(2);
  const [skip, setSkip] = useState(0);

  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ChannelError | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!seedSticks.some((m) => m.devicePath === seedDevice)) setSeedDevice(seedSticks[0]?.devicePath ?? '');
  }, [seedSticks, seedDevice]);

  useEffect(() => {
    if (kind !== 'medium-labels' || catalogMedia) return;
    // The verification schedule lists every labelled medium this kiosk keeps; labels are made for those.
    void api()
      .verificationSchedule({})
      .then((result) => {
        if (!result.ok) return setError(result.error);
        const sorted = [...result.value.due].sort((a, b) => a.mediumId.localeCompare(b.mediumId));
        setCatalogMedia(sorted);
        setChosenMedia(new Set(sorted.map((m) => m.mediumId)));
      });
  }, [kind, catalogMedia]);

  const isSheet = kind === 'emergency-sheet-vault' || kind === 'emergency-sheet-seed';
  const org = organisation.trim() ? { organisation: organisation.trim() } : {};

  const prepare = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setProblem(null);
    let request: Promise<Result<PreparedDocumentView>>;
    if (isSheet) {
      const names = holders.split('\n').map((n) => n.trim()).filter(Boolean);
      if (custody === 'kept-by' && names.length === 0) return setProblem('Type the names of the custodians who keep the passphrase, one per line.');
      const filled = contacts.filter((c) => c.name.trim() || c.role.trim() || c.phone.trim() || c.email.trim());
      if (filled.some((c) => !c.name.trim())) return setProblem('Every contact needs a name.');
      request = api().prepareEmergencySheet({
        role: kind === 'emergency-sheet-vault' ? 'vault' : 'seed',
        paper,
        passphrase: custody === 'write-in' ? { kind: 'write-in' } : { kind: 'kept-by', holders: names },
        ...(network.trim() ? { networkLocation: network.trim() } : {}),
        contacts: filled.map((c) => ({
          name: c.name.trim(),
          role: c.role.trim(),
          ...(c.phone.trim() ? { phone: c.phone.trim() } : {}),
          ...(c.email.trim() ? { email: c.email.trim() } : {}),
        })),
        ...org,
      });
    } else if (kind === 'seed-backup') {
      if (!seedDevice) return setProblem('Insert a labelled seed stick and choose it.');
      if (!secondCustodian.trim()) return setProblem('Name the second custodian: printing the seed backup takes two registered custodians.');
      if (!passphrase) return setProblem('Type the seed master passphrase.');
      request = api().prepareSeedBackup({ devicePath: seedDevice, passphrase, paper, secondCustodian, ...org });
    } else {
      const ids = catalogMedia?.filter((m) => chosenMedia?.has(m.mediumId)).map((m) => m.mediumId) ?? [];
      if (catalogMedia && catalogMedia.length > 0 && ids.length === 0) return setProblem('Tick at least one medium to make labels for.');
      request = api().prepareMediumLabels({ paper, mediumIds: ids, copiesPerMedium: copies, skipPositions: skip });
    }
    setBusy(true);
    const result = await request;
    setBusy(false);
    setPassphrase('');
    if (!result.ok) return setError(result.error);
    onPrepared(result.value);
  };

  const updateContact = (index: number, field: keyof Contact, value: string) =>
    setContacts(contacts.map((c, i) => (i === index ? { ...c, [field]: value } : c)));

  return (
    <form className="inline-form print-form" onSubmit={(e) => void prepare(e)} aria-label="Prepare a document">
      <fieldset className="print-kinds">
        <legend>Document</legend>
        {DOCUMENTS.map((d) => (
          <label key={d.kind} className={`print-kind${kind === d.kind ? ' print-kind-chosen' : ''}`}>
            <input type="radio" name="print-kind" value={d.kind} checked={kind === d.kind} onChange={() => setKind(d.kind)} />
            <span>
              <strong>{d.label}</strong>
              <span className="hint">{d.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="form-grid">
        <label htmlFor="print-paper">Paper size</label>
        <select id="print-paper" value={paper} onChange={(e) => setPaper(e.target.value as Paper)}>
          <option value="A4">A4</option>
          <option value="LETTER">US Letter</option>
        </select>
        {kind !== 'medium-labels' ? (
          <>
            <label htmlFor="print-organisation">Organisation line (optional)</label>
            <input id="print-organisation" value={organisation} maxLength={120} placeholder="Example Ltd — AWS Organization o-a1b2c3d4e5" onChange={(e) => setOrganisation(e.target.value)} />
          </>
        ) : null}
      </div>

      {isSheet ? (
        <>
          <fieldset>
            <legend>The master passphrase on the sheet</legend>
            <label className="checkbox">
              <input type="radio" name="print-custody" checked={custody === 'write-in'} onChange={() => setCustody('write-in')} /> A box to write it in by hand
              after printing
            </label>
            <label className="checkbox">
              <input type="radio" name="print-custody" checked={custody === 'kept-by'} onChange={() => setCustody('kept-by')} /> Not written down: kept by
              named custodians
            </label>
            {custody === 'kept-by' ? (
              <>
                <label htmlFor="print-holders">Custodians who keep it, one per line</label>
                <textarea id="print-holders" rows={3} value={holders} onChange={(e) => setHolders(e.target.value)} />
              </>
            ) : null}
          </fieldset>
          <div className="form-grid">
            <label htmlFor="print-network">Network copy, in words (optional)</label>
            <input id="print-network" value={network} maxLength={200} placeholder="None" onChange={(e) => setNetwork(e.target.value)} />
          </div>
          <fieldset>
            <legend>Whom to call</legend>
            {contacts.length === 0 ? <p className="hint">No contacts yet: the sheet will ask for them to be added.</p> : null}
            {contacts.map((c, i) => (
              <div key={i} className="contact-row" role="group" aria-label={`Contact ${i + 1}`}>
                <input aria-label="Name" placeholder="Name" value={c.name} maxLength={100} onChange={(e) => updateContact(i, 'name', e.target.value)} />
                <input aria-label="Why to call" placeholder="Why to call" value={c.role} maxLength={100} onChange={(e) => updateContact(i, 'role', e.target.value)} />
                <input aria-label="Phone" placeholder="Phone" value={c.phone} maxLength={40} onChange={(e) => updateContact(i, 'phone', e.target.value)} />
                <input aria-label="E-mail" placeholder="E-mail" value={c.email} maxLength={200} onChange={(e) => updateContact(i, 'email', e.target.value)} />
                <button type="button" className="secondary" onClick={() => setContacts(contacts.filter((_, j) => j !== i))}>
                  Remove
                </button>
              </div>
            ))}
            {contacts.length < 8 ? (
              <div className="row">
                <button type="button" className="secondary" onClick={() => setContacts([...contacts, emptyContact()])}>
                  Add a contact
                </button>
              </div>
            ) : null}
          </fieldset>
        </>
      ) : null}

      {kind === 'seed-backup' ? (
        <>
          <SeedSecretNotice />
          <div className="form-grid">
            <label htmlFor="print-seed-stick">Seed stick to print from</label>
            {seedSticks.length === 0 ? (
              <p className="stick-missing">Insert a labelled seed stick.</p>
            ) : (
              <select id="print-seed-stick" value={seedDevice} onChange={(e) => setSeedDevice(e.target.value)}>
                {seedSticks.map((m) => (
                  <option key={m.devicePath} value={m.devicePath}>
                    {describeStick(m)}
                  </option>
                ))}
              </select>
            )}
            <label htmlFor="print-second-custodian">Second custodian (registered, present now)</label>
            <input id="print-second-custodian" autoComplete="off" value={secondCustodian} onChange={(e) => setSecondCustodian(e.target.value)} />
            <label htmlFor="print-seed-passphrase">Seed master passphrase</label>
            <SecretInput id="print-seed-passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          </div>
        </>
      ) : null}

      {kind === 'medium-labels' ? (
        <>
          <fieldset>
            <legend>Media to label</legend>
            {catalogMedia === null ? <p className="hint">Reading the labelled media…</p> : null}
            {catalogMedia?.length === 0 ? <p className="empty">No stick is labelled yet. Label the sticks on the Media screen first.</p> : null}
            <div className="media-checklist">
              {catalogMedia?.map((m) => (
                <label key={m.mediumId} className="checkbox">
                  <input
                    type="checkbox"
                    checked={chosenMedia?.has(m.mediumId) ?? false}
                    onChange={(e) => {
                      const next = new Set(chosenMedia ?? []);
                      if (e.target.checked) next.add(m.mediumId);
                      else next.delete(m.mediumId);
                      setChosenMedia(next);
                    }}
                  />
                  <span className="mono">{m.mediumId}</span> <span className="muted">{m.locationKind === 'onsite' ? 'on site' : 'off site'}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="form-grid">
            <label htmlFor="print-copies">Labels per medium (stick and pouch)</label>
            <input id="print-copies" type="number" min={1} max={21} value={copies} onChange={(e) => setCopies(Math.max(1, Number(e.target.value) || 1))} />
            <label htmlFor="print-skip">Labels already used on the sheet</label>
            <input id="print-skip" type="number" min={0} max={20} value={skip} onChange={(e) => setSkip(Math.max(0, Number(e.target.value) || 0))} />
          </div>
        </>
      ) : null}

      {problem ? (
        <p className="refusal" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="row">
        <button type="submit" disabled={busy}>
          Prepare
        </button>
      </div>
      <ProgressPanel
        active={busy}
        job={kind === 'seed-backup' ? 'Preparing the paper seed backup' : 'Preparing the document'}
        hint={kind === 'seed-backup' ? 'Opening the seed store' : 'Laying out the pages'}
      />
      <ErrorNotice error={error} />
    </form>
  );
}

function PreparedDocumentPanel({ view, onFinished }: { readonly view: PreparedDocumentView; readonly onFinished: (why: string) => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const [error, setError] = useState<ChannelError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState<'print' | 'save' | null>(null);

  useEffect(() => heading.current?.focus(), []);

  // Main wipes a seed document when the kiosk locks; the screen goes back to the start when it hears so.
  const failed = (e: ChannelError) => {
    if (e.code === 'PRINT_DOCUMENT_GONE') return onFinished('The document was wiped from memory (the kiosk locked or it was discarded). Prepare it again.');
    setError(e);
  };

  const discard = async () => {
    const result = await api().discardDocument({ documentId: view.documentId });
    if (!result.ok && result.error.code !== 'PRINT_DOCUMENT_GONE') return setError(result.error);
    onFinished(`${view.title} was discarded${view.holdsSeeds ? ' and wiped from memory' : ''}.`);
  };

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
        <div className="notice notice-warn" role="alert">
          <strong>Check before printing:</strong>
          <ul>
            {view.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="prepared-body">
        <PagePreview view={view} onGone={failed} />
        <div className="print-outputs">
          {notice ? (
            <div className="notice notice-ok" role="status">
              {notice}
            </div>
          ) : null}
          <ErrorNotice error={error} />
          <PrintPart view={view} busy={busy} setBusy={setBusy} onPrinted={(p) => setNotice(printedSentence(view, p))} onError={failed} />
          <SavePart view={view} busy={busy} setBusy={setBusy} onSaved={(s) => setNotice(`Saved on ${s.mediumId} as ${s.path} (read back and checked).`)} onError={failed} />
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

function PagePreview({ view, onGone }: { readonly view: PreparedDocumentView; readonly onGone: (e: ChannelError) => void }) {
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

interface PartProps {
  readonly view: PreparedDocumentView;
  readonly busy: 'print' | 'save' | null;
  readonly setBusy: (busy: 'print' | 'save' | null) => void;
  readonly onError: (e: ChannelError) => void;
}

function PrintPart({ view, busy, setBusy, onPrinted, onError }: PartProps & { readonly onPrinted: (p: PrintedView) => void }) {
  const [choice, setChoice] = useState<PrinterChoiceView | null>(null);
  const [printer, setPrinter] = useState('');

  useEffect(() => {
    void api()
      .listPrinters({})
      .then((result) => {
        if (!result.ok) return onError(result.error);
        setChoice(result.value);
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
      {choice === null ? <p className="hint">Asking the print system for printers…</p> : null}
      {choice?.unavailable ? (
        <p className="notice notice-info" role="status">
          {choice.unavailable}
        </p>
      ) : null}
      {choice && !choice.unavailable && choice.printers.length === 0 ? (
        <p className="notice notice-info" role="status">
          No printer is set up on this kiosk. {view.saveTo ? 'Save the document on a stick instead.' : 'Set up a printer, or print the labels later.'}
        </p>
      ) : null}
      {choice && choice.printers.length > 0 ? (
        <div className="row">
          <PrinterPicker id="print-printer" choice={choice} value={printer} onChange={setPrinter} />
          <button type="button" disabled={busy !== null || !printer} onClick={() => void print()}>
            Print {view.pageCount} page{view.pageCount === 1 ? '' : 's'}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function SavePart({ view, busy, setBusy, onSaved, onError }: PartProps & { readonly onSaved: (s: SavedDocumentView) => void }) {
  const { media } = useInsertedMedia();
  const role = view.saveTo;
  const sticks = useMemo(() => (role ? labelledSticks(media, role) : []), [media, role]);
  const [device, setDevice] = useState('');

  useEffect(() => {
    if (!sticks.some((m) => m.devicePath === device)) setDevice(sticks[0]?.devicePath ?? '');
  }, [sticks, device]);

  if (!role) {
    return (
      <section className="print-part" aria-labelledby="save-part-title">
        <h3 id="save-part-title">Save on a stick</h3>
        <p className="hint">Labels are printed and stuck on the sticks; they are not saved on a stick.</p>
      </section>
    );
  }

  const chosen = sticks.find((m) => m.devicePath === device);
  const save = async () => {
    setBusy('save');
    const result = await api().saveDocumentToMedium({ documentId: view.documentId, devicePath: device });
    setBusy(null);
    if (!result.ok) return onError(result.error);
    onSaved(result.value);
  };

  return (
    <section className="print-part" aria-labelledby="save-part-title">
      <h3 id="save-part-title">Save on a {role === 'vault' ? 'vault' : 'seed'} stick</h3>
      <p className="hint">
        {view.holdsSeeds
          ? 'The seed backup may be kept only on a seed stick, never on a vault stick or this kiosk.'
          : `This sheet belongs on ${role === 'vault' ? 'the vault sticks' : 'the seed sticks'}, beside the file it describes.`}
      </p>
      {sticks.length === 0 ? (
        <p className="stick-missing">Insert a labelled {role === 'vault' ? 'vault' : 'seed'} stick to save it.</p>
      ) : (
        <div className="row">
          <label htmlFor="save-stick">Stick</label>
          <select id="save-stick" value={device} onChange={(e) => setDevice(e.target.value)}>
            {sticks.map((m) => (
              <option key={m.devicePath} value={m.devicePath}>
                {describeStick(m)}
              </option>
            ))}
          </select>
          <button type="button" className="secondary" disabled={busy !== null || !chosen} onClick={() => void save()}>
            Save on {chosen?.label?.mediumId ?? 'the stick'}
          </button>
        </div>
      )}
    </section>
  );
}

/** Says when the newest seed generation is ahead of every paper seed backup printed or saved. */
function PaperFreshness({ refreshKey }: { readonly refreshKey: string | null }) {
  const [freshness, setFreshness] = useState<PaperFreshnessView | null>(null);
  useEffect(() => {
    void api()
      .paperBackupFreshness({})
      .then((result) => result.ok && setFreshness(result.value));
  }, [refreshKey]);
  if (!freshness?.stale || !freshness.sentence) return null;
  return (
    <div className="notice notice-warn" role="alert" data-paper="stale">
      <strong>The paper seed backup is out of date.</strong> {freshness.sentence}
    </div>
  );
}
