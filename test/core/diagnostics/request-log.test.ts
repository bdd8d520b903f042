import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/app-error';
import { MAX_RECENT_API_ERRORS } from '../../../shared/model/diagnostics';
import { emulatorEndpoints, GOOGLE_ENDPOINTS } from '../../../main/google-wire/google-types';
import { googleMethodName } from '../../../main/core/diagnostics/google-method';
import { RequestLog, recordingFetch, REQUEST_BUCKET_MS } from '../../../main/core/diagnostics/request-log';
import type { FetchLike } from '../../../main/core/ports';
import { ManualClock } from '../../helpers/manual-clock';

const ORIGIN = 'http://127.0.0.1:4000';
const endpoints = emulatorEndpoints(ORIGIN);

describe('RequestLog', () => {
  it('counts the requests of the last hour in minute buckets, older ones fall out', () => {
    const clock = new ManualClock();
    const log = new RequestLog(clock);
    for (let i = 0; i < 5; i += 1) log.countRequest();
    clock.advance(30 * 60_000);
    for (let i = 0; i < 3; i += 1) log.countRequest();
    expect(log.requestsLastHour()).toBe(8);
    // An hour after the first five (their minute is 60 buckets back), only the later three remain.
    clock.advance(30 * 60_000);
    expect(log.requestsLastHour()).toBe(3);
    // A bucket reused for a new minute starts from zero, not from what it held an hour ago.
    log.countRequest();
    expect(log.requestsLastHour()).toBe(4);
    clock.advance(61 * REQUEST_BUCKET_MS);
    expect(log.requestsLastHour()).toBe(0);
  });

  it('keeps the last MAX_RECENT_API_ERRORS failures, newest first, with their time', () => {
    const clock = new ManualClock();
    const log = new RequestLog(clock);
    const total = MAX_RECENT_API_ERRORS + 7;
    for (let i = 0; i < total; i += 1) {
      clock.advance(1_000);
      log.recordError(`method.${i}`, 503, new AppError('server', `failure ${i}`));
    }
    const errors = log.recentErrors();
    expect(errors).toHaveLength(MAX_RECENT_API_ERRORS);
    expect(errors[0]).toEqual({
      at: new Date(clock.now()).toISOString(),
      method: `method.${total - 1}`,
      httpStatus: 503,
      code: 'server',
      message: `failure ${total - 1}`,
    });
    expect(errors.at(-1)?.method).toBe(`method.${total - MAX_RECENT_API_ERRORS}`);
  });
});

describe('recordingFetch', () => {
  const answer =
    (status: number, body: unknown): FetchLike =>
    async () =>
      new Response(body === undefined ? null : JSON.stringify(body), { status });

  it('counts every request, records Google errors and the OAuth ones, and leaves the body readable', async () => {
    const clock = new ManualClock();
    const log = new RequestLog(clock);
    const bodies = new Map<string, [number, unknown]>([
      [`${ORIGIN}/apps/reseller/v1/subscriptions?maxResults=1`, [200, { subscriptions: [] }]],
      [
        `${ORIGIN}/v2/organizations/1/cases:search?query=secret+words`,
        [
          403,
          {
            error: {
              code: 403,
              status: 'PERMISSION_DENIED',
              message: 'The caller lacks the reseller privilege "Support".',
            },
          },
        ],
      ],
      [`${ORIGIN}/token`, [400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }]],
    ]);
    const fetch = recordingFetch(
      async (input) => {
        const [status, body] = bodies.get(String(input)) ?? [404, undefined];
        return answer(status, body)(input);
      },
      log,
      endpoints,
    );
    expect(await (await fetch(`${ORIGIN}/apps/reseller/v1/subscriptions?maxResults=1`)).json()).toEqual({
      subscriptions: [],
    });
    const refused = await fetch(`${ORIGIN}/v2/organizations/1/cases:search?query=secret+words`, {
      headers: { authorization: 'Bearer ya29.secret-access-token' },
    });
    // The caller still reads the whole answer: the log read a clone.
    expect(((await refused.json()) as { error: { status: string } }).error.status).toBe('PERMISSION_DENIED');
    await fetch(`${ORIGIN}/token`, { method: 'POST', body: 'refresh_token=1//secret-refresh-token' });
    expect(log.requestsLastHour()).toBe(3);
    const errors = log.recentErrors();
    expect(errors.map(({ method, httpStatus, code }) => [method, httpStatus, code])).toEqual([
      ['oauth2.token', 400, 'session_expired'],
      ['cloudsupport.cases.search', 403, 'missing_privilege'],
    ]);
    expect(errors[1]?.message).toBe('The caller lacks the reseller privilege "Support".');
    const kept = JSON.stringify(errors);
    for (const secret of ['ya29', 'secret-refresh-token', 'secret words', 'secret+words', 'Bearer']) {
      expect(kept).not.toContain(secret);
    }
  });

  it('records a request without an answer (offline, the timeout), but not one its caller cancelled', async () => {
    const log = new RequestLog(new ManualClock());
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const fetch = recordingFetch(
      async (_input, init) => {
        const reason: unknown = init?.signal?.reason;
        throw init?.signal?.aborted ? reason : refused;
      },
      log,
      endpoints,
    );
    const url = `${ORIGIN}/v2/organizations/1/cases`;
    await expect(fetch(url)).rejects.toBe(refused);
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('The server took too long to answer.', 'TimeoutError'));
    await expect(fetch(url, { signal: timedOut.signal })).rejects.toThrow();
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(fetch(url, { signal: cancelled.signal })).rejects.toThrow();
    expect(log.requestsLastHour()).toBe(3);
    expect(log.recentErrors().map(({ method, httpStatus, code }) => [method, httpStatus, code])).toEqual([
      ['cloudsupport.cases.list', null, 'timeout'],
      ['cloudsupport.cases.list', null, 'offline'],
    ]);
  });
});

describe('googleMethodName', () => {
  it("names each call the app makes as Google does, on Google's hosts and on the emulator's one", () => {
    const calls: [string, string, string][] = [
      ['GET', '/apps/reseller/v1/subscriptions', 'reseller.subscriptions.list'],
      ['GET', '/apps/reseller/v1/customers/C01b7kq2x', 'reseller.customers.get'],
      ['GET', '/v3/organizations:search', 'cloudresourcemanager.organizations.search'],
      ['GET', '/v2/caseClassifications:search', 'cloudsupport.caseClassifications.search'],
      ['GET', '/v2/organizations/1/cases', 'cloudsupport.cases.list'],
      ['POST', '/v2/organizations/1/cases', 'cloudsupport.cases.create'],
      ['GET', '/v2/organizations/1/cases:search', 'cloudsupport.cases.search'],
      ['GET', '/v2/organizations/1/cases/2', 'cloudsupport.cases.get'],
      ['PATCH', '/v2/organizations/1/cases/2', 'cloudsupport.cases.patch'],
      ['POST', '/v2/organizations/1/cases/2:close', 'cloudsupport.cases.close'],
      ['POST', '/v2/organizations/1/cases/2:escalate', 'cloudsupport.cases.escalate'],
      ['GET', '/v2/organizations/1/cases/2/comments', 'cloudsupport.cases.comments.list'],
      ['POST', '/v2/organizations/1/cases/2/comments', 'cloudsupport.cases.comments.create'],
      ['GET', '/v2/organizations/1/cases/2/attachments', 'cloudsupport.cases.attachments.list'],
      ['POST', '/upload/v2/organizations/1/cases/2/attachments', 'cloudsupport.media.upload'],
      ['GET', '/v2/organizations/1/cases/2/attachments/3:download', 'cloudsupport.media.download'],
    ];
    for (const [http, path, name] of calls) {
      expect(googleMethodName(new URL(`${ORIGIN}${path}?pageSize=1`), http, endpoints)).toBe(name);
    }
    expect(googleMethodName(new URL(GOOGLE_ENDPOINTS.token), 'POST', GOOGLE_ENDPOINTS)).toBe('oauth2.token');
    expect(googleMethodName(new URL(`${ORIGIN}/revoke`), 'POST', endpoints)).toBe('oauth2.revoke');
    expect(googleMethodName(new URL(`${ORIGIN}/oauth2/v3/userinfo`), 'GET', endpoints)).toBe('oauth2.userinfo');
    // Anything else by its host only: its path may hold a customer's or a case's id.
    expect(googleMethodName(new URL(`${ORIGIN}/v9/customers/C01b7kq2x`), 'GET', endpoints)).toBe('GET 127.0.0.1:4000');
  });
});
