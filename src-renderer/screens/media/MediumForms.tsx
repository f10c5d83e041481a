import { useState, type FormEvent } from 'react';
import type { MediaOverview, MediumCardView, MediumRole } from '../../../src-main/contract/media-views';
import { api } from '../../api';
import { FormButtons } from '../../components/FormButtons';
import { SecretInput } from '../../components/SecretInput';
import type { MediaAction } from './media-action';

interface FormProps {
  readonly medium: MediumCardView;
  readonly onDone: () => void;
  readonly act: MediaAction;
}

export function LabelForm({ medium, role, onDone, act }: FormProps & { readonly role: MediumRole }) {
  const [kind, setKind] = useState<'onsite' | 'offsite'>('onsite');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const noteId = `note-${medium.devicePath}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Main refuses the same (LOCATION_NOTE_MISSING); saying it here keeps the custodian in the form, focused on the box.
    if (!/[\p{L}\p{N}]/u.test(note)) {
      setMissing(true);
      requestAnimationFrame(() => document.getElementById(noteId)?.focus());
      return;
    }
    setMissing(false);
    void act(() => api().labelMedium({ devicePath: medium.devicePath, role, location: { kind, note } }), `Labelled as a ${role} medium.`).then((ok) => ok && onDone());
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Label as ${role} medium`} noValidate>
      <fieldset>
        <legend>Where will this {role} medium be kept?</legend>
        <label>
          <input type="radio" name="location" checked={kind === 'onsite'} onChange={() => setKind('onsite')} /> On site (the safe beside the kiosk)
        </label>
        <label>
          <input type="radio" name="location" checked={kind === 'offsite'} onChange={() => setKind('offsite')} /> Off site
        </label>
      </fieldset>
      <label htmlFor={noteId}>Where exactly (safe, box number)</label>
      <input
        id={noteId}
        value={note}
        maxLength={200}
        required
        onChange={(e) => setNote(e.target.value)}
        {...(missing ? { 'aria-invalid': true, 'aria-describedby': `${noteId}-problem` } : {})}
      />
      {missing ? (
        <p id={`${noteId}-problem`} className="field-error" role="alert">
          Say where exactly this stick will be kept: the safe, shelf or box number, such as “Safe 1, shelf 2”. The verifier and a lost-stick
          report go by it.
        </p>
      ) : null}
      <FormButtons submit={`Label as ${role} medium`} disabled={false} onCancel={onDone} />
    </form>
  );
}

export function SealForm({ mediumId, onDone, act }: Omit<FormProps, 'medium'> & { readonly mediumId: string }) {
  const [serial, setSerial] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(() => api().recordSeal({ mediumId, serial, occasion: 'after-write' }), `The seal of ${mediumId} is logged; verification compares the bag with it.`).then(onDone);
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={`Log the seal of ${mediumId}`}>
      <label htmlFor={`seal-${mediumId}`}>Serial printed on the tamper-evident bag {mediumId} is sealed in</label>
      <input id={`seal-${mediumId}`} value={serial} maxLength={60} autoComplete="off" onChange={(e) => setSerial(e.target.value)} />
      <FormButtons submit="Log the seal" disabled={serial.trim().length < 3} onCancel={onDone} />
    </form>
  );
}

export function RetireForm({ medium, mediumId, onDone, act }: FormProps & { readonly mediumId: string }) {
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(() => api().retireMedium({ devicePath: medium.devicePath, confirmMediumId: typed, reason }), `${mediumId} is retired; its Strongroom files were removed.`).then(onDone);
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
export function ReplaceForm({ medium, inService, onDone, act }: FormProps & { readonly inService: MediaOverview['inService'] }) {
  const [oldMediumId, setOldMediumId] = useState(inService[0]?.mediumId ?? '');
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const result = await api().replaceMedium({ oldMediumId, newDevicePath: medium.devicePath, reason });
      return result.ok ? { ok: true as const, value: result.value.job } : result;
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

export function WipeForm({ medium, mediumId, onDone, act }: FormProps & { readonly mediumId: string }) {
  const [typed, setTyped] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void act(() => api().wipeMedium({ devicePath: medium.devicePath, confirmMediumId: typed }), `${mediumId} was wiped and can be labelled again.`).then(onDone);
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
export function SeedCsvExportForm({ medium, mediumId, onDone, act }: FormProps & { readonly mediumId: string }) {
  const [passphrase, setPassphrase] = useState('');
  const [understood, setUnderstood] = useState(false);
  // Two-person control: the second custodian is named here, never filled in.
  const [secondCustodian, setSecondCustodian] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const seedPassphrase = passphrase;
    setPassphrase('');
    void act(
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
