import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app-shell/App.js';
import '@fontsource-variable/inter/wght.css';
import './ui/tokens.css';
import './ui/severity.css';
import './app-shell/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
