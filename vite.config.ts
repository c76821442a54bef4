import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { about } from './scripts/vite/about.js';
import { brandIcons } from './scripts/vite/brand-icons.js';

// The renderer is a static bundle: served from app:// by the Electron app and over loopback by the harness.
// Both send the same security headers, CSP included (main/core/security-headers.ts; the harness adds connect-src for its socket).
// The typeface (@fontsource-variable/inter) is bundled as files of the app's own origin, which the CSP's font-src allows.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react(), brandIcons(), about(import.meta.dirname)],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    sourcemap: false,
  },
});
