import { request } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Attachment, Case } from '../../main/google-wire/google-types';
import {
  CASE_CLASSIFICATIONS,
  DEMO_OAUTH_CLIENT_ID,
  DEMO_USERS,
  NORTHWIND_DOMAIN,
  type RunningEmulator,
} from '../../main/emulator';
import { MAX_SCALE } from '../../main/emulator/emulator-core';
import { MAX_QUERY_NESTING } from '../../main/emulator/query/parser';
import { ApiCaller, newCase, orgOf, startTestEmulator, type RpcErrorBody } from './helpers/emulator-kit';

/** A multipart/related upload whose metadata JSON and file part Content-Type are written as given. */
function upload(metadataJson: string, fileContentType: string): { body: Uint8Array<ArrayBuffer>; contentType: string } {
  const boundary = 'hostile-boundary-7f3e';
  const body = Buffer.from(
    `--${boundary}\r\ncontent-type: application/json\r\n\r\n${metadataJson}\r\n` +
      `--${boundary}\r\ncontent-type: ${fileContentType}\r\n\r\nhello\r\n--${boundary}--`,
    'utf8',
  );
  return { body: new Uint8Array(body), contentType: `multipart/related; boundary=${boundary}` };
}

describe('hostile input gets a 4xx, never a 5xx', () => {
  let emulator: RunningEmulator;
  let alex: ApiCaller;
  let org: string;
  let caseName: string;

  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  beforeEach(async () => {
    emulator.control.reset();
    alex = new ApiCaller(emulator, DEMO_USERS.alex);
    org = orgOf(emulator, NORTHWIND_DOMAIN, { resellerAccess: true, changedReseller: false });
    caseName = (await alex.post<Case>(`/v2/${org}/cases`, newCase(CASE_CLASSIFICATIONS[0]!.id))).json.name!;
  });
  afterAll(() => emulator.close());

  it('refuses a query nested deeper than the limit with 400, and still parses one at the limit', async () => {
    const nested = (depth: number) => `${'('.repeat(depth)}state=OPEN${')'.repeat(depth)}`;
    const search = (query: string) =>
      alex.get<RpcErrorBody>(`/v2/${org}/cases:search?query=${encodeURIComponent(query)}`);
    const list = (filter: string) => alex.get<RpcErrorBody>(`/v2/${org}/cases?filter=${encodeURIComponent(filter)}`);

    for (const response of [await search('('.repeat(3000)), await list(nested(3000))]) {
      expect(response.status).toBe(400);
      expect(response.json.error.status).toBe('INVALID_ARGUMENT');
      expect(response.json.error.message).toMatch(new RegExp(`nested deeper than ${MAX_QUERY_NESTING} levels`));
    }
    expect((await list(nested(MAX_QUERY_NESTING + 1))).status).toBe(400);
    expect((await list(nested(MAX_QUERY_NESTING))).status).toBe(200);
  });

  it('answers invalid_client to a token request whose Basic client id is not valid percent-encoding', async () => {
    const token = (clientId: string) =>
      fetch(`${emulator.url}/token`, {
        method: 'POST',
        headers: {
          Authorization: `Basic ${Buffer.from(`${clientId}:secret`).toString('base64')}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'nope' }),
      });
    for (const bad of ['%E0%A4%A', '%', '%zz', '%ED%A0%80']) {
      const response = await token(bad);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'invalid_client' });
    }
    // The demo client, percent-encoded, still gets through to the grant check.
    const good = await token(encodeURIComponent(DEMO_OAUTH_CLIENT_ID));
    expect(good.status).toBe(400);
    expect(await good.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses on upload a file name or media type that no download could carry, and stores nothing', async () => {
    const post = async (metadataJson: string, fileContentType: string) => {
      const { body, contentType } = upload(metadataJson, fileContentType);
      const response = await fetch(`${emulator.url}/upload/v2/${caseName}/attachments?uploadType=multipart`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${alex.token}`, 'Content-Type': contentType },
        body,
      });
      return { status: response.status, json: (await response.json()) as Attachment & RpcErrorBody };
    };
    const refused = [
      // A lone surrogate, as JSON may spell it.
      await post('{"attachment":{"filename":"report\\ud800.txt"}}', 'text/plain'),
      await post('{"attachment":{"filename":"\\udc00"}}', 'text/plain'),
      await post('{"attachment":{"filename":"line\\r\\nbreak.txt"}}', 'text/plain'),
      await post('{"attachment":{"filename":"ok.txt"}}', 'text/pl\u0001ain'),
      await post('{"attachment":{"filename":"ok.txt"}}', 'text/plain\u007f'),
      await post('{"attachment":{"filename":"ok.txt"}}', 'text/\u043f\u043b\u0435\u0439\u043d'),
      await post('{"attachment":{"filename":"ok.txt"}}', 'text/plaïn'),
    ];
    for (const { status, json } of refused) {
      expect(status).toBe(400);
      expect(json.error.status).toBe('INVALID_ARGUMENT');
    }
    expect(refused[0]!.json.error.message).toMatch(/lone surrogate/);
    expect(refused[3]!.json.error.message).toMatch(/not a media type/);
    expect(emulator.control.data.attachments(caseName)).toEqual([]);

    // A well-formed name with an astral character and a vendor media type are kept, and download.
    const kept = await post(
      '{"attachment":{"filename":"r\\u00e9sum\\u00e9 \\ud83d\\ude00.txt"}}',
      'application/vnd.ms-excel',
    );
    expect(kept.status).toBe(200);
    const download = await fetch(`${emulator.url}/v2/${kept.json.name}:download?alt=media`, {
      headers: { Authorization: `Bearer ${alex.token}` },
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/vnd.ms-excel');
    expect(await download.text()).toBe('hello');
  });

  it('answers 400 to a request target that is no URL path ("//", a scheme-relative URL with no host)', async () => {
    const { port } = new URL(emulator.url);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '//', method: 'GET' }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  it('refuses a reset to a scale past the bound with a 400 that names it, and keeps serving', async () => {
    const reset = (scale: unknown) =>
      fetch(`${emulator.url}/__control/reset`, { method: 'POST', body: JSON.stringify({ dataset: { scale } }) });
    for (const scale of [
      { customersPerDomain: 1e9, casesPerDomain: 5 },
      { customersPerDomain: 5, casesPerDomain: MAX_SCALE.casesPerDomain + 1 },
    ]) {
      const response = await reset(scale);
      expect(response.status).toBe(400);
      expect(((await response.json()) as RpcErrorBody).error.message).toMatch(
        new RegExp(`at most ${MAX_SCALE.customersPerDomain} customers and ${MAX_SCALE.casesPerDomain} cases`),
      );
    }
    expect((await reset({ customersPerDomain: 3, casesPerDomain: 4 })).status).toBe(200);
    expect(emulator.control.data.customers(NORTHWIND_DOMAIN)).toHaveLength(3);
  });
});
