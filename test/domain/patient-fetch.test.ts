// The dashboard's reads that hang (dashboard/src/patient-fetch.ts): asked once more, then failed; other calls never
// repeated. The "server" here is a function the test controls: a hanging answer ends only when its request's signal aborts.
import { describe, expect, it } from 'vitest';
import { NoAnswer, patientFetch } from '../../dashboard/src/patient-fetch';

/** A server that answers the listed calls (by their number) and leaves the others hanging. */
function server(answers: number[]) {
  const seen: { method: string; url: string }[] = [];
  const send = (request: Request) => {
    seen.push({ method: request.method, url: request.url });
    if (answers.includes(seen.length)) return Promise.resolve(new Response('{"ok":true}', { status: 200 }));
    return new Promise<Response>((_, reject) => request.signal.addEventListener('abort', () => reject(request.signal.reason)));
  };
  return { send, seen };
}

describe('a read the server does not answer', () => {
  it('is asked once more, and the second answer is the answer', async () => {
    const s = server([2]);
    const res = await patientFetch(10, s.send)(new Request('https://dash.test/api/v1/partners/p/members'));
    expect(await res.json()).toEqual({ ok: true });
    expect(s.seen).toEqual([{ method: 'GET', url: 'https://dash.test/api/v1/partners/p/members' }, { method: 'GET', url: 'https://dash.test/api/v1/partners/p/members' }]);
  });

  it('fails with NoAnswer after the repeat goes unanswered too', async () => {
    const s = server([]);
    await expect(patientFetch(10, s.send)(new Request('https://dash.test/api/v1/session'))).rejects.toBeInstanceOf(NoAnswer);
    expect(s.seen).toHaveLength(2);
  });

  it('answered at once, it is asked once', async () => {
    const s = server([1]);
    expect((await patientFetch(10, s.send)(new Request('https://dash.test/api/v1/session'))).status).toBe(200);
    expect(s.seen).toHaveLength(1);
  });
});

describe('a call that changes something', () => {
  it('is neither cut short nor repeated', async () => {
    let settle: (r: Response) => void = () => undefined;
    const seen: Request[] = [];
    const send = (request: Request) => {
      seen.push(request);
      return new Promise<Response>((resolve) => (settle = resolve));
    };
    const answer = patientFetch(10, send)(new Request('https://dash.test/api/v1/session', { method: 'POST', body: '{}' }));
    await new Promise((wait) => setTimeout(wait, 50)); // well past the patience
    settle(new Response(null, { status: 204 }));
    expect((await answer).status).toBe(204);
    expect(seen).toHaveLength(1);
    expect(seen[0].signal.aborted).toBe(false);
  });
});
