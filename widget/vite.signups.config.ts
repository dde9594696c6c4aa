// Builds the signups chunk, dist/public/widget-signups.js: the ES module the capture core imports to see signup
// reports through to edgeref's answer.
import { widgetBuild } from './vite.config';

export default widgetBuild('./src/signups.ts', 'widget-signups.js', 'es');
