import { startTransition, useEffect, useState } from 'react';

/**
 * True once `wanted` has held until the page was next idle after a paint; false again as soon as it stops holding.
 * For work that can wait a moment, such as attaching drag and drop to freshly shown tiles: the tiles appear within a
 * frame, and the rest follows in idle time, in a transition React may split across frames. The idle callback is asked
 * for from the next animation frame: asked for at once, it can run in a gap before that frame and add its work to it.
 * (A hidden window runs no frames, so there it waits until the window shows, which is when it is wanted.)
 */
export function useWhenIdle(wanted: boolean): boolean {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    if (!wanted) {
      setReady(false);
      return;
    }
    let idle: number | undefined;
    const frame = requestAnimationFrame(() => {
      idle = requestIdleCallback(() => startTransition(() => setReady(true)), { timeout: 500 });
    });
    return () => {
      cancelAnimationFrame(frame);
      if (idle !== undefined) cancelIdleCallback(idle);
    };
  }, [wanted]);
  return wanted && ready;
}
