// Builds the capture core, dist/public/widget.js: one IIFE, no Preact (widget/vite.ui.config.ts builds the UI chunk).
import { fileURLToPath } from 'node:url';
import { defineConfig, type PluginOption } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Both widget files are IIFEs in dist/public: no module loader needed on the host page. */
export function widgetBuild(entry: string, fileName: string, plugins: PluginOption[] = []) {
  return defineConfig({
    plugins,
    // Production JSX even when NODE_ENV says otherwise (vitest sets it to test when the e2e tests build the site).
    oxc: { jsx: { development: false } },
    publicDir: here('./public'),
    build: {
      outDir: here('../dist/public'),
      emptyOutDir: false,
      copyPublicDir: fileName == 'widget.js',
      target: 'es2020',
      lib: { entry: here(entry), formats: ['iife'], name: 'edgeref', fileName: () => fileName },
    },
  });
}

export default widgetBuild('./src/main.ts', 'widget.js');
