// Calls to edgeref from the site's page: never with the site's cookies, and kept alive through a navigation.
import type { Greeting, Signup } from '../../shared/schemas';
import type { WidgetConfig } from './config';

export interface ApiResult<T> {
  ok: boolean;
  status: number;
  body: T | { error: { code: string; message: string } } | null;
}

async function call<T>(cfg: WidgetConfig, path: string, body?: unknown): Promise<ApiResult<T>> {
  const res = await fetch(`${cfg.apiOrigin}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    credentials: 'omit',
    keepalive: body !== undefined,
    headers: { Authorization: `Bearer ${cfg.publishableKey}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  let parsed: ApiResult<T>['body'] = null;
  try {
    parsed = await res.json();
  } catch {
    // an empty or non-JSON answer leaves body null
  }
  return { ok: res.ok, status: res.status, body: parsed };
}

export function fetchGreeting(cfg: WidgetConfig, ref: { code: string; clickId: string | null }) {
  const q = new URLSearchParams({ code: ref.code });
  if (ref.clickId) q.set('clickId', ref.clickId);
  return call<Greeting>(cfg, `/greeting?${q}`);
}

export interface SignupReport {
  customerId: string;
  email: string;
  clickId?: string;
  promoCode?: string;
}

export function reportSignup(cfg: WidgetConfig, report: SignupReport) {
  return call<Signup>(cfg, '/signups', report);
}
