// Builds the dashboard single-page app into the worker's static assets, served under /dashboard/.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// Absolute paths, so `vite build --config dashboard/vite.config.ts` works from the repo root.
const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/dashboard/',
  plugins: [preact()],
  build: {
    outDir: fileURLToPath(new URL('../dist/public/dashboard', import.meta.url)),
    emptyOutDir: true,
  },
});
