import { useState, type FormEvent } from 'react';
import type { AccountView, CodesView } from '../../src-main/contract/custody-views';
import type { RotationView, WriteJobView } from '../../src-main/contract/transaction-views';
import { api } from '../api';
import { Countdown } from '../components/Countdown';
import { OtpCode } from '../components/OtpCode';
import { ProgressPanel } from '../components/ProgressPanel';
import { PassphraseField, usePassphraseProblem } from '../components/PassphraseFields';
import { checkPassphraseEntries, type PassphraseEntry } from '../components/passphrase-entry';
import { SecretInput } from '../components/SecretInput';
import { SecretPassword } from '../components/SecretPassword';
import { usePoll } from '../components/use-poll';
import { useRequest } from '../components/use-request';
import { WriteJobStatus } from '../components/WriteJobStatus';
import type { MediumRole } from '../../src-main/contract/media-views';
import { FormButtons } from '../components/FormButtons';

type What = RotationView['what'];

const WHAT_WORDS: Record<What, string> = { password: 'root password', seed: 'MFA seed', both: 'root password and MFA seed' };

/**
 * Rotating a live credential, in two phases. Start: the new password (generated) or MFA seed (from AWS) is
 * written to the sticks as pending, beside the current one, and only then shown, to be set on AWS. Confirm,
 * once AWS accepted it: it becomes current and the replaced one moves into the KeePass entry's history. Cancel
 * drops the pending one. Re-enrolling an enrolled account is this same path.
 */
export function RotationPanel({
  account,
  rotation,
  onChanged,
  onClose,
}: {
  readonly account: AccountView;
  readonly rotation: RotationView | null;
  readonly onChanged: () => void;
  readonly onClose: () => void;
}) {
  const [job, setJob] = useState<WriteJobView | null>(null);
  const [shownPassword, setShownPassword] = useState<string | null>(null);
  const titleId = `rotation-${account.accountId}`;
  return (
    <article className="card rotation" aria-labelledby={titleId} data-account={account.accountId}>
      <header className="enrolment-header">
        <h3 id={titleId} tabIndex={-1}>
          Rotating {account.name} <span className="muted">({account.accountId})</span>
        </h3>
        {rotation ? <span className="badge badge-warn">{rotation.status === 'pending' ? 'Pending: waiting for AWS' : 'Not yet on every stick'}</span> : null}
      </header>
      {job ? <WriteJobStatus job={job} onChanged={(next) => (setJob(next), onChanged())} /> : null}
      {rotation ? (
        <OpenRotation account={account} rotation={rotation} shownPassword={shownPassword} onHidePassword={() => setShownPassword(null)} onJob={setJob} onChanged={onChanged} />
      ) : (
        <StartRotation
          account={account}
          onStarted={(next, password) => {
            setJob(next);
            setShownPassword(password);
            onChanged();
          }}
          onCancel={onClose}
        />
      )}
    </article>
  );
}

function StartRotation({ account, onStarted, onCancel }: { readonly account: AccountView; readonly onStarted: (job: WriteJobView, password: string | null) => void; readonly onCancel: () => void }) {
  const [what, setWhat] = useState<What>('password');
  const [reason, setReason] = useState('');
  const [secret, setSecret] = useState('');
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [seedPassphrase, setSeedPassphrase] = useState('');
  const request = useRequest();
  const { busy } = request;
  const hardware = account.mfa.kind === 'hardware';
  const needsVault = what !== 'seed';
  const needsSeed = what !== 'password';
  const fid = (name: string) => `rotate-${name}-${account.accountId}`;
  const prefix = fid('key');
  const passphrases = usePassphraseProblem(prefix, request.error, (role) => (role === 'vault' ? setVaultPassphrase('') : setSeedPassphrase('')));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const missing = checkPassphraseEntries(entriesFor(needsVault, vaultPassphrase, needsSeed, seedPassphrase));
    if (missing) return passphrases.show(missing);
    passphrases.reset();
    const body = {
      accountId: account.accountId,
      what,
      reason,
      ...(needsSeed ? { newSeed: secret, seedPassphrase } : {}),
      ...(needsVault ? { vaultPassphrase } : {}),
    };
    // Kept until main answers: a refusal about one passphrase clears that one only, and nothing else is retyped.
    await request.run(() => api().startRotation(body), (started) => {
      setSecret('');
      setVaultPassphrase('');
      setSeedPassphrase('');
      onStarted(started.job, started.password);
    });
  };

  return (
    <form className="inline-form" onSubmit={(e) => void submit(e)} aria-label={`Rotate the credentials of ${account.name}`}>
      <p>
        The new credential is written to the sticks first, as pending beside the current one; only then is it shown, to be set on AWS. The
        current one stays valid, and in use, until you confirm.
      </p>
      <fieldset>
        <legend>What to rotate</legend>
        {(['password', 'seed', 'both'] as const).map((choice) => (
          <label key={choice}>
            <input type="radio" name={fid('what')} checked={what === choice} disabled={hardware && choice !== 'password'} onChange={() => setWhat(choice)} /> The{' '}
            {WHAT_WORDS[choice]}
          </label>
        ))}
        {hardware ? <p className="hint">Root's MFA is a hardware token{account.mfa.kind === 'hardware' ? ` (${account.mfa.tokenSerial})` : ''}: only the password is kept here.</p> : null}
      </fieldset>
      <label htmlFor={fid('reason')}>Why (recorded, and written into the KeePass entry)</label>
      <textarea id={fid('reason')} rows={2} value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
      {needsSeed ? (
        <>
          <p>
            On AWS, add a new MFA device for the root user, choose <em>Authenticator app</em> and <em>Show secret key</em>. Paste it here; the
            two codes for AWS are shown once the new seed is on the sticks.
          </p>
          <label htmlFor={fid('secret')}>Secret key of the new MFA device</label>
          <SecretInput id={fid('secret')} value={secret} onChange={(e) => setSecret(e.target.value)} />
        </>
      ) : null}
      <PassphraseFields prefix={prefix} needsVault={needsVault} needsSeed={needsSeed} vault={vaultPassphrase} seed={seedPassphrase} onVault={setVaultPassphrase} onSeed={setSeedPassphrase} problem={passphrases.problem} />
      {passphrases.aboutField ? null : request.notice}
      <FormButtons submit={`Write the new ${WHAT_WORDS[what]} as pending`} disabled={busy || reason.trim().length < 10 || (needsSeed && secret.trim() === '')} onCancel={onCancel} />
      <ProgressPanel active={busy} job="Writing the pending credential" hint="Checking every stick, then staging and committing" />
    </form>
  );
}

function OpenRotation({
  account,
  rotation,
  shownPassword,
  onHidePassword,
  onJob,
  onChanged,
}: {
  readonly account: AccountView;
  readonly rotation: RotationView;
  readonly shownPassword: string | null;
  readonly onHidePassword: () => void;
  readonly onJob: (job: WriteJobView) => void;
  readonly onChanged: () => void;
}) {
  const [codes, setCodes] = useState<CodesView | null>(null);
  const [vaultPassphrase, setVaultPassphrase] = useState('');
  const [seedPassphrase, setSeedPassphrase] = useState('');
  const request = useRequest();
  const { busy } = request;
  const needsVault = rotation.what !== 'seed';
  const needsSeed = rotation.what !== 'password';
  const prefix = `rotation-key-${account.accountId}`;
  const passphrases = usePassphraseProblem(prefix, request.error, (role) => (role === 'vault' ? setVaultPassphrase('') : setSeedPassphrase('')));

  usePoll(
    async () => {
      const result = await api().rotationCodes({ accountId: account.accountId });
      if (result.ok) setCodes(result.value);
    },
    1000,
    needsSeed && rotation.held && rotation.status === 'pending',
  );

  const finish = async (phase: 'confirm' | 'cancel') => {
    const missing = checkPassphraseEntries(entriesFor(needsVault, vaultPassphrase, needsSeed, seedPassphrase));
    if (missing) return passphrases.show(missing);
    passphrases.reset();
    const body = { accountId: account.accountId, ...(needsVault ? { vaultPassphrase } : {}), ...(needsSeed ? { seedPassphrase } : {}) };
    const finished = await request.run(() => (phase === 'confirm' ? api().confirmRotation(body) : api().cancelRotation(body)));
    if (!finished) return;
    setVaultPassphrase('');
    setSeedPassphrase('');
    onHidePassword();
    onJob(finished.job);
    onChanged();
  };

  return (
    <div className="open-rotation" data-status={rotation.status}>
      <p>
        Started {rotation.startedAt.slice(0, 10)} by {rotation.startedBy}: {rotation.reason}
      </p>
      {rotation.status === 'pending' ? (
        <ol className="steps">
          {needsVault ? (
            <li className="step step-current">
              <h4>Set the new root password on AWS</h4>
              {shownPassword ? (
                <div className="secret">
                  <span className="secret-value" data-secret="password">
                    {shownPassword}
                  </span>
                  <div className="row">
                    <button type="button" className="secondary" onClick={onHidePassword}>
                      Hide password
                    </button>
                  </div>
                </div>
              ) : rotation.held ? (
                <SecretPassword reveal={() => api().revealRotationPassword({ accountId: account.accountId })} onError={request.fail} />
              ) : (
                <p className="muted">It is no longer held in this kiosk's memory; break-glass shows it (the new password, beside the current one).</p>
              )}
            </li>
          ) : null}
          {needsSeed ? (
            <li className="step step-current">
              <h4>Type these two codes of the new MFA device into AWS</h4>
              {codes ? (
                <>
                  <div className="code-pair" role="group" aria-label="The two codes for AWS">
                    <OtpCode label="MFA code 1" code={codes.current} />
                    <OtpCode label="MFA code 2" code={codes.next} />
                  </div>
                  <Countdown secondsLeft={codes.secondsLeft} />
                </>
              ) : (
                <p className="muted">{rotation.held ? 'Computing the codes…' : 'The new seed is no longer held in memory; break-glass shows its code.'}</p>
              )}
            </li>
          ) : null}
          <li className="step">
            <h4>Once AWS accepted it, confirm; if AWS refused it, cancel</h4>
            <PassphraseFields prefix={prefix} needsVault={needsVault} needsSeed={needsSeed} vault={vaultPassphrase} seed={seedPassphrase} onVault={setVaultPassphrase} onSeed={setSeedPassphrase} problem={passphrases.problem} />
            <div className="row">
              <button type="button" disabled={busy} onClick={() => void finish('confirm')}>
                AWS accepted it: confirm the rotation
              </button>
              <button type="button" className="danger" disabled={busy} onClick={() => void finish('cancel')}>
                Cancel the rotation
              </button>
            </div>
          </li>
        </ol>
      ) : (
        <p className="warn">The new credential is not yet on a stick of each role: retry the pending write (above) first.</p>
      )}
      {passphrases.aboutField ? null : request.notice}
      <ProgressPanel active={busy} job="Writing the rotation" hint="Checking every stick, then staging and committing" />
    </div>
  );
}

/** The passphrases a rotation needs, in the order the fields stand: each artefact it writes opens with its own. */
function entriesFor(needsVault: boolean, vault: string, needsSeed: boolean, seed: string): PassphraseEntry[] {
  const entries: PassphraseEntry[] = [];
  if (needsVault) entries.push({ role: 'vault', which: 'current', value: vault });
  if (needsSeed) entries.push({ role: 'seed', which: 'current', value: seed });
  return entries;
}

/** The master passphrase of each artefact the rotation writes, each typed by its own custodian. */
function PassphraseFields(props: {
  readonly prefix: string;
  readonly needsVault: boolean;
  readonly needsSeed: boolean;
  readonly vault: string;
  readonly seed: string;
  readonly onVault: (value: string) => void;
  readonly onSeed: (value: string) => void;
  readonly problem: Parameters<typeof PassphraseField>[0]['problem'];
}) {
  const field = (role: MediumRole, value: string, onValue: (value: string) => void) => (
    <PassphraseField prefix={props.prefix} role={role} which="current" fresh={false} value={value} onValue={onValue} problem={props.problem} />
  );
  return (
    <>
      {props.needsVault ? field('vault', props.vault, props.onVault) : null}
      {props.needsSeed ? field('seed', props.seed, props.onSeed) : null}
    </>
  );
}
