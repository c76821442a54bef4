import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app-shell/App.js';
import { QuickPage } from './quick/QuickPage.js';
import '@fontsource-variable/inter/wght.css';
import './ui/tokens.css';
import './ui/severity.css';
import './app-shell/styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {/* The same bundle serves the quick picker: the harness's /quick page (and, later, the app's picker window). */}
    {location.pathname.endsWith('/quick') ? <QuickPage /> : <App />}
  </StrictMode>,
);
