// Bundles the Electron main process and the preload into build/electron/ (package.json "main" points there).
// The renderer is built separately by Vite into build/renderer.
import { build } from 'esbuild';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node22', // the Node inside Electron 45
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'info',
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['main/electron/main.ts'],
    outfile: 'build/electron/main.cjs',
    // electron is provided by the runtime; the keyring binding is a native module loaded from node_modules (unpacked from asar).
    // x11: an optional module @particle/dbus-next requires (in a try) only for X11 bus autolaunch, which the app never uses.
    external: ['electron', '@napi-rs/keyring', 'x11'],
  }),
  build({
    ...common,
    // Import files' key derivation runs in this worker thread, off the main process's event loop.
    entryPoints: ['main/core/import/decrypt-worker.ts'],
    outfile: 'build/electron/decrypt-worker.cjs',
  }),
  build({
    ...common,
    entryPoints: ['preload/preload.ts'],
    outfile: 'build/electron/preload.cjs',
    // A sandboxed preload can require only 'electron' and a few Node built-ins, so everything else is inlined into one file.
    external: ['electron'],
  }),
]);
