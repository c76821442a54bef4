import { useCallback, useEffect, useState } from 'react';

/** How long a tile (or the full-screen view's Copy button) says "Copied" after a copy. */
export const COPIED_MS = 1600;

/** Whether to say "Copied" now, and the call that says it for COPIED_MS (again from the start on another copy). */
export function useCopiedMark(): [boolean, () => void] {
  const [copiedAt, setCopiedAt] = useState(0);
  useEffect(() => {
    if (!copiedAt) return;
    const timer = window.setTimeout(() => setCopiedAt(0), COPIED_MS);
    return () => window.clearTimeout(timer);
  }, [copiedAt]);
  const mark = useCallback(() => setCopiedAt(Date.now()), []);
  return [copiedAt !== 0, mark];
}
