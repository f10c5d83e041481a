import { useState, type FormEvent } from 'react';
import type { MediumCardView } from '../../src-main/contract/media-views';
import { api, type ChannelError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { useInsertedMedia } from '../components/use-inserted-media';
import { formatBytes, formatTime, roleWords } from '../format';
import { SecretInput } from '../components/SecretInput';

export function MediaScreen() {
  const { overview, error, reload, setError } = useInsertedMedia();
  const [notice, setNotice] = useState<string | null>(null);

  const run = async (work: () => Promise<{ ok: boolean; error?: ChannelError }>, success: string) => {
    setNotice(null);
    setError(null);
    const result = await work();
    if (result.ok) setNotice(success);
    else if (result.error) setError(result.error);
    await reload();
  };

  return (
    <section className="screen" aria-labelledby="media-title">
      <h1 id="media-title">Media</h1>
      <p className="lead">
        Every inserted USB stick, as one physical device with all of its partitions. A stick is either a vault medium or a
        seed medium, never both. Sticks appear here as soon as they are plugged in.
      </p>
      {overview?.practice ? (
        <div className="notice notice-info" role="status">
          <strong>Practice mode.</strong> These are practice folders, not USB sticks. Nothing written here is real custody,
          and every audit entry says so.
        </div>
      ) : null}
      {overview?.allowances.includes('loop-devices') ? (
        <div className="notice notice-info" role="status">
          <strong>Test allowance in force:</strong> disk images (loop devices) are offered as sticks. Every audit entry
          records this.
        </div>
      ) : null}
      <ErrorNotice error={error} />
      {notice ? (
        <div className="notice notice-ok" role="status">
          {notice}
        </div>
      ) : null}
      {overview && overview.media.length === 0 ? <p className="empty">No stick is inserted. Plug one in; it shows here within a second or two.</p> : null}
      <div className="cards">
        {overview?.media.map((medium) => (
          <MediumCard key={medium.devicePath} medium={medium} all={overview.media} run={run} />
        ))}
      </div>
    </section>
  );
}

type Run = (work: () => Promise<{ ok: boolean; error?: ChannelError }>, success: string) => Promise<void>;

function MediumCard({ medium, all, run }: { medium: MediumCardView; all: readonly MediumCardView[]; run: Run }) {
  const [labelling, setLabelling] = useState<'vault' | 'seed' | null>(null);
  const [wiping, setWiping] = useState(false);
  const [exporting, setExporting] = useState(false);
  const label = medium.label;
  const behind = label && medium.lastWrite ? medium.lastWrite.generation < medium.newestGeneration : false;
  const sources = label
    ? all.filter((m) => m.devicePath !== medium.devicePath && m.label?.role === label.role && m.lastWrite && m.lastWrite.generation === m.newestGeneration)
    : [];

  return (
    <article className={`card ${label ? `card-${label.role}` : ''}`} aria-label={label ? label.mediumId : medium.model ?? medium.devicePath} data-device={medium.devicePath}>
      <header>
        <h2>{label ? `${label.mediumId} — ${roleWords(label.role)}` : 'Unlabelled stick'}</h2>
        <span className="muted">
          {[medium.vendor, medium.model].filter(Boolean).join(' ') || 'Unknown model'} · {formatBytes(medium.sizeBytes)}
          {medium.readOnly ? ' · read-only' : ''}
        </span>
      </header>
      <dl className="facts">
        <dt>Identified by</dt>
        <dd>{medium.identity.words}</dd>
        <dt>Partitions</dt>
        <dd>
          {medium.partitions.map((p) => (
            <div key={p.devicePath}>
              {p.number === 0 ? 'Whole stick' : `Partition ${p.number}`}: {p.filesystem ?? 'unformatted'}
              {p.label ? ` “${p.label}”` : ''} · {formatBytes(p.sizeBytes)} · {p.mountpoints.length ? `at ${p.mountpoints.join(', ')}` : 'not mounted'}
            </div>
          ))}
        </dd>
        {label ? (
          <>
            <dt>Kept</dt>
            <dd>
              {label.location.kind === 'onsite' ? 'On site' : 'Off site'}
              {label.location.note ? ` — ${label.location.note}` : ''}
            </dd>
            <dt>Last written</dt>
            <dd>
              {medium.lastWrite
                ? `generation ${medium.lastWrite.generation}, ${formatTime(medium.lastWrite.writtenAt)} by ${medium.lastWrite.writtenBy}`
                : 'nothing written yet'}
              {behind ? <strong className="warn"> — behind: the newest is generation {medium.newestGeneration}</strong> : null}
            </dd>
            <dt>Last verified</dt>
            <dd>{formatTime(medium.lastVerifiedAt)}</dd>
          </>
        ) : null}
      </dl>
      {label && !label.knownToCatalog ? (
        <div className="notice notice-error" role="alert">
          This stick carries the label {label.mediumId}, but this kiosk does not know it as this device. It may be a copy or a
          swapped stick. Do not use it; tell your security lead.
        </div>
      ) : null}
      {!label ? (
        <div className="actions">
          {(['vault', 'seed'] as const).map((role) => (
            <button key={role} type="button" disabled={!medium.canTake[role].allowed || medium.readOnly} onClick={() => setLabelling(role)}>
              Use as {role} medium
            </button>
          ))}
          {(['vault', 'seed'] as const)
            .filter((role) => !medium.canTake[role].allowed)
            .map((role) => (
              <p key={role} className="refusal">
                Cannot be a {role} medium: {medium.canTake[role].reasons.join(' ')}
              </p>
            ))}
          {medium.readOnly ? <p className="refusal">This stick is read-only; slide its write-protect switch off to use it.</p> : null}
        </div>
      ) : (
        <div className="actions">
          {sources.map((source) => (
            <button
              key={source.devicePath}
              type="button"
              onClick={() =>
                void run(
                  () => api().replicateMedium({ fromDevicePath: source.devicePath, toDevicePath: medium.devicePath, role: label.role }),
                  `Copied generation ${source.lastWrite?.generation} from ${source.label?.mediumId} to ${label.mediumId}, read back and verified.`,
                )
              }
            >
              Copy newest from {source.label?.mediumId}
            </button>
          ))}
          <button type="button" onClick={() => void run(() => ejectAndSay(medium.devicePath), `${label.mediumId} is safe to remove.`)}>
            Eject
          </button>
          {label.role === 'seed' && medium.lastWrite ? (
            <button type="button" className="secondary" onClick={() => setExporting(true)}>
              Export seeds as CSV…
            </button>
          ) : null}
          <button type="button" className="danger" onClick={() => setWiping(true)}>
            Wipe…
          </button>
        </div>
      )}
      {labelling ? <LabelForm medium={medium} role={labelling} onDone={() => setLabelling(null)} run={run} /> : null}
      {exporting && label ? <SeedCsvExportForm medium={medium} mediumId={label.mediumId} onDone={() => setExporting(false)} run={run} /> : null}
      {wiping && label ? <WipeForm medium={medium} mediumId={label.mediumId} onDone={() => setWiping(false)} run={run} /> : null}
    </article>
  );
}

async function ejectAndSay(devicePath: string) {
  const result = await api().ejectMedium({ devicePath });
  if (result.ok && !result.value.safeToRemove) {
    return {
      ok: false,
      error: { code: 'EJECT_INCOMPLETE' as const, message: result.value.steps.filter((s) => s.outcome === 'failed').map((s) => `${s.action} ${s.target}: ${s.detail}`).join('; ') },
    };
  }
  return result;
}

function LabelForm({ medium, role, onDone, run }: { medium: MediumCardView; role: 'vault' | 'seed'; onDone: () => void; run: Run }) {
  const [kind, setKind] = useState<'onsite' | 'offsite'>('onsite');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api().labelMedium({ devicePath: medium.devicePath, role, location: { kind, note } }), `Labelled as a ${role} medium.`).then(onDone);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Label as ${role} medium`}>
      <fieldset>
        <legend>Where will this {role} medium be kept?</legend>
        <label>
          <input type="radio" name="location" checked={kind === 'onsite'} onChange={() => setKind('onsite')} /> On site (the safe beside the kiosk)
        </label>
        <label>
          <input type="radio" name="location" checked={kind === 'offsite'} onChange={() => setKind('offsite')} /> Off site
        </label>
      </fieldset>
      <label htmlFor={`note-${medium.devicePath}`}>Where exactly (safe, box number)</label>
      <input id={`note-${medium.devicePath}`} value={note} maxLength={200} onChange={(e) => setNote(e.target.value)} />
      <div className="row">
        <button type="submit">Label as {role} medium</button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function WipeForm({ medium, mediumId, onDone, run }: { medium: MediumCardView; mediumId: string; onDone: () => void; run: Run }) {
  const [typed, setTyped] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api().wipeMedium({ devicePath: medium.devicePath, confirmMediumId: typed }), `${mediumId} was wiped and can be labelled again.`).then(onDone);
  };
  return (
    <form className="inline-form danger-zone" onSubmit={submit} aria-label={`Wipe ${mediumId}`}>
      <p>
        Wiping removes this stick's label and everything Strongroom wrote on it. If it holds the only good copy, that copy is
        lost. Type <strong>{mediumId}</strong> to confirm.
      </p>
      <input aria-label="Type the medium id to confirm" value={typed} onChange={(e) => setTyped(e.target.value)} />
      <div className="row">
        <button type="submit" className="danger" disabled={typed.trim().toUpperCase() !== mediumId}>
          Wipe {mediumId}
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** The one plaintext copy of the seeds Strongroom makes: onto this seed stick only, after an explicit acknowledgement. */
function SeedCsvExportForm({ medium, mediumId, onDone, run }: { medium: MediumCardView; mediumId: string; onDone: () => void; run: Run }) {
  const [passphrase, setPassphrase] = useState('');
  const [understood, setUnderstood] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const seedPassphrase = passphrase;
    setPassphrase('');
    void run(
      () => api().exportSeedCsv({ sourceDevicePath: medium.devicePath, targetDevicePath: medium.devicePath, seedPassphrase, plaintextAcknowledged: understood }),
      `The seed table was written in plaintext to STRONGROOM/seeds-export.csv on ${mediumId}.`,
    ).then(onDone);
  };
  return (
    <form className="inline-form danger-zone" onSubmit={submit} aria-label={`Export seeds from ${mediumId} as CSV`}>
      <p>
        <strong>The CSV file is NOT encrypted.</strong> Anyone who reads {mediumId} then reads every MFA seed. It is written to this
        seed stick only; delete it as soon as it has served its purpose.
      </p>
      <label htmlFor={`csv-passphrase-${mediumId}`}>Seed master passphrase</label>
      <SecretInput id={`csv-passphrase-${mediumId}`} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      <label>
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> I understand the file holds the seeds in plaintext
      </label>
      <div className="row">
        <button type="submit" className="danger" disabled={!understood || passphrase === ''}>
          Write the plaintext CSV
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
