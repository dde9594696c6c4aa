// Builds the UI chunk, dist/public/widget-ui.js: the views the capture core loads only when it shows one.
// Its .tsx files turn JSX straight into DOM nodes (src/ui/dom.ts) through their @jsx pragmas.
import { widgetBuild } from './vite.config';

export default widgetBuild('./src/ui/index.ts', 'widget-ui.js');
