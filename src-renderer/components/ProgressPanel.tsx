import { useEffect, useState } from 'react';
import type { ProgressStickPhase, ProgressView } from '../../src-main/contract/custody-views';
import { api } from '../api';
import { usePoll } from './use-poll';

const POLL_MS = 300;

const PHASE_WORDS: Readonly<Record<ProgressStickPhase, string>> = {
  waiting: 'Waiting',
  checking: 'Checking',
  checked: 'Checked',
  staging: 'Staging and reading back',
  staged: 'Staged, read back',
  committing: 'Committing',
  committed: 'Done',
  refused: 'Refused',
  failed: 'Failed',
  'not-written': 'Not written',
};
const PHASE_TONE: Readonly<Record<ProgressStickPhase, string>> = {
  waiting: 'idle',
  checking: 'busy',
  checked: 'idle',
  staging: 'busy',
  staged: 'idle',
  committing: 'busy',
  committed: 'ok',
  refused: 'bad',
  failed: 'bad',
  'not-written': 'bad',
};

/**
 * What a slow job is doing while the custodian waits: Argon2 and writing several sticks take seconds, and a
 * window that shows nothing for that long looks frozen to someone under stress. Main reports the job's steps;
 * jobs that report none (opening the vault) show `job` and `hint` with a moving bar.
 */
export function ProgressPanel({ active, job, hint }: { readonly active: boolean; readonly job: string; readonly hint?: string }) {
  const [view, setView] = useState<ProgressView | null>(null);
  const [seconds, setSeconds] = useState(0);

  usePoll(
    async () => {
      const result = await api().currentProgress({});
      if (result.ok) setView(result.value);
    },
    POLL_MS,
    active,
  );

  useEffect(() => {
    if (!active) {
      setView(null);
      return;
    }
    const started = Date.now();
    setSeconds(0);
    const timer = window.setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => window.clearInterval(timer);
  }, [active]);

  if (!active) return null;
  const step = view?.step ?? hint ?? 'Working';
  return (
    <div className="progress-panel">
      <div role="status" aria-live="polite">
        <strong className="progress-job">{view?.job ?? job}</strong>
        <div className="progress-step">{step}…</div>
      </div>
      {view ? (
        <progress className="progress-bar" max={view.total} value={view.done} aria-label={`${view.done} of ${view.total} steps done`} />
      ) : (
        <progress className="progress-bar" aria-label="Working" />
      )}
      {view && view.sticks.length > 0 ? (
        <ul className="progress-sticks" aria-label="Each stick">
          {view.sticks.map((s) => (
            <li key={`${s.role}:${s.mediumId}`} className={`progress-stick stick-${PHASE_TONE[s.phase]}`} data-medium={s.mediumId} data-phase={s.phase}>
              <strong>{s.mediumId}</strong> {PHASE_WORDS[s.phase]}
              {s.sentence ? <span className="muted"> — {s.sentence}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <div className="muted" aria-hidden="true">
        {seconds} s so far. Keep the sticks inserted and wait.
      </div>
    </div>
  );
}
