import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a static bundle: served from app:// by the Electron app and over loopback by the harness.
// Both send the same security headers, CSP included (main/core/security-headers.ts; the harness adds connect-src for its socket).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../build/renderer',
    emptyOutDir: true,
    sourcemap: false,
  },
});
