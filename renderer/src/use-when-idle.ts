import { startTransition, useEffect, useState } from 'react';

/**
 * True once `wanted` has held until the page was next idle; false again as soon as it stops holding. For work that
 * can wait a moment, such as attaching drag and drop to freshly shown tiles: the tiles appear within a frame, and the
 * rest follows in idle time, in a transition React may split across frames.
 */
export function useWhenIdle(wanted: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!wanted) {
      setReady(false);
      return;
    }
    const handle = requestIdleCallback(() => startTransition(() => setReady(true)), { timeout: 500 });
    return () => cancelIdleCallback(handle);
  }, [wanted]);
  return wanted && ready;
}
