import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { MediaOverview, MediumCardView } from '../../src-main/contract/media-views';
import type { OutOfServiceView, WriteJobView } from '../../src-main/contract/transaction-views';
import { api, type ChannelError } from '../api';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProgressPanel } from '../components/ProgressPanel';
import { useInsertedMedia } from '../components/use-inserted-media';
import { PendingWrites, WriteJobStatus } from '../components/WriteJobStatus';
import { FormButtons } from '../components/FormButtons';
import { formatBytes, formatTime, roleWords } from '../format';
import { SecretInput } from '../components/SecretInput';

export function MediaScreen() {
  const { overview, error, reload, setError } = useInsertedMedia();
  const [notice, setNotice] = useState<string | null>(null);
  const [job, setJob] = useState<WriteJobView | null>(null);
  const [pendingJobs, setPendingJobs] = useState<readonly WriteJobView[]>([]);
  const [outOfService, setOutOfService] = useState<readonly OutOfServiceView[]>([]);

  const reloadRecords = useCallback(async () => {
    const [jobs, retired] = await Promise.all([api().listWriteJobs({}), api().outOfServiceMedia({})]);
    if (jobs.ok) setPendingJobs(jobs.value.pending);
    if (retired.ok) setOutOfService(retired.value);
  }, []);
  useEffect(() => void reloadRecords(), [reloadRecords, overview?.version]);

  const run = async (work: () => Promise<{ ok: boolean; error?: ChannelError; value?: unknown }>, success: string) => {
    setNotice(null);
    setError(null);
    setJob(null);
    const result = await work();
    if (result.ok) {
      const value = result.value as { sticks?: unknown } | undefined;
      if (value && typeof value === 'object' && 'sticks' in value) setJob(value as WriteJobView);
      else setNotice(success);
    } else if (result.error) setError(result.error);
    await reload();
    await reloadRecords();
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
      {job ? <WriteJobStatus job={job} onChanged={(next) => (setJob(next), void reload(), void reloadRecords())} /> : null}
      <PendingWrites jobs={pendingJobs.filter((j) => j.jobId !== job?.jobId)} onChanged={() => (void reload(), void reloadRecords())} />
      {overview && overview.media.length === 0 ? <p className="empty">No stick is inserted. Plug one in; it shows here within a second or two.</p> : null}
      <div className="cards">
        {overview?.media.map((medium) => (
          <MediumCard key={medium.devicePath} medium={medium} all={overview.media} inService={overview.inService} run={run} />
        ))}
      </div>
      {overview ? <InService overview={overview} run={run} /> : null}
      {outOfService.length > 0 ? <OutOfService media={outOfService} /> : null}
      <ChangePassphrase run={run} />
      {overview ? <KeptGenerations kept={overview.keptGenerations} run={run} /> : null}
    </section>
  );
}

/** Every stick in service, inserted or not: one can be reported lost or destroyed without being here. */
function InService({ overview, run }: { overview: MediaOverview; run: Run }) {
  const [reporting, setReporting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [advice, setAdvice] = useState<{ mediumId: string; advice: string; warning: string | null } | null>(null);
  if (overview.inService.length === 0) return null;
  return (
    <section aria-labelledby="in-service-title">
      <h2 id="in-service-title">Sticks in service</h2>
      {advice ? (
        <div className="notice notice-warn" role="alert" data-lost={advice.mediumId}>
          <strong>{advice.mediumId} is recorded as lost.</strong> {advice.advice}
          {advice.warning ? <div className="warn">{advice.warning}</div> : null}
        </div>
      ) : null}
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Medium</th>
            <th scope="col">Kept</th>
            <th scope="col">Holds</th>
            <th scope="col">
              <span className="visually-hidden">Action</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {overview.inService.map((m) => (
            <tr key={m.mediumId} data-medium={m.mediumId}>
              <td>{m.mediumId}</td>
              <td>{m.location}</td>
              <td>{m.generation ? `generation ${m.generation}` : 'nothing yet'}</td>
              <td>
                <button type="button" className="link" onClick={() => (setReporting(m.mediumId), setReason(''))}>
                  Report {m.mediumId} lost…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {reporting ? (
        <form
          className="inline-form danger-zone"
          aria-label={`Report ${reporting} lost`}
          onSubmit={(event) => {
            event.preventDefault();
            const mediumId = reporting;
            void run(async () => {
              const result = await api().reportMediumLost({ mediumId, reason });
              if (result.ok) setAdvice(result.value);
              return result;
            }, `${mediumId} is recorded as lost.`).then(() => setReporting(null));
          }}
        >
          <p>
            {reporting} will no longer count as a replica, and the custodians are told what to do (change its role's master passphrase). If
            it turns up again it is treated as a stranger.
          </p>
          <label htmlFor="lost-reason">What happened (recorded on the audit trail)</label>
          <input id="lost-reason" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          <div className="row">
            <button type="submit" className="danger" disabled={reason.trim().length < 5}>
              Record {reporting} as lost
            </button>
            <button type="button" className="secondary" onClick={() => setReporting(null)}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}

/** How many generations each stick keeps; older ones are pruned only once a newer one is on that stick. */
function KeptGenerations({ kept, run }: { kept: number; run: Run }) {
  return (
    <section aria-labelledby="kept-title">
      <h2 id="kept-title">History on every stick</h2>
      <div className="row">
        <label htmlFor="kept-generations">Generations each stick keeps (the current one included)</label>
        <select
          id="kept-generations"
          value={kept}
          onChange={(e) => {
            const generations = Number(e.target.value);
            void run(() => api().setKeptGenerations({ generations }), `Each stick keeps ${generations} generations from its next write on.`);
          }}
        >
          {[...new Set([2, 3, 4, 5, 6, 8, 10, kept])].sort((a, b) => a - b).map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
    </section>
  );
}

function OutOfService({ media }: { media: readonly OutOfServiceView[] }) {
  return (
    <section aria-labelledby="out-of-service-title">
      <h2 id="out-of-service-title">Out of service</h2>
      <ul>
        {media.map((m) => (
          <li key={m.mediumId} data-medium={m.mediumId} data-lifecycle={m.lifecycle}>
            <strong>{m.mediumId}</strong> — {m.lifecycle} {m.at ? `on ${m.at.slice(0, 10)}` : ''}
            {m.reason ? `: ${m.reason}` : ''}
            {m.replacedBy ? ` (replaced by ${m.replacedBy})` : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * A new master passphrase for the vault or the seed store, as one write over every stick of that role in
 * service. Typed twice; the two must match before anything is opened.
 */
function ChangePassphrase({ run }: { run: Run }) {
  const [role, setRole] = useState<'vault' | 'seed' | null>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [leaveBehind, setLeaveBehind] = useState(false);
  const [busy, setBusy] = useState(false);
  const clear = () => (setCurrent(''), setNext(''), setAgain(''));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!role) return;
    const request = { role, currentPassphrase: current, newPassphrase: next, newPassphraseAgain: again, leaveBehind };
    clear();
    setBusy(true);
    void run(() => api().changeMasterPassphrase(request), 'The master passphrase was changed.').then(() => (setBusy(false), setRole(null)));
  };
  return (
    <section aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">Master passphrases</h2>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => setRole('vault')}>
          Change the vault passphrase…
        </button>
        <button type="button" className="secondary" onClick={() => setRole('seed')}>
          Change the seed passphrase…
        </button>
      </div>
      {role ? (
        <form className="inline-form" onSubmit={submit} aria-label={`Change the ${role} passphrase`}>
          <p>
            Every {role} stick in service gets a new generation encrypted with the new passphrase. Insert them all, or leave the missing ones
            behind: they keep the old passphrase until the newest generation is copied onto them. Older generations kept as history stay
            under the passphrase they were written with.
          </p>
          <label htmlFor="passphrase-current">Current {role} master passphrase</label>
          <SecretInput id="passphrase-current" value={current} onChange={(e) => setCurrent(e.target.value)} />
          <label htmlFor="passphrase-new">New {role} master passphrase</label>
          <SecretInput id="passphrase-new" value={next} onChange={(e) => setNext(e.target.value)} />
          <label htmlFor="passphrase-again">New {role} master passphrase again</label>
          <SecretInput id="passphrase-again" value={again} onChange={(e) => setAgain(e.target.value)} />
          {again !== '' && again !== next ? <p className="warn">The two new passphrases differ.</p> : null}
          <label>
            <input type="checkbox" checked={leaveBehind} onChange={(e) => setLeaveBehind(e.target.checked)} /> Leave {role} sticks that are not inserted behind
          </label>
          <div className="row">
            <button type="submit" disabled={busy || current === '' || next === '' || next !== again}>
              Change the {role} passphrase
            </button>
            <button type="button" className="secondary" onClick={() => (clear(), setRole(null))}>
              Cancel
            </button>
          </div>
        </form>
      ) : null}
      <ProgressPanel active={busy} job="Changing the master passphrase" hint="Opening with the current passphrase, encrypting with the new one" />
    </section>
  );
}

type Run = (work: () => Promise<{ ok: boolean; error?: ChannelError; value?: unknown }>, success: string) => Promise<void>;

function MediumCard({ medium, all, inService, run }: { medium: MediumCardView; all: readonly MediumCardView[]; inService: MediaOverview['inService']; run: Run }) {
  const [labelling, setLabelling] = useState<'vault' | 'seed' | null>(null);
  const [wiping, setWiping] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const [sealing, setSealing] = useState(false);
  const [replacing, setReplacing] = useState(false);
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
            <dt>Kept generations</dt>
            <dd data-generations={medium.generations.map((g) => `${g.generation}:${g.state}`).join(' ')}>
              {medium.generations.length
                ? [...medium.generations]
                    .sort((a, b) => b.generation - a.generation)
                    .map((g) => `${g.generation}${g.state === 'current' ? ' (current)' : g.state === 'staged' ? ' (staged, not committed)' : ''}`)
                    .join(', ')
                : 'none yet'}
            </dd>
            <dt>Last verified</dt>
            <dd>{formatTime(medium.lastVerifiedAt)}</dd>
            <dt>Last sealed</dt>
            <dd>{formatTime(medium.lastSealedAt)}</dd>
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
          {inService.length > 0 && !medium.readOnly ? (
            <button type="button" className="secondary" onClick={() => setReplacing(true)}>
              Use as a replacement for…
            </button>
          ) : null}
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
          <button type="button" className="secondary" onClick={() => setSealing(true)}>
            Log its seal…
          </button>
          <button type="button" className="danger" onClick={() => setRetiring(true)}>
            Retire…
          </button>
          <button type="button" className="danger" onClick={() => setWiping(true)}>
            Wipe…
          </button>
        </div>
      )}
      {sealing && label ? <SealForm mediumId={label.mediumId} onDone={() => setSealing(false)} run={run} /> : null}
      {retiring && label ? <RetireForm medium={medium} mediumId={label.mediumId} onDone={() => setRetiring(false)} run={run} /> : null}
      {replacing && !label ? <ReplaceForm medium={medium} inService={inService} onDone={() => setReplacing(false)} run={run} /> : null}
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

function SealForm({ mediumId, onDone, run }: { mediumId: string; onDone: () => void; run: Run }) {
  const [serial, setSerial] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api().recordSeal({ mediumId, serial, occasion: 'after-write' }), `The seal of ${mediumId} is logged; verification compares the bag with it.`).then(onDone);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Log the seal of ${mediumId}`}>
      <label htmlFor={`seal-${mediumId}`}>Serial printed on the tamper-evident bag {mediumId} is sealed in</label>
      <input id={`seal-${mediumId}`} value={serial} maxLength={60} autoComplete="off" onChange={(e) => setSerial(e.target.value)} />
      <FormButtons submit="Log the seal" disabled={serial.trim().length < 3} onCancel={onDone} />
    </form>
  );
}

function RetireForm({ medium, mediumId, onDone, run }: { medium: MediumCardView; mediumId: string; onDone: () => void; run: Run }) {
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(() => api().retireMedium({ devicePath: medium.devicePath, confirmMediumId: typed, reason }), `${mediumId} is retired; its Strongroom files were removed.`).then(onDone);
  };
  return (
    <form className="inline-form danger-zone" onSubmit={submit} aria-label={`Retire ${mediumId}`}>
      <p>
        Retiring takes {mediumId} out of service for good: its Strongroom files are removed and the catalog records why. The only stick in
        service holding its role's newest generation is refused. Type <strong>{mediumId}</strong> to confirm.
      </p>
      <label htmlFor={`retire-reason-${mediumId}`}>Why it is retired</label>
      <input id={`retire-reason-${mediumId}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      <input aria-label="Type the medium id to confirm retiring it" value={typed} onChange={(e) => setTyped(e.target.value)} />
      <FormButtons submit={`Retire ${mediumId}`} danger disabled={typed.trim().toUpperCase() !== mediumId || reason.trim().length < 5} onCancel={onDone} />
    </form>
  );
}

/** An unlabelled stick takes over from one in service: labelled like it, then the newest generation copied over. */
function ReplaceForm({ medium, inService, onDone, run }: { medium: MediumCardView; inService: MediaOverview['inService']; onDone: () => void; run: Run }) {
  const [oldMediumId, setOldMediumId] = useState(inService[0]?.mediumId ?? '');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const result = await api().replaceMedium({ oldMediumId, newDevicePath: medium.devicePath, reason });
      return result.ok ? { ok: true, value: result.value.job } : result;
    }, `This stick now replaces ${oldMediumId}.`).then(onDone);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Use this stick as a replacement">
      <label htmlFor={`replace-old-${medium.devicePath}`}>Stick it replaces</label>
      <select id={`replace-old-${medium.devicePath}`} value={oldMediumId} onChange={(e) => setOldMediumId(e.target.value)}>
        {inService.map((m) => (
          <option key={m.mediumId} value={m.mediumId}>
            {m.mediumId} — {m.location}
          </option>
        ))}
      </select>
      <p className="hint">Insert a stick of the same role that holds the newest generation too: it is copied from there.</p>
      <label htmlFor={`replace-reason-${medium.devicePath}`}>Why</label>
      <input id={`replace-reason-${medium.devicePath}`} value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
      <FormButtons submit="Label and copy the newest generation" disabled={!oldMediumId || reason.trim().length < 5} onCancel={onDone} />
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
      <FormButtons submit={`Wipe ${mediumId}`} danger disabled={typed.trim().toUpperCase() !== mediumId} onCancel={onDone} />
    </form>
  );
}

/** The one plaintext copy of the seeds Strongroom makes: onto this seed stick only, after an explicit acknowledgement. */
function SeedCsvExportForm({ medium, mediumId, onDone, run }: { medium: MediumCardView; mediumId: string; onDone: () => void; run: Run }) {
  const [passphrase, setPassphrase] = useState('');
  const [understood, setUnderstood] = useState(false);
  // Two-person control: the second custodian is named here, never filled in.
  const [secondCustodian, setSecondCustodian] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const seedPassphrase = passphrase;
    setPassphrase('');
    void run(
      () => api().exportSeedCsv({ sourceDevicePath: medium.devicePath, targetDevicePath: medium.devicePath, seedPassphrase, plaintextAcknowledged: understood, secondCustodian }),
      `The seed table was written in plaintext to STRONGROOM/seeds-export.csv on ${mediumId}.`,
    ).then(onDone);
  };
  return (
    <form className="inline-form danger-zone" onSubmit={submit} aria-label={`Export seeds from ${mediumId} as CSV`}>
      <p>
        <strong>The CSV file is NOT encrypted.</strong> Anyone who reads {mediumId} then reads every MFA seed. It is written to this
        seed stick only; delete it as soon as it has served its purpose.
      </p>
      <label htmlFor={`csv-second-${mediumId}`}>Second custodian (registered, present now)</label>
      <input id={`csv-second-${mediumId}`} autoComplete="off" value={secondCustodian} onChange={(e) => setSecondCustodian(e.target.value)} />
      <label htmlFor={`csv-passphrase-${mediumId}`}>Seed master passphrase</label>
      <SecretInput id={`csv-passphrase-${mediumId}`} value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      <label>
        <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> I understand the file holds the seeds in plaintext
      </label>
      <FormButtons submit="Write the plaintext CSV" danger disabled={!understood || passphrase === '' || secondCustodian.trim() === ''} onCancel={onDone} />
    </form>
  );
}
