import { useCallback, useEffect, useRef, useState, type ReactElement } from 'react';
import type { ChannelError, Result } from '../api';
import { ErrorNotice } from './ErrorNotice';

export interface RequestState {
  /** True while a request started by `run` waits for main. */
  readonly busy: boolean;
  readonly error: ChannelError | null;
  /**
   * Sends one request: busy while it waits, the previous error cleared first. On success `onOk` gets the value;
   * on failure the error is shown in `notice` and the keyboard focus moves there. Resolves to the value, or null.
   */
  readonly run: <T>(request: () => Promise<Result<T>>, onOk?: (value: T) => void) => Promise<T | null>;
  /**
   * Shows an error that did not come from `run` (a check made in the window), focused like any other. A poll's
   * error passes `{ focus: false }`: it repeats every second and must not pull the keyboard away each time.
   */
  readonly fail: (error: ChannelError, options?: { readonly focus?: boolean }) => void;
  readonly clear: () => void;
  /** Where the error is shown; place it next to what failed. */
  readonly notice: ReactElement;
}

/**
 * One request to main as every form makes it. The error goes through the human-error table (ErrorNotice) and
 * takes the focus, so a custodian using the keyboard hears and sees what went wrong and what to do next.
 */
export function useRequest(): RequestState {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ChannelError | null>(null);
  const [focusWanted, setFocusWanted] = useState(0);
  const noticeRef = useRef<HTMLDivElement>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  useEffect(() => {
    if (focusWanted > 0) noticeRef.current?.focus();
  }, [focusWanted]);

  const fail = useCallback((next: ChannelError, options: { readonly focus?: boolean } = {}) => {
    setError(next);
    if (options.focus !== false) setFocusWanted((n) => n + 1);
  }, []);

  const clear = useCallback(() => setError(null), []);

  const run = useCallback(
    async <T,>(request: () => Promise<Result<T>>, onOk?: (value: T) => void): Promise<T | null> => {
      setBusy(true);
      setError(null);
      const result = await request();
      if (!alive.current) return result.ok ? result.value : null;
      setBusy(false);
      if (!result.ok) {
        fail(result.error);
        return null;
      }
      onOk?.(result.value);
      return result.value;
    },
    [fail],
  );

  return { busy, error, run, fail, clear, notice: <ErrorNotice error={error} ref={noticeRef} /> };
}
