import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { injectBridgeScript } from './renderer-file-server';
import { PREVIEW_BRIDGE_SCRIPT_PATH, PREVIEW_SOCKET_PATH, type ServerFrame } from './preview-protocol';
import { startPreview, type Preview } from './preview-server';

let preview: Preview;
const logLines: string[] = [];

beforeAll(async () => {
  preview = await startPreview({ log: (line) => logLines.push(line) });
});
afterAll(async () => {
  await preview?.close();
});

function socketUrl(token: string | null): string {
  const base = preview.origin.replace(/^http:/, 'ws:') + PREVIEW_SOCKET_PATH;
  return token === null ? base : `${base}?token=${encodeURIComponent(token)}`;
}

/** Resolves with the HTTP status the server refused the upgrade with, or 101 if it accepted. */
function upgradeStatus(url: string, origin: string | undefined, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers = { ...(origin ? { Origin: origin } : {}), ...(host ? { Host: host } : {}) };
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

interface Client {
  ws: WebSocket;
  frames: ServerFrame[];
  invoke(channel: unknown, request: unknown): Promise<Extract<ServerFrame, { type: 'result' }>['result']>;
  nextFrame(predicate: (frame: ServerFrame) => boolean): Promise<ServerFrame>;
}

async function connect(): Promise<Client> {
  const ws = new WebSocket(socketUrl(preview.token), { headers: { Origin: preview.origin } });
  const frames: ServerFrame[] = [];
  const waiters: Array<{ predicate: (frame: ServerFrame) => boolean; resolve: (frame: ServerFrame) => void }> = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as ServerFrame;
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (!waiter.predicate(frame)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(frame);
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let nextId = 1;
  const nextFrame = (predicate: (frame: ServerFrame) => boolean) =>
    new Promise<ServerFrame>((resolve) => {
      const seen = frames.find(predicate);
      if (seen) resolve(seen);
      else waiters.push({ predicate, resolve });
    });
  return {
    ws,
    frames,
    nextFrame,
    async invoke(channel, request) {
      const id = nextId++;
      ws.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      const frame = await nextFrame((f) => f.type === 'result' && f.id === id);
      if (frame.type !== 'result') throw new Error('unreachable');
      return frame.result;
    },
  };
}

describe('preview bridge socket', () => {
  it('refuses a connection without the token or with a wrong one', async () => {
    expect(await upgradeStatus(socketUrl(null), preview.origin)).toBe(401);
    expect(await upgradeStatus(socketUrl(`${preview.token}x`), preview.origin)).toBe(401);
    expect(await upgradeStatus(socketUrl(''), preview.origin)).toBe(401);
    expect(logLines.some((line) => line.includes('missing or wrong token'))).toBe(true);
  });

  it('refuses another origin, or none, even with the right token', async () => {
    expect(await upgradeStatus(socketUrl(preview.token), 'http://evil.example')).toBe(403);
    expect(await upgradeStatus(socketUrl(preview.token), 'http://127.0.0.1:1')).toBe(403);
    expect(await upgradeStatus(socketUrl(preview.token), undefined)).toBe(403);
    expect(await upgradeStatus(socketUrl(preview.token), preview.origin)).toBe(101);
  });

  it('refuses a Host other than its own loopback host:port, even with the right token and Origin (DNS rebinding)', async () => {
    const port = new URL(preview.origin).port;
    const ok = socketUrl(preview.token);
    expect(await upgradeStatus(ok, preview.origin, 'attacker.example')).toBe(403);
    expect(await upgradeStatus(ok, preview.origin, `attacker.example:${port}`)).toBe(403);
    expect(await upgradeStatus(ok, preview.origin, '127.0.0.1:1')).toBe(403);
    expect(await upgradeStatus(ok, preview.origin, '127.0.0.1')).toBe(403);
    expect(logLines).toContainEqual(expect.stringContaining('unexpected host attacker.example'));
    expect(await upgradeStatus(ok, preview.origin, `127.0.0.1:${port}`)).toBe(101);
    expect(await upgradeStatus(ok, preview.origin, `localhost:${port}`)).toBe(101);
  });

  it('routes an invoke through the dispatcher to the real core', async () => {
    const client = await connect();
    const info = await client.invoke('app:info', {});
    expect(info).toMatchObject({ ok: true, value: { backend: 'demo' } });
    const accounts = await client.invoke('accounts:list', {});
    expect(accounts).toEqual({ ok: true, value: [] });
    // Diagnostics too: the core's own answer for a domain not signed in.
    expect(await client.invoke('diagnostics:run', { domain: 'northwind-reseller.example' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    client.ws.close();
  });

  it('pushes core events to connected pages', async () => {
    const client = await connect();
    const changed = client.nextFrame((f) => f.type === 'event' && f.channel === 'settings:changed');
    const result = await client.invoke('settings:set', { language: 'fr' });
    expect(result).toMatchObject({ ok: true, value: { language: 'fr' } });
    expect(await changed).toMatchObject({ type: 'event', channel: 'settings:changed', payload: { language: 'fr' } });
    client.ws.close();
  });

  it('restarts the core as a crashed main would: pages disconnected, the new core on the same data', async () => {
    const before = await connect();
    expect(await before.invoke('settings:set', { theme: 'dark' })).toMatchObject({ ok: true });
    const firstCore = preview.core;
    const closed = new Promise<void>((resolve) => before.ws.once('close', () => resolve()));
    await preview.restartCore();
    await closed;
    expect(preview.core).not.toBe(firstCore);
    const after = await connect();
    expect(await after.invoke('settings:get', {})).toMatchObject({ ok: true, value: { theme: 'dark' } });
    const changed = after.nextFrame((f) => f.type === 'event' && f.channel === 'settings:changed');
    await after.invoke('settings:set', { theme: 'system' });
    expect(await changed).toMatchObject({ payload: { theme: 'system' } });
    after.ws.close();
  });

  it('answers a payload off the contract, or an unknown channel, with bad_request', async () => {
    const client = await connect();
    const badDomain = await client.invoke('cases:query', { domain: 'Not A Domain' });
    expect(badDomain).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    const unknown = await client.invoke('fs:readFile', { path: '/etc/passwd' });
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'bad_request', message: expect.stringContaining('Unknown channel') },
    });
    const notAString = await client.invoke(42, null);
    expect(notAString).toMatchObject({ ok: false, error: { code: 'bad_request' } });
    // The connection survives bad requests.
    expect(await client.invoke('app:info', {})).toMatchObject({ ok: true });
    client.ws.close();
  });

  it('closes the connection on a frame it cannot answer, and keeps serving others', async () => {
    const client = await connect();
    const closed = new Promise<number>((resolve) => client.ws.once('close', (code) => resolve(code)));
    client.ws.send('{not json');
    expect(await closed).toBe(1007);
    const other = await connect();
    expect(await other.invoke('app:info', {})).toMatchObject({ ok: true });
    other.ws.close();
  });
});

describe('preview page server', () => {
  it('serves index.html with the bridge script before the renderer and the strict CSP', async () => {
    const response = await fetch(`${preview.url}`);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ${preview.origin.replace('http:', 'ws:')}`);
    const html = await response.text();
    const bridgeAt = html.indexOf(`src="${PREVIEW_BRIDGE_SCRIPT_PATH}"`);
    expect(bridgeAt).toBeGreaterThan(0);
    expect(bridgeAt).toBeLessThan(html.indexOf('main.js'));
  });

  it('serves the bundled bridge and the renderer bundle', async () => {
    const bridge = await fetch(`${preview.origin}${PREVIEW_BRIDGE_SCRIPT_PATH}`);
    expect(bridge.headers.get('content-type')).toContain('text/javascript');
    expect(await bridge.text()).toContain('partnerDesk');
    expect((await fetch(`${preview.origin}/main.js`)).status).toBe(200);
  });

  it('serves nothing outside the built renderer and only to its own Host', async () => {
    // Raw requests: fetch would normalize the dots away and forbids setting Host.
    expect(await rawGetStatus('/..%2f..%2fpackage.json')).toBe(404);
    expect(await rawGetStatus('/..%5c..%5cpackage.json')).toBe(404);
    expect(await rawGetStatus('/missing.js')).toBe(404);
    expect(await rawGetStatus('/%E0%A4%A')).toBe(400);
    expect(await rawGetStatus('/', { Host: 'attacker.example' })).toBe(403);
    expect((await fetch(`${preview.origin}/`, { method: 'POST' })).status).toBe(405);
  });
});

function rawGetStatus(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${preview.origin}${path}`, { headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('injectBridgeScript', () => {
  it('puts the bridge before the first script, or before </head> when there is none', () => {
    const withScript = injectBridgeScript(
      '<head><title>x</title><script type="module" src="./main.js"></script></head>',
    );
    expect(withScript.indexOf(PREVIEW_BRIDGE_SCRIPT_PATH)).toBeLessThan(withScript.indexOf('main.js'));
    const withoutScript = injectBridgeScript('<html><head></head><body></body></html>');
    expect(withoutScript.indexOf(PREVIEW_BRIDGE_SCRIPT_PATH)).toBeLessThan(withoutScript.indexOf('</head>'));
    expect(() => injectBridgeScript('<p>no head</p>')).toThrow(/preview bridge/);
  });
});
