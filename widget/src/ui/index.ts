// edgeref's UI chunk (widget-ui.js): Preact views the capture core loads from our origin only when it shows one.
import type { Ui } from '../contract';
import { greet } from './banner';
import { panel } from './panel';

window.edgerefUI = { greet, panel } satisfies Ui;
