// What the capture core hands the UI chunk (widget-ui.js), which it loads only when something is shown. Types only.
import type { StoredReferral } from './storage';

export interface ApiResult {
  ok: boolean;
  status: number;
  body: any;
}

/** Calls edgeref's API from the site's page (see call() in main.ts); the path always has its '?'. */
export type Call = (path: `${string}?${string}`, body?: unknown) => Promise<ApiResult>;

export interface Identity {
  customerId: string;
  token: string;
}

export interface UiContext {
  call: Call;
  /** The data-* attributes of our script tag: data-lang (else the page's lang), data-banner="off". */
  d: DOMStringMap;
  /** The signed-in customer, once the page has called edgeref('identify'). One letter: the capture core's budget is bytes. */
  i?: Identity;
}

export interface Ui {
  /**
   * Fetches the greeting for the stored referral, applies the program's attribution window and touch model to it
   * (saving it through `save`), and shows the invited banner unless data-banner is off. Once per referral object; the banner hides itself after a successful signup.
   */
  greet(ctx: UiContext, ref: StoredReferral, save: () => void): Promise<void>;
  /** Opens the referral panel of the signed-in customer. */
  panel(ctx: UiContext, identity: Identity): void;
}

declare global {
  interface Window {
    edgerefUI?: Ui;
  }
}
