import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { PREVIEW_BRIDGE_SCRIPT_PATH } from './preview-protocol';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export interface RendererFileServerOptions {
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** The bundled browser bridge, served at PREVIEW_BRIDGE_SCRIPT_PATH. */
  bridgeScript: string;
  /** The Content-Security-Policy sent with every response. */
  contentSecurityPolicy: () => string;
  /** Host headers accepted (127.0.0.1:PORT, localhost:PORT): anything else may be DNS rebinding. */
  allowedHosts: () => readonly string[];
}

/** Puts the bridge before the renderer's first script, so window.partnerDesk exists when main.js runs. */
export function injectBridgeScript(html: string): string {
  const tag = `<script src="${PREVIEW_BRIDGE_SCRIPT_PATH}"></script>`;
  const firstScript = html.search(/<script\b/i);
  if (firstScript >= 0) return `${html.slice(0, firstScript)}${tag}\n    ${html.slice(firstScript)}`;
  const headEnd = html.search(/<\/head>/i);
  if (headEnd < 0) throw new Error('index.html has neither a <script> nor a </head> to put the preview bridge before');
  return `${html.slice(0, headEnd)}${tag}\n${html.slice(headEnd)}`;
}

/** Serves the built renderer read-only, with the app's CSP, and the bridge script injected into index.html. */
export function createRendererFileServer(options: RendererFileServerOptions) {
  const root = resolve(options.rendererDir);

  function send(response: ServerResponse, status: number, type: string, body: string | Buffer, head: boolean): void {
    response.writeHead(status, {
      'Content-Type': type,
      'Content-Length': Buffer.byteLength(body),
      'Content-Security-Policy': options.contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
      'Referrer-Policy': 'no-referrer',
    });
    response.end(head ? undefined : body);
  }

  return async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const head = request.method === 'HEAD';
    if (request.method !== 'GET' && !head)
      return send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed', head);
    if (!options.allowedHosts().includes(request.headers.host ?? '')) {
      return send(response, 403, 'text/plain; charset=utf-8', 'Unexpected Host header', head);
    }
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    } catch {
      return send(response, 400, 'text/plain; charset=utf-8', 'Bad URL', head);
    }
    if (pathname === PREVIEW_BRIDGE_SCRIPT_PATH)
      return send(response, 200, CONTENT_TYPES['.js']!, options.bridgeScript, head);

    const file = resolve(join(root, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(root + sep) || pathname.includes('\0'))
      return send(response, 404, 'text/plain; charset=utf-8', 'Not found', head);
    try {
      if (!(await stat(file)).isFile()) return send(response, 404, 'text/plain; charset=utf-8', 'Not found', head);
      const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
      if (file === join(root, 'index.html'))
        return send(response, 200, type, injectBridgeScript(await readFile(file, 'utf8')), head);
      return send(response, 200, type, await readFile(file), head);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT')
        return send(response, 404, 'text/plain; charset=utf-8', 'Not found', head);
      return send(response, 500, 'text/plain; charset=utf-8', 'Could not read the file', head);
    }
  };
}
