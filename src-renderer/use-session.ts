import { useCallback, useEffect, useRef, useState } from 'react';
import type { SessionStatus } from '../src-main/contract/views';
import { api } from './api';

const STATUS_POLL_MS = 5_000;
const TOUCH_THROTTLE_MS = 15_000;

/**
 * Keeps the renderer's idea of who is signed in in step with main. Input in the window is reported (at most
 * every 15 s) so the idle lock measures real absence; a poll notices when main has locked the kiosk.
 */
export function useSession() {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const lastTouch = useRef(0);

  const refresh = useCallback(async () => {
    const result = await api().sessionStatus({});
    if (result.ok) setStatus(result.value);
  }, []);

  useEffect(() => {
    void refresh();
    const timer = window.setInterval(() => void refresh(), STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refresh]);

  useEffect(() => {
    const onInput = () => {
      const now = Date.now();
      if (now - lastTouch.current < TOUCH_THROTTLE_MS) return;
      lastTouch.current = now;
      void api()
        .touchSession({})
        .then((result) => result.ok && setStatus(result.value));
    };
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel'] as const;
    events.forEach((name) => window.addEventListener(name, onInput, { passive: true }));
    return () => events.forEach((name) => window.removeEventListener(name, onInput));
  }, []);

  return { status, setStatus, refresh };
}
