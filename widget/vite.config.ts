// Builds the embeddable widget into one file, dist/public/widget.js (an IIFE: no module loader needed on the host page).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  plugins: [preact()],
  publicDir: here('./public'),
  build: {
    outDir: here('../dist/public'),
    emptyOutDir: false,
    copyPublicDir: true,
    target: 'es2019',
    lib: {
      entry: here('./src/main.ts'),
      formats: ['iife'],
      name: 'edgerefWidget',
      fileName: () => 'widget.js',
    },
  },
});
