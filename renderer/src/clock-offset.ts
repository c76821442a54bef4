import { createContext } from 'react';

/** main's clock minus this page's clock: countdowns follow main's time even when tests or drift correction move it. */
export const ClockOffset = createContext(0);
