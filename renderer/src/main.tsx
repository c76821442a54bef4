import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LockGate } from './lock/LockGate.js';
import './app-shell/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LockGate />
  </StrictMode>,
);
