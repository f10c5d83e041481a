import { useState, type FormEvent, type ReactNode } from 'react';
import type { MediumVerificationView, RunView } from '../../../src-main/contract/verification-views';
import { api } from '../../api';
import { ProgressPanel } from '../../components/ProgressPanel';
import { SecretInput } from '../../components/SecretInput';
import { StickPicker, useStickChoice } from '../../components/StickPicker';
import { useInsertedMedia } from '../../components/use-inserted-media';
import { useRequest } from '../../components/use-request';
import { formatTime } from '../../format';
import { RunStickList, useCurrentStep } from './RunStickList';
import { stickStates } from './run-progress';
import { MediumResult } from './VerificationResults';
import type { MediumRole } from '../../../src-main/contract/media-views';

type Answer = 'yes' | 'no' | 'not-checked';

const stickChoiceWords = (m: { label: { mediumId: string; role: MediumRole } | null }) => `${m.label!.mediumId} (${m.label!.role === 'vault' ? 'vault' : 'seeds'})`;

/**
 * A verification in progress: each stick in turn, with its passphrase and the physical checks. `expected` is every
 * stick in service, so the list says how many are done and which still wait; once a stick has its result the
 * picker moves on to an inserted stick not yet verified in the run.
 */
export function RunPanel({
  run,
  expected,
  onVerified,
  onFinish,
  finishing,
  children,
}: {
  run: RunView;
  expected: readonly string[];
  onVerified: (m: MediumVerificationView) => void;
  onFinish: () => void;
  finishing: boolean;
  /** The token step, shown after the sticks and before finishing. */
  children?: ReactNode;
}) {
  const { media } = useInsertedMedia();
  const labelled = media?.filter((m) => m.label) ?? [];
  const notYetVerified = (m: (typeof labelled)[number]) => !run.done.some((d) => d.mediumId === m.label!.mediumId);
  const stick = useStickChoice(labelled, notYetVerified);
  const [passphrase, setPassphrase] = useState('');
  const [seal, setSeal] = useState('');
  const [bagIntact, setBagIntact] = useState<Answer>('not-checked');
  const [locationConfirmed, setLocationConfirmed] = useState<Answer>('not-checked');
  const [newSeal, setNewSeal] = useState('');
  const request = useRequest();
  const chosen = stick.chosen;
  const [checking, setChecking] = useState<string | null>(null);
  const step = useCurrentStep(checking !== null);

  const verify = async (event: FormEvent) => {
    event.preventDefault();
    if (!chosen) return;
    const body = {
      runId: run.runId,
      devicePath: chosen.devicePath,
      passphrase,
      physical: { sealSerial: seal.trim() || null, bagIntact, locationConfirmed, newSealSerial: newSeal.trim() || null },
    };
    setPassphrase('');
    setChecking(chosen.label!.mediumId);
    const result = await request.run(() => api().verifyMedium(body));
    setChecking(null);
    if (!result) return;
    onVerified(result);
    const next = labelled.find((m) => m.devicePath !== chosen.devicePath && m.label!.mediumId !== result.mediumId && !run.done.some((d) => d.mediumId === m.label!.mediumId));
    if (next) stick.choose(next.devicePath);
    setSeal('');
    setBagIntact('not-checked');
    setLocationConfirmed('not-checked');
    setNewSeal('');
  };

  return (
    <section aria-labelledby="run-title" className="run">
      <h2 id="run-title">
        Verification {run.runId} — started {formatTime(run.startedAt)} by {run.startedBy}
      </h2>
      <p className="muted">Insert each stick in turn, in any order. A stick already checked in this run keeps its result; check it again to replace it.</p>
      <RunStickList states={stickStates(expected, run.done, checking ? { mediumId: checking, step } : null)} />
      {run.done.map((m) => (
        <MediumResult key={m.mediumId} result={m} />
      ))}
      {labelled.length === 0 ? <p className="empty">Insert a labelled stick to verify it.</p> : null}
      {chosen ? (
        <form className="inline-form" onSubmit={(e) => void verify(e)} aria-label="Verify a stick">
          <StickPicker id="verify-stick" label="Stick to verify" sticks={labelled} choice={stick} describe={stickChoiceWords} missing="Insert a labelled stick." />
          <label htmlFor="verify-passphrase">{chosen.label!.role === 'vault' ? 'Vault' : 'Seed'} master passphrase</label>
          <SecretInput id="verify-passphrase" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <fieldset>
            <legend>Physical checks</legend>
            <p className="hint">
              Strongroom compares the serial on the bag with the one logged when the stick was sealed; it does not show the logged one.
              A check left unanswered is recorded as not checked, and the stick's result stays incomplete.
            </p>
            <label htmlFor="verify-seal">Serial printed on the tamper-evident bag</label>
            <input id="verify-seal" value={seal} maxLength={100} autoComplete="off" onChange={(e) => setSeal(e.target.value)} />
            <AnswerChoice name="bag-intact" question="Is the bag intact (no cut, tear or lifted seal)?" value={bagIntact} onChange={setBagIntact} />
            <AnswerChoice name="location" question="Did it come from its recorded location?" value={locationConfirmed} onChange={setLocationConfirmed} />
            <label htmlFor="verify-new-seal">Serial of the new bag it goes into now (logged)</label>
            <input id="verify-new-seal" value={newSeal} maxLength={100} autoComplete="off" onChange={(e) => setNewSeal(e.target.value)} />
          </fieldset>
          <div className="row">
            <button type="submit" disabled={request.busy || passphrase === ''}>
              Verify {chosen.label!.mediumId}
            </button>
          </div>
        </form>
      ) : null}
      <ProgressPanel active={request.busy} job="Verifying the stick" hint="Reading every byte" />
      {request.notice}
      {children}
      <div className="actions">
        <button type="button" className="secondary" disabled={request.busy || finishing || (run.done.length === 0 && run.tokens.sightings.length === 0)} onClick={onFinish}>
          Finish and make the report
        </button>
      </div>
    </section>
  );
}

function AnswerChoice({ name, question, value, onChange }: { name: string; question: string; value: Answer; onChange: (answer: Answer) => void }) {
  return (
    <fieldset className="answer" role="radiogroup" aria-label={question}>
      <legend>{question}</legend>
      {(
        [
          ['yes', 'Yes'],
          ['no', 'No'],
          ['not-checked', 'Not checked'],
        ] as const
      ).map(([answer, words]) => (
        <label key={answer}>
          <input type="radio" name={name} checked={value === answer} onChange={() => onChange(answer)} /> {words}
        </label>
      ))}
    </fieldset>
  );
}
