import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  createRendererRequestHandler,
  isAppUrl,
  registerAppScheme,
  serveRenderer,
} from '../../main/electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../main/electron/content-security-policy';

let base: string;
let rendererDir: string;
let handle: (request: Request) => Promise<Response>;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'pd-protocol-'));
  rendererDir = join(base, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(rendererDir, 'main.js'), 'console.log(1)');
  writeFileSync(join(rendererDir, 'assets', 'font.woff2'), 'wOF2');
  writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder');
  symlinkSync(join(base, 'secret.txt'), join(rendererDir, 'escape.txt'));
  handle = createRendererRequestHandler(rendererDir);
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => handle(new Request(url, { method }));

describe('app:// protocol handler', () => {
  it('serves the renderer entry with its type and the CSP header', async () => {
    const response = await get(APP_ENTRY_URL);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<title>app</title>');
  });

  it('serves index.html for the bare origin and files in subfolders', async () => {
    expect(await (await get('app://partner-desk/')).text()).toContain('<title>app</title>');
    const font = await get('app://partner-desk/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    const script = await get('app://partner-desk/main.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://partner-desk/../secret.txt',
    'app://partner-desk/%2e%2e/secret.txt',
    'app://partner-desk/..%2fsecret.txt',
    'app://partner-desk/assets/..%2f..%2fsecret.txt',
    'app://partner-desk/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc/passwd',
    'app://partner-desk/..%5csecret.txt',
    'app://partner-desk/escape.txt',
  ])('never serves a file outside the renderer folder: %s', async (url) => {
    const response = await get(url);
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain('outside the renderer folder');
  });

  it('refuses other hosts, other methods, malformed escapes and NUL bytes', async () => {
    expect((await get('app://evil/index.html')).status).toBe(404);
    expect((await get(APP_ENTRY_URL, 'POST')).status).toBe(405);
    expect((await get('app://partner-desk/%E0%A4%A')).status).toBe(400);
    expect((await get('app://partner-desk/index.html%00.js')).status).toBe(400);
    expect((await get('app://partner-desk/missing.js')).status).toBe(404);
    expect((await get('app://partner-desk/assets')).status).toBe(404);
  });

  it('answers HEAD without a body', async () => {
    const response = await get(APP_ENTRY_URL, 'HEAD');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
  });

  it('says the build is missing instead of failing when the folder does not exist', async () => {
    const response = await createRendererRequestHandler(join(base, 'nope'))(new Request(APP_ENTRY_URL));
    expect(response.status).toBe(500);
    expect(await response.text()).toMatch(/run the build/);
  });

  it('registers app:// as a privileged standard secure scheme and handles it', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    const handled: string[] = [];
    serveRenderer({ handle: (scheme) => handled.push(scheme) }, rendererDir);
    expect(handled).toEqual(['app']);
  });

  it('tells app URLs from look-alikes', () => {
    expect(isAppUrl('app://partner-desk/index.html')).toBe(true);
    expect(isAppUrl('app://partner-desk.evil/index.html')).toBe(false);
    expect(isAppUrl('https://partner-desk/index.html')).toBe(false);
    expect(isAppUrl('file:///index.html')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
