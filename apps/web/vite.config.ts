import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { shellServiceWorker } from './sw/shell-service-worker-plugin.ts';

/**
 * exifr's top level only fills its own parser tables, but it does not say so, so every bundle
 * that imports @casebook/importers (for sniffing) would carry it. Declared here, exifr is kept
 * only where it is called: the metadata worker, never the vault worker (worker-bundles.test.ts).
 */
const treeshake = {
  moduleSideEffects: [{ test: /[\\/]node_modules[\\/]exifr[\\/]/, sideEffects: false }],
};

export default defineConfig({
  plugins: [react(), shellServiceWorker()],
  worker: { format: 'es', rolldownOptions: { treeshake } },
  build: {
    rolldownOptions: { treeshake },
    target: 'es2022',
    // The polyfill would be an inline script, which the CSP forbids (and it is not needed).
    modulePreload: { polyfill: false },
    // Source maps would put our source (never user data) on disk; keep dist small.
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
});
