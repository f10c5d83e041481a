import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccountView, CodesView, EnrolmentView } from '../../src-main/contract/custody-views';
import { api } from '../api';
import { Countdown } from '../components/Countdown';
import { Notice } from '../components/Notice';
import { OtpCode } from '../components/OtpCode';
import { SecretPassword } from '../components/SecretPassword';
import { usePoll } from '../components/use-poll';
import { useRequest, type RequestState } from '../components/use-request';
import { SecretInput } from '../components/SecretInput';
import { useConfirmFocus } from '../components/use-confirm-focus';

const SEED_SOURCE_WORDS: Record<string, string> = {
  base32: 'read as the secret key AWS shows under “Show secret key”',
  'otpauth-uri': 'read from an otpauth:// link',
  'aws-base32-string-seed': 'decoded from AWS’s Base32StringSeed',
};

function seedSourceWords(source: string | null): string {
  return (source && SEED_SOURCE_WORDS[source]) ?? 'recorded';
}

/**
 * One account being enrolled: set the generated root password on AWS, give Strongroom the MFA secret AWS shows,
 * type the two codes Strongroom computes back into AWS. Each step's state lives in main (listEnrolments), so
 * this panel can be left and reopened; the secrets never stay in the renderer longer than they are shown.
 */
export function EnrolmentPanel({
  enrolment,
  account,
  focusOnMount,
  onChanged,
}: {
  readonly enrolment: EnrolmentView;
  readonly account: AccountView | undefined;
  readonly focusOnMount: boolean;
  readonly onChanged: () => void;
}) {
  const request = useRequest();
  const { fail } = request;
  const [codes, setCodes] = useState<CodesView | null>(null);
  const [replacingSeed, setReplacingSeed] = useState(false);
  const [confirmingCancel, setConfirmingCancel] = useState(false);
  const cancelFocus = useConfirmFocus(confirmingCancel);
  const [focus, setFocus] = useState<'codes' | 'panel' | null>(focusOnMount ? 'panel' : null);
  const heading = useRef<HTMLHeadingElement>(null);
  const codesHeading = useRef<HTMLHeadingElement>(null);
  const id = enrolment.enrolmentId;

  // Focus follows the work: to the panel when it opens, to the codes once the secret is in, back to the panel
  // when AWS has accepted; the element that had focus is gone each time.
  useEffect(() => {
    if (focus === 'panel') heading.current?.focus();
    else if (focus === 'codes' && codes) codesHeading.current?.focus();
    else return;
    setFocus(null);
  }, [focus, codes]);

  const needsSeed = !enrolment.hasSeed || replacingSeed;
  const showCodes = enrolment.mfa.kind === 'virtual' && enrolment.hasSeed && !replacingSeed && !enrolment.awsAccepted;

  // AWS checks the codes against its own clock, so the screen must follow the 30-second window as it rolls over.
  usePoll(
    async () => {
      const result = await api().enrolmentCodes({ enrolmentId: id });
      if (result.ok) setCodes(result.value);
      else {
        fail(result.error, { focus: false });
        if (result.error.code === 'ENROLMENT_NOT_FOUND') onChanged();
      }
    },
    1000,
    showCodes,
  );

  const confirm = async () => {
    if (!(await request.run(() => api().confirmEnrolment({ enrolmentId: id })))) return;
    setCodes(null);
    setFocus('panel');
    onChanged();
  };

  const cancel = () => request.run(() => api().cancelEnrolment({ enrolmentId: id }), onChanged);

  const titleId = `enrolment-${id}`;
  return (
    <article className={enrolment.awsAccepted ? 'card enrolment enrolment-ready' : 'card enrolment'} aria-labelledby={titleId} data-account={enrolment.accountId}>
      <header className="enrolment-header">
        <h3 id={titleId} ref={heading} tabIndex={-1}>
          Enrolling {enrolment.accountName} <span className="muted">({enrolment.accountId})</span>
        </h3>
        {enrolment.awsAccepted && !enrolment.pendingWrite ? <span className="badge badge-ok">Ready to write</span> : null}
        {enrolment.pendingWrite ? <span className="badge badge-warn">Written in part</span> : null}
      </header>
      {enrolment.pendingWrite ? (
        <Notice tone="warn" role="status">
          Written by {enrolment.pendingWrite}, which is not yet on a vault stick and a seed stick: retry that pending write (above) to finish
          this enrolment.
        </Notice>
      ) : null}
      {request.notice}

      <ol className="steps">
        <li className={enrolment.hasSeed || enrolment.awsAccepted ? 'step step-done' : 'step step-current'}>
          <h4>Set this password as the root password on AWS</h4>
          <p>
            In the AWS console, signed in as the root user{account ? <> <strong>{account.rootEmail}</strong></> : null}, open{' '}
            <em>Security credentials</em> and change the password to this one.
          </p>
          <SecretPassword reveal={() => api().revealEnrolmentPassword({ enrolmentId: id })} onError={fail} />
        </li>

{enrolment.mfa.kind === 'hardware' ? (
<>
        <li className={enrolment.awsAccepted ? 'step step-done' : 'step step-current'}>
          <h4>Confirm the password is set</h4>
          {enrolment.awsAccepted ? (
            <p className="step-result" role="status">
              Password set on AWS. This account is ready to be written to the vault sticks below.
            </p>
          ) : (
            <>
              <p>
                Root's MFA for this account is a hardware token kept in the safe
                {enrolment.mfa.kind === 'hardware' ? (
                  <>
                    {' '}
                    (<strong>{enrolment.mfa.tokenSerial}</strong>)
                  </>
                ) : null}
                , so there is no secret key to record: only the password goes into the vault.
              </p>
              <button type="button" onClick={() => void confirm()}>
                The password is set on AWS
              </button>
            </>
          )}
        </li>
</>
) : (
<>
        <li className={!needsSeed ? 'step step-done' : enrolment.hasSeed ? 'step step-current' : 'step'}>
          <h4>Give Strongroom the MFA secret key</h4>
          {needsSeed ? (
            <SeedForm
              enrolmentId={id}
              accountName={enrolment.accountName}
              onRecorded={(next) => {
                setCodes(next);
                setReplacingSeed(false);
                setFocus('codes');
                onChanged();
              }}
              request={request}
              onCancel={enrolment.hasSeed ? () => setReplacingSeed(false) : null}
            />
          ) : (
            <p className="step-result" role="status">
              Secret key recorded — {seedSourceWords(enrolment.seedSource)}.{' '}
              {!enrolment.awsAccepted ? (
                <button type="button" className="link" onClick={() => setReplacingSeed(true)}>
                  Paste a different secret key
                </button>
              ) : null}
            </p>
          )}
        </li>

        <li className={enrolment.awsAccepted ? 'step step-done' : showCodes ? 'step step-current' : 'step'}>
          <h4 ref={codesHeading} tabIndex={-1}>
            Type these two codes into AWS
          </h4>
          {enrolment.awsAccepted ? (
            <p className="step-result" role="status">
              AWS accepted the codes. This account is ready to be written to the sticks below.
            </p>
          ) : showCodes && codes ? (
            <EnrolmentCodes codes={codes} onConfirm={() => void confirm()} />
          ) : (
            <p className="muted">The codes appear here once the secret key is recorded.</p>
          )}
        </li>
</>
)}
      </ol>

      <div className="actions">
        {confirmingCancel ? (
          <div className="inline-form danger-zone" role="group" aria-label={`Cancel the enrolment of ${enrolment.accountName}`}>
            <p>
              Cancel the enrolment of {enrolment.accountName}? The generated password and secret key are forgotten. If you already
              set the password on AWS, you will have to reset it through the root email.
            </p>
            <div className="row">
              <button type="button" className="danger" onClick={() => void cancel()}>
                Yes, cancel this enrolment
              </button>
              <button type="button" className="secondary" ref={cancelFocus.safe} onClick={() => setConfirmingCancel(false)}>
                Keep it
              </button>
            </div>
          </div>
        ) : (
          <button type="button" className="secondary" ref={cancelFocus.ask} onClick={() => setConfirmingCancel(true)}>
            Cancel this enrolment…
          </button>
        )}
      </div>
    </article>
  );
}

function SeedForm({
  enrolmentId,
  accountName,
  onRecorded,
  request,
  onCancel,
}: {
  readonly enrolmentId: string;
  readonly accountName: string;
  readonly onRecorded: (codes: CodesView) => void;
  readonly request: RequestState;
  readonly onCancel: (() => void) | null;
}) {
  const [secret, setSecret] = useState('');
  const { busy } = request;
  const fieldId = `seed-${enrolmentId}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // The secret leaves the renderer's state before main is even asked: a wrong paste is pasted again from AWS.
    const pasted = secret;
    setSecret('');
    await request.run(() => api().setEnrolmentSeed({ enrolmentId, secret: pasted }), (recorded) => onRecorded(recorded.codes));
  };

  return (
    <form className="seed-form" onSubmit={(event) => void submit(event)} aria-label={`MFA secret key for ${accountName}`}>
      <p>
        On the same AWS page, assign an MFA device, choose <em>Authenticator app</em>, then <em>Show secret key</em>. Copy
        the key and paste it here. An otpauth:// link or the Base32StringSeed from the AWS command line work too.
      </p>
      <label htmlFor={fieldId}>MFA secret key from AWS</label>
      <div className="row">
        <SecretInput
          id={fieldId}
          className="wide"
          value={secret}
          onChange={(event) => setSecret(event.target.value)}
        />
        <button type="submit" disabled={busy || secret.trim() === ''}>
          Use this secret key
        </button>
        {onCancel ? (
          <button type="button" className="secondary" onClick={onCancel}>
            Keep the recorded key
          </button>
        ) : null}
      </div>
    </form>
  );
}

function EnrolmentCodes({ codes, onConfirm }: { readonly codes: CodesView; readonly onConfirm: () => void }) {
  return (
    <div className="enrolment-codes">
      <p>
        AWS asks for two codes in a row. Type the first into <em>MFA code 1</em> and the second into <em>MFA code 2</em>, then
        add the MFA device on AWS.
      </p>
      <div className="code-pair" role="group" aria-label="The two codes for AWS">
        <OtpCode label="MFA code 1" code={codes.current} />
        <OtpCode label="MFA code 2" code={codes.next} />
      </div>
      <Countdown secondsLeft={codes.secondsLeft} />
      {codes.secondsLeft <= 5 ? (
        <p className="warn">These codes change in a moment. If AWS refuses them, type the new pair shown here.</p>
      ) : (
        <p className="muted">When the time runs out, both codes move on by one; the new pair works just as well.</p>
      )}
      <div className="row">
        <button type="button" onClick={onConfirm}>
          AWS accepted the codes
        </button>
      </div>
    </div>
  );
}
