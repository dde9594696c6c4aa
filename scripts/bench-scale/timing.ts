// Times the APIs against a running wrangler dev: signs each caller in, warms each API with untimed calls, then times sequential calls (to the first byte of the body for exports).
import type { Api, Caller } from './apis';

export interface Timing {
  name: string;
  status: number;
  p50: number;
  p95: number;
  ms: number[];
}

export async function signIn(origin: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${origin}/api/v1/session`, { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify({ email, password }) });
  if (res.status !== 200) throw new Error(`sign-in of ${email}: ${res.status} ${await res.text()}`);
  return res.headers.get('Set-Cookie')!.split(';')[0];
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
};

async function once(origin: string, api: Api, cookie: string): Promise<{ ms: number; status: number }> {
  const t = performance.now();
  const res = await fetch(`${origin}${api.path}`, { headers: { Cookie: cookie } });
  const reader = res.body!.getReader();
  await reader.read();
  const ms = performance.now() - t;
  // An export is timed to its first chunk; the rest is cancelled, not downloaded.
  if (api.firstByte) await reader.cancel();
  else while (!(await reader.read()).done);
  return { ms, status: res.status };
}

export async function timeApis(origin: string, list: Api[], cookies: Record<Exclude<Caller, 'none'>, string>, calls: number, warm = 3): Promise<Timing[]> {
  const out: Timing[] = [];
  for (const api of list) {
    const cookie = api.caller === 'none' ? '' : cookies[api.caller];
    let slowest = 0;
    for (let i = 0; i < warm; i++) slowest = Math.max(slowest, (await once(origin, api, cookie)).ms);
    // An API that takes seconds is timed 5 times, not 20: its figure is far from the target either way, and the machine is shared.
    const n = slowest > 1000 ? Math.min(5, calls) : calls;
    const ms: number[] = [];
    let status = 0;
    for (let i = 0; i < n; i++) {
      const r = await once(origin, api, cookie);
      ms.push(r.ms);
      status = r.status;
    }
    out.push({ name: api.name, status, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), ms });
    console.log(`  ${api.name}: ${status} p50 ${quantile(ms, 0.5).toFixed(1)} ms, p95 ${quantile(ms, 0.95).toFixed(1)} ms`);
  }
  return out;
}
