// A read the server has not answered in time (its JSON body included) is asked once more: a request lost on the way (a
// dropped connection, a server that restarted) would otherwise leave its page loading for good. A second silence fails with `NoAnswer`,
// which the page shows as an error it can reload. Calls that change something are never repeated, nor cut short:
// the server may be doing what they asked.

/** The server answered neither a read nor its one repeat in time. */
export class NoAnswer extends Error {}

const isTimeout = (e: unknown) => e instanceof DOMException && e.name === 'TimeoutError';

export function patientFetch(patienceMs: number, send: (request: Request) => Promise<Response> = (r) => fetch(r)): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET') return send(request);
    const once = () => send(new Request(request, { signal: AbortSignal.timeout(patienceMs) }));
    try {
      return await once();
    } catch (e) {
      if (!isTimeout(e)) throw e;
    }
    try {
      return await once();
    } catch (e) {
      throw isTimeout(e) ? new NoAnswer('no answer') : e;
    }
  };
}
