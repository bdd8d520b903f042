import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join, relative } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/**
 * The renderer is served from app://partner-desk/ rather than file://: a privileged,
 * standard scheme gives the page a real origin of its own, so CSP 'self' means exactly
 * the bundled renderer files (with file:// it would mean the whole disk), and the
 * handler below is the single place that decides which files a page can load.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'partner-desk';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** True for URLs of the app's own pages (Node gives custom schemes an opaque origin, so compare parts). */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Must run before the app's `ready` event. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, createRendererRequestHandler(rendererDir));
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * Serves files under `rendererDir` only: other hosts, other methods, encoded separators,
 * `..` and symlinks leading out of the folder are all refused.
 */
export function createRendererRequestHandler(rendererDir: string): (request: Request) => Promise<Response> {
  let resolvedRoot: string | undefined;
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, 'Bad URL');
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, 'Not found');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return plain(400, 'Bad path');
    }
    if (pathname.includes('\0') || pathname.includes('\\')) return plain(400, 'Bad path');
    if (pathname === '/' || pathname === '') pathname = '/index.html';

    let root: string;
    try {
      root = resolvedRoot ??= await realpath(rendererDir);
    } catch {
      return plain(500, 'Renderer files are missing: run the build first');
    }
    const candidate = join(root, pathname);
    if (!isInside(root, candidate)) return plain(403, 'Forbidden');
    let body: Buffer;
    try {
      const real = await realpath(candidate);
      if (!isInside(root, real)) return plain(403, 'Forbidden');
      body = await readFile(real);
    } catch {
      return plain(404, 'Not found');
    }
    const headers = {
      'Content-Type': CONTENT_TYPES[extname(candidate).toLowerCase()] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), { status: 200, headers });
  };
}
