import { useEffect, useRef } from 'react';

/**
 * Runs `task` now and then every `intervalMs` while `active`. A run is skipped while the previous one is still
 * waiting for main (a slow answer must not pile up requests) and while the window is hidden, so nothing is asked
 * of main that nobody can see.
 */
export function usePoll(task: () => Promise<void>, intervalMs: number, active: boolean): void {
  const latest = useRef(task);
  useEffect(() => {
    latest.current = task;
  });

  useEffect(() => {
    if (!active) return;
    let busy = false;
    let stopped = false;
    const tick = () => {
      if (busy || stopped || document.hidden) return;
      busy = true;
      void latest.current().finally(() => {
        busy = false;
      });
    };
    tick();
    const timer = window.setInterval(tick, intervalMs);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [intervalMs, active]);
}
