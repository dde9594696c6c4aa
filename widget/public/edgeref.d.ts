// Types for edgeref's widget API, for site owners. Add this file to your project (or reference it with
// /// <reference path="edgeref.d.ts" />): window.edgeref and the edgeref:signup event are then typed.
// Served at https://YOUR-EDGEREF-HOST/edgeref.d.ts next to widget.js.

export {};

declare global {
  /** What edgeref('signup', …) reports: your own customer id, their email, and a promo code if they typed one. */
  interface EdgerefSignup {
    customerId: string;
    email: string;
    promoCode?: string;
  }

  /** The signed-in customer, and the customer token your server signed for them (see the README). */
  interface EdgerefIdentity {
    customerId: string;
    token: string;
  }

  /**
   * The outcome of a signup report: edgeref's answer, or why nothing got through ({ ok: false, error }). A network
   * error, 5xx or 429 is retried first; a report still undelivered is kept and sent from a later page (see the README).
   */
  interface EdgerefSignupResult {
    ok: boolean;
    status?: number;
    body?: {
      customerId: string;
      created: boolean;
      attribution: { invitationCode: string; method: 'click' | 'promo_code'; partnerName: string | null };
      credit: { amount: number; currency: string };
    } | { error: { code: string; message: string; details?: unknown } } | null;
    error?: unknown;
  }

  interface Edgeref {
    /** Reports a signup with the stored referral (or the typed promo code); the outcome, after any retries, is also dispatched as edgeref:signup. */
    (command: 'signup', signup: EdgerefSignup): Promise<EdgerefSignupResult> | void;
    /** Names the signed-in customer, for the referral panel. */
    (command: 'identify', identity: EdgerefIdentity): void;
    /** With data-consent="required": true stores the referral held in memory and starts greeting; false forgets it, and any undelivered signup report. */
    (command: 'consent', given: boolean): void;
    /** Opens the identified customer's referral panel. */
    (command: 'open'): void;
    /**
     * Runs the callback once the widget has loaded (at once if it has), with the click id the visitor came through
     * (undefined if none): the value for Stripe's client_reference_id or Paddle.js's customData.edgeref at checkout.
     */
    (command: 'ready', callback: (clickId?: string) => void): void;
    /** The queue the stub line fills before widget.js has loaded. */
    q?: ArrayLike<unknown>[];
  }

  interface Window {
    edgeref: Edgeref;
  }

  interface WindowEventMap {
    'edgeref:signup': CustomEvent<EdgerefSignupResult>;
  }
}
