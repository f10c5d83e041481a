import { useEffect, useRef } from 'react';

/**
 * The keyboard focus around a confirmation shown in place of the button that asked for it: on the safe answer
 * when it opens (Enter then does no harm), and back on the asking button when it closes without acting, so a
 * keyboard user is never dropped at the top of the page.
 */
export function useConfirmFocus(open: boolean) {
  const ask = useRef<HTMLButtonElement>(null);
  const safe = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) safe.current?.focus();
    else if (wasOpen.current) ask.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return { ask, safe };
}
