import { describe, expect, it } from 'vitest';
import { HttpTransport, buildUrl, joinUrl } from '../../main/core/api/http-transport';
import type { FetchLike, TokenProvider } from '../../main/core/ports';
import { ManualClock } from '../helpers/manual-clock';
import { InstantClock } from './helpers/instant-clock';

/** Hands out numbered tokens and remembers which ones were invalidated. */
function tokens(): TokenProvider & { invalidated: string[] } {
  let next = 1;
  let current: string | undefined;
  const invalidated: string[] = [];
  return {
    invalidated,
    async getAccessToken() {
      current ??= `t${next++}`;
      return current;
    },
    invalidate(token) {
      invalidated.push(token);
      if (token === current) current = undefined;
    },
  };
}

/** A scripted server: each call gets the next answer and the Authorization header is recorded. */
function scripted(answers: (() => Response | Promise<Response>)[]) {
  const seen: string[] = [];
  const fetch: FetchLike = async (_input, init) => {
    seen.push(new Headers(init?.headers).get('authorization') ?? '');
    const answer = answers.shift();
    if (!answer) throw new Error('no more answers');
    return answer();
  };
  return { fetch, seen };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}) =>
  () =>
    new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('HttpTransport', () => {
  it('on 401 invalidates the token and tries once more with a fresh one', async () => {
    const provider = tokens();
    const server = scripted([json(401, { error: { code: 401, status: 'UNAUTHENTICATED' } }), json(200, { ok: true })]);
    const transport = new HttpTransport({ fetch: server.fetch, tokenProvider: provider, clock: new InstantClock() });
    expect(await transport.json({ method: 'POST', url: 'http://x/v2/a', json: {}, kind: 'write' })).toEqual({
      ok: true,
    });
    expect(server.seen).toEqual(['Bearer t1', 'Bearer t2']);
    expect(provider.invalidated).toEqual(['t1']);
  });

  it('gives session_expired when the fresh token is refused too', async () => {
    const unauthorized = json(401, { error: { code: 401, status: 'UNAUTHENTICATED' } });
    const server = scripted([unauthorized, unauthorized]);
    const transport = new HttpTransport({ fetch: server.fetch, tokenProvider: tokens(), clock: new InstantClock() });
    await expect(transport.json({ method: 'GET', url: 'http://x/v2/a', kind: 'read' })).rejects.toMatchObject({
      code: 'session_expired',
    });
    expect(server.seen).toHaveLength(2);
  });

  it('retries a read on 503 and then succeeds', async () => {
    const server = scripted([
      json(503, { error: { code: 503, status: 'UNAVAILABLE', message: 'busy' } }),
      json(200, { n: 1 }),
    ]);
    const clock = new InstantClock();
    const transport = new HttpTransport({ fetch: server.fetch, tokenProvider: tokens(), clock });
    expect(await transport.json({ method: 'GET', url: 'http://x', kind: 'read' })).toEqual({ n: 1 });
    expect(clock.delays.filter((ms) => ms !== 30_000)).toEqual([1000]);
  });

  it('times out an attempt that gets no answer', async () => {
    const clock = new ManualClock();
    const fetch: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const transport = new HttpTransport({ fetch, tokenProvider: tokens(), clock, timeoutMs: 5000 });
    const call = transport.json({ method: 'POST', url: 'http://x', json: {}, kind: 'write' });
    await new Promise((resolve) => setImmediate(resolve));
    clock.advance(5000);
    await expect(call).rejects.toMatchObject({ code: 'timeout', detail: { maybeCommitted: 'true' } });
  });

  it('cancels when the caller aborts', async () => {
    const controller = new AbortController();
    const fetch: FetchLike = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const transport = new HttpTransport({ fetch, tokenProvider: tokens(), clock: new ManualClock() });
    const call = transport.json({ method: 'GET', url: 'http://x', kind: 'read', signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await expect(call).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses an answer that is not JSON', async () => {
    const server = scripted([() => new Response('<html>', { status: 200 })]);
    const transport = new HttpTransport({ fetch: server.fetch, tokenProvider: tokens(), clock: new InstantClock() });
    await expect(transport.json({ method: 'GET', url: 'http://x', kind: 'read' })).rejects.toMatchObject({
      code: 'internal',
    });
  });
});

describe('URLs', () => {
  it('skips empty query values and joins paths without double slashes', () => {
    expect(buildUrl('http://x/v2/a', { filter: '', pageSize: 10, pageToken: undefined, q: 'a b' })).toBe(
      'http://x/v2/a?pageSize=10&q=a+b',
    );
    expect(joinUrl('http://x/', '/v2/a')).toBe('http://x/v2/a');
  });
});
