import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LockGate } from './lock/LockGate.js';
import '@fontsource-variable/inter/wght.css';
import './ui/tokens.css';
import './ui/severity.css';
import './app-shell/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The same bundle serves the quick picker (the harness's /quick page); locked, either shows only the lock screen. */}
    <LockGate page={location.pathname.endsWith('/quick') ? 'quick' : 'app'} />
  </StrictMode>,
);
