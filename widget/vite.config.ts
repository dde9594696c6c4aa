// Builds the capture core, dist/public/widget.js: one IIFE, no UI (widget/vite.ui.config.ts and
// widget/vite.signups.config.ts build the chunks it imports).
import { fileURLToPath } from 'node:url';
import { defineConfig, type PluginOption } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * The widget's files in dist/public. The core and the UI chunk are IIFEs: the site loads the core with a classic
 * <script>, and cores from before import() load the UI chunk that way too. The signups chunk, new with import(), is an
 * ES module. No module loader is needed on the host page.
 */
export function widgetBuild(entry: string, fileName: string, format: 'iife' | 'es' = 'iife', plugins: PluginOption[] = []) {
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
      // terser: on the core, which has a budget to keep, about 20 bytes gzip under Vite's own minifier. Its
      // unsafe_arrows is safe here: no function of the widget is called with new or needs a prototype.
      minify: 'terser',
      terserOptions: { ecma: 2020, compress: { passes: 2, unsafe_arrows: true } },
      lib: { entry: here(entry), formats: [format], name: 'edgeref', fileName: () => fileName },
    },
  });
}

export default widgetBuild('./src/main.ts', 'widget.js');
