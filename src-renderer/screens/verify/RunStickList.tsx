import { useState } from 'react';
import { api } from '../../api';
import { usePoll } from '../../components/use-poll';
import { doneCount, type StickRunState } from './run-progress';

const POLL_MS = 300;

const STATE_WORDS: Readonly<Record<StickRunState['state'], string>> = {
  waiting: 'Waiting',
  'not-verified': 'Not verified in this run',
  checking: 'Checking',
  passed: 'Passed',
  failed: 'Failed',
  incomplete: 'Incomplete',
};
const STATE_TONE: Readonly<Record<StickRunState['state'], string>> = { waiting: 'idle', 'not-verified': 'bad', checking: 'busy', passed: 'ok', failed: 'bad', incomplete: 'bad' };

/** The step main reports for the stick being checked now ("Reading every byte of vault.kdbx…"), while `active`. */
export function useCurrentStep(active: boolean): string | null {
  const [step, setStep] = useState<string | null>(null);
  usePoll(
    async () => {
      const result = await api().currentProgress({});
      setStep(result.ok && result.value ? result.value.step : null);
    },
    POLL_MS,
    active,
  );
  return active ? step : null;
}

/** Every stick of the run with where it stands, and how many are done: the verifier sees what is left. */
export function RunStickList({ states }: { readonly states: readonly StickRunState[] }) {
  if (states.length === 0) return null;
  return (
    <section aria-labelledby="run-sticks-title" className="run-sticks">
      <h3 id="run-sticks-title" data-run-count>
        {doneCount(states)}
      </h3>
      <ul className="progress-sticks" aria-label="Each stick of the run">
        {states.map((s) => (
          <li key={s.mediumId} className={`progress-stick stick-${STATE_TONE[s.state]}`} data-medium={s.mediumId} data-state={s.state}>
            <strong>{s.mediumId}</strong> {STATE_WORDS[s.state]}
            {s.state === 'checking' && s.step ? <span className="muted"> — {s.step}</span> : null}
            {s.state === 'waiting' ? <span className="muted"> — insert it and verify it</span> : null}
            {(s.state === 'failed' || s.state === 'incomplete') && s.reason ? <span> — {s.reason}</span> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
