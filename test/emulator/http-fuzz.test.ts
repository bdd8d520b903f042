import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../main/google-wire/google-types';
import {
  CASE_CLASSIFICATIONS,
  DEMO_OAUTH_CLIENT_ID,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  type RunningEmulator,
} from '../../main/emulator';
import { Prng } from '../../main/emulator/seed/prng';
import { ApiCaller, newCase, orgOf, startTestEmulator } from './helpers/emulator-kit';

/** Fixed, so a failure names a request that the same seed replays. */
const SEED = 0x9e3779b9;
const REQUESTS = 2000;

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const BAD_PERCENT = ['%', '%z', '%zz', '%E0%A4%A', '%ED%A0%80', '%C0%AF', '%FF', '%00', '%%41'];
const HUGE = 'x'.repeat(200_000);

function deepJson(depth: number, open: string, close: string): string {
  return `${open.repeat(depth)}1${close.repeat(depth)}`;
}

/** Generates malformed, forged and oversized requests over the emulator's whole HTTP surface. */
class RequestFuzzer {
  constructor(
    private readonly rng: Prng,
    private readonly known: { org: string; otherOrg: string; caseName: string; token: string; otherToken: string },
  ) {}

  next(): FuzzRequest {
    const rng = this.rng;
    const [routeMethod, routePath] = this.route();
    // Mostly the method the route takes, so requests reach the handlers; otherwise any method.
    const method = rng.chance(0.75)
      ? routeMethod
      : rng.pick(['GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND']);
    // cases.search reads `query` and cases.list `filter`: give each its own, mostly.
    const filterName = routePath.endsWith('cases:search') ? 'query' : 'filter';
    const path = `${routePath}${rng.chance(0.6) ? `?${this.query(filterName)}` : ''}`;
    const headers: Record<string, string> = {};
    const auth = this.authorization();
    if (auth !== undefined) headers.Authorization = auth;
    let body: Buffer | undefined;
    if (method !== 'GET' && method !== 'HEAD' && rng.chance(0.85)) {
      const [contentType, bytes] = this.body();
      if (contentType) headers['Content-Type'] = contentType;
      body = bytes;
    }
    return { method, path, headers, ...(body ? { body } : {}) };
  }

  /** A method and path: the emulator's routes (with real, foreign and bogus names) and odd paths. */
  private route(): [string, string] {
    const { org, otherOrg, caseName } = this.known;
    const rng = this.rng;
    const anyCase = rng.pick([
      caseName,
      `${otherOrg}/cases/1`,
      `${org}/cases/${rng.pick(['0', '-1', 'x', HUGE.slice(0, 2000), '%2F'])}`,
    ]);
    const [method, base] = rng.pick<[string, string]>([
      ['GET', `/v2/${org}/cases`],
      ['POST', `/v2/${org}/cases`],
      ['GET', `/v2/${org}/cases:search`],
      ['POST', `/v2/${otherOrg}/cases`],
      ['PATCH', `/v2/${anyCase}`],
      ['POST', `/v2/${anyCase}:close`],
      ['POST', `/v2/${anyCase}:escalate`],
      ['POST', `/v2/${anyCase}/comments`],
      ['GET', `/v2/${anyCase}/attachments`],
      ['POST', `/upload/v2/${anyCase}/attachments`],
      ['GET', `/v2/${anyCase}/attachments/${rng.pick(['1', 'x', '%zz', '..'])}:download`],
      ['GET', '/v2/caseClassifications:search'],
      ['GET', '/v3/organizations:search'],
      ['GET', `/v3/organizations/${rng.pick(['1', '0', '99999999999999999999999', 'abc'])}`],
      ['GET', '/apps/reseller/v1/subscriptions'],
      ['GET', `/apps/reseller/v1/customers/${rng.pick(['x', NORTHWIND_DOMAIN, '%E0%A4%A'])}`],
      ['POST', '/token'],
      ['POST', '/revoke'],
      ['GET', '/o/oauth2/v2/auth'],
      ['POST', '/o/oauth2/v2/auth/approve'],
      ['GET', '/oauth2/v3/userinfo'],
      [
        rng.pick(['GET', 'POST']),
        `/__control/${rng.pick(['reset', 'clock', 'tokens', 'revoke-user', 'act-as-google', 'reseller-access', 'customers', 'case-count', 'requests', 'request-counts', 'accounts', 'nope'])}`,
      ],
      ['GET', '/'],
      ['GET', '//'],
      ['GET', '/v2/'],
      ['POST', '/v2/organizations//cases'],
      ['GET', '/../../etc/passwd'],
      ['GET', `/${'a/'.repeat(500)}`],
    ]);
    if (rng.chance(0.15)) return [method, `${base}${rng.pick(BAD_PERCENT)}`];
    if (rng.chance(0.05)) return [method, base.replace('/v2/', `/v2/${rng.pick(BAD_PERCENT)}/`)];
    return [method, base];
  }

  private query(filterName: 'filter' | 'query'): string {
    const rng = this.rng;
    const depth = rng.pick([1, 63, 64, 65, 500, 3000]);
    const value = rng.pick([
      `${'('.repeat(depth)}state=OPEN${')'.repeat(depth)}`,
      '('.repeat(depth),
      ')'.repeat(depth),
      'state=',
      'state="unterminated',
      'priority>=P1 OR OR',
      'update_time>"not-a-date"',
      'creator.email=a@b AND NOT x',
      HUGE.slice(0, 6000),
      'a'.repeat(rng.int(0, 4000)),
      '"\\',
      '\u0000\u0001',
      'caf\u00e9 \u{1f600} \u043f',
    ]);
    const encoded = rng.chance(0.2)
      ? `${encodeURIComponent(value)}${rng.pick(BAD_PERCENT)}`
      : encodeURIComponent(value);
    // Half of them are the case filter, since the filter parser takes the most structure.
    const name = rng.chance(0.5)
      ? filterName
      : rng.pick([
          'filter',
          'query',
          'pageSize',
          'pageToken',
          'alt',
          'uploadType',
          'attachment.filename',
          'domain',
          'parent',
          'client_id',
          'token',
          'maxResults',
        ]);
    const extra = rng.pick([
      '',
      '&pageSize=-1',
      '&pageSize=1e99',
      '&pageSize=abc',
      '&pageToken=%00',
      '&alt=media',
      '&uploadType=multipart',
      '&uploadType=media',
      `&${rng.pick(BAD_PERCENT)}=1`,
    ]);
    return `${name}=${encoded}${extra}`;
  }

  private authorization(): string | undefined {
    const rng = this.rng;
    const base64 = (text: string) => Buffer.from(text).toString('base64');
    // A valid token for four in ten, so forged input reaches past authentication.
    if (rng.chance(0.4)) return `Bearer ${this.known.token}`;
    const value = rng.pick([
      'none',
      `Bearer ${this.known.token}`,
      `Bearer ${this.known.token}`,
      `Bearer ${this.known.otherToken}`,
      'Bearer ',
      'Bearer ya29.forged',
      `Bearer ${'A'.repeat(8000)}`,
      `Basic ${base64(`${rng.pick(BAD_PERCENT)}:secret`)}`,
      `Basic ${base64(`${DEMO_OAUTH_CLIENT_ID}:x`)}`,
      'Basic !!!not-base64',
      'Basic',
      'Negotiate abc',
    ]);
    return value === 'none' ? undefined : value;
  }

  private body(): [string | undefined, Buffer] {
    const rng = this.rng;
    const json = (value: string): [string, Buffer] => ['application/json', Buffer.from(value, 'utf8')];
    switch (rng.int(0, 5)) {
      case 0:
        return json(
          rng.pick([
            '{',
            '{"displayName":',
            'null',
            '[]',
            '"text"',
            '1e999',
            deepJson(rng.pick([100, 5000, 50_000]), '[', ']'),
            deepJson(rng.pick([100, 5000]), '{"a":', '}'),
            '{"__proto__":{"polluted":true},"constructor":{"prototype":{"x":1}}}',
            `{"displayName":"${HUGE}"}`,
            '\u0000',
          ]),
        );
      case 1: {
        const field = rng.pick([
          'displayName',
          'description',
          'priority',
          'classification',
          'body',
          'state',
          'escalation',
          'dataset',
          'advanceMs',
          'set',
          'email',
          'name',
          'action',
          'timeZone',
          'subscriberEmailAddresses',
        ]);
        const value = rng.pick<unknown>([
          null,
          5,
          -1,
          1e308,
          true,
          [],
          {},
          [[[]]],
          '',
          '\ud800',
          'P9',
          HUGE.slice(0, 70_000),
          { id: 5 },
          { scale: { customersPerDomain: 1e9, casesPerDomain: 1 } },
          { scale: { customersPerDomain: 'a' } },
          { reason: 'RESOLUTION_TIME', justification: 5 },
          'Infinity',
          'NaN',
        ]);
        return json(JSON.stringify({ [field]: value }));
      }
      case 2:
        return [
          rng.chance(0.7) ? 'application/x-www-form-urlencoded' : undefined,
          Buffer.from(
            rng.pick([
              `grant_type=${rng.pick(['refresh_token', 'authorization_code', 'password', '', '%zz'])}&client_id=${rng.pick([DEMO_OAUTH_CLIENT_ID, '%E0%A4%A', ''])}&code=${rng.pick(['', 'x', HUGE.slice(0, 1000)])}&code_verifier=${rng.pick(['', 'a'.repeat(200)])}&refresh_token=x`,
              `token=${rng.pick(['', '%', 'x'])}`,
              `signin=${rng.pick(['', 'x', '%ED%A0%80'])}&email=${rng.pick(['', DEMO_USERS.alex, '%zz'])}&action=cancel`,
              HUGE,
            ]),
          ),
        ];
      case 3:
        return this.multipart();
      case 4:
        return [
          rng.pick(['text/plain', 'application/octet-stream', 'application/json; charset=latin1']),
          Buffer.from([0xff, 0xfe, 0x00, 0xc3, 0x28]),
        ];
      default:
        return [
          rng.pick([
            'multipart/related',
            'multipart/related; boundary=',
            'multipart/form-data; boundary="x',
            'multipart/x; boundary=b',
          ]),
          Buffer.from('--b\r\n\r\nx\r\n--b--'),
        ];
    }
  }

  private multipart(): [string, Buffer] {
    const rng = this.rng;
    const boundary = rng.pick(['b', 'fuzz-boundary', 'a'.repeat(70)]);
    const filename = rng.pick([
      'a.txt',
      '\\ud800',
      '\\udc00x',
      'a\\u0000b',
      'r\\u00e9sum\\u00e9.txt',
      '',
      HUGE.slice(0, 1000),
    ]);
    const metadata = rng.pick([
      `{"attachment":{"filename":"${filename}"}}`,
      '{',
      '[]',
      'null',
      '{"attachment":5}',
      `{"filename":"${filename}"}`,
    ]);
    const partType = rng.pick([
      'text/plain',
      'text/pl\u0001ain',
      'text/\u043f',
      'text/plaïn',
      '',
      'x',
      'a/b/c',
      'application/octet-stream',
    ]);
    const disposition = rng.pick([
      '',
      'content-disposition: form-data; name="file"; filename="x.txt"\r\n',
      'content-disposition: form-data; name="file"; filename*=UTF-8\'\'%ED%A0%80\r\n',
      'content-disposition: form-data; name="file"; filename*=UTF-8\'\'%zz\r\n',
      'content-disposition: form-data; name="file"; filename="\u0007"\r\n',
    ]);
    const parts = [
      `--${boundary}\r\ncontent-type: application/json\r\n\r\n${metadata}\r\n`,
      `--${boundary}\r\n${disposition}content-type: ${partType}\r\n\r\nhello\r\n`,
      rng.chance(0.2) ? `--${boundary}\r\ncontent-type: text/plain\r\n\r\nsecond\r\n` : '',
      rng.chance(0.1) ? `--${boundary}\r\nx-long: ${'h'.repeat(20_000)}\r\n\r\n` : '',
      rng.chance(0.1) ? `--${boundary}\r\nno-colon-line\r\n\r\n` : '',
      rng.chance(0.85) ? `--${boundary}--` : `--${boundary}`,
    ];
    const ordered = rng.chance(0.2) ? [...parts].reverse() : parts;
    return [
      `multipart/${rng.pick(['related', 'form-data'])}; boundary=${boundary}`,
      Buffer.from(ordered.join(''), 'utf8'),
    ];
  }
}

describe('HTTP surface fuzz', () => {
  let emulator: RunningEmulator;
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });

  beforeAll(async () => {
    // No per-user quota: a 429 would stop the fuzz at the front door.
    emulator = await startTestEmulator({ rateLimitPerMinute: 1_000_000 });
  });
  afterAll(async () => {
    agent.destroy();
    await emulator.close();
  });

  function send(url: URL, fuzz: FuzzRequest): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method: fuzz.method, path: fuzz.path, headers: fuzz.headers, agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(fuzz.body);
    });
  }

  it(`answers ${REQUESTS} seeded malformed or forged requests without one 5xx`, { timeout: 60_000 }, async () => {
    const alex = new ApiCaller(emulator, DEMO_USERS.alex);
    const org = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, changedReseller: false });
    const otherOrg = orgOf(emulator, LUMIERE_DOMAIN, { resellerAccess: true });
    const caseName = (await alex.post<Case>(`/v2/${org}/cases`, newCase(CASE_CLASSIFICATIONS[0]!.id))).json.name!;
    const otherUser = Object.values(DEMO_USERS).find((email) => email.endsWith(`@${LUMIERE_DOMAIN}`))!;
    const fuzzer = new RequestFuzzer(new Prng(SEED), {
      org,
      otherOrg,
      caseName,
      token: alex.token,
      otherToken: new ApiCaller(emulator, otherUser).token,
    });
    const url = new URL(emulator.url);
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const fuzz = fuzzer.next();
      let status: number;
      try {
        status = await send(url, fuzz);
      } catch (error) {
        failures.push(`#${i} ${fuzz.method} ${fuzz.path.slice(0, 200)}: ${(error as Error).message}`);
        continue;
      }
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500) failures.push(`#${i} ${fuzz.method} ${fuzz.path.slice(0, 200)} -> ${status}`);
    }
    const counts = [...statuses].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`);
    console.log(`HTTP fuzz: ${REQUESTS} requests; answers by status ${counts.join(', ')}`);
    expect(failures).toEqual([]);
    // The fuzz reached past the front door: some requests were accepted, most refused.
    expect([...statuses.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
    expect([...statuses.keys()].filter((status) => status >= 400).length).toBeGreaterThan(3);
  });
});
