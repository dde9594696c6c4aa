// Builds the UI chunk, dist/public/widget-ui.js: the Preact views the capture core loads only when it shows one.
// The .tsx files' pragmas ask for Preact's h and Fragment (the classic runtime): 200 bytes gzip under preact/jsx-runtime,
// whose jsx() also carries the __source and __self of development builds.
import { widgetBuild } from './vite.config';

export default widgetBuild('./src/ui/index.ts', 'widget-ui.js');
