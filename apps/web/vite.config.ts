import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { shellServiceWorker } from './sw/shell-service-worker-plugin.ts';

export default defineConfig({
  plugins: [react(), shellServiceWorker()],
  worker: { format: 'es' },
  build: {
    target: 'es2022',
    // The polyfill would be an inline script, which the CSP forbids (and it is not needed).
    modulePreload: { polyfill: false },
    // Source maps would put our source (never user data) on disk; keep dist small.
    sourcemap: false,
    chunkSizeWarningLimit: 4096,
  },
});
