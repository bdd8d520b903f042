import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/app-error';
import type { Clock } from '../ports';

export interface LoopbackRedirectOptions {
  /** The `state` sent in the authorization URL; any other value is refused. */
  expectedState: string;
  clock: Clock;
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface LoopbackRedirect {
  /** http://127.0.0.1:{port}: the redirect_uri to send. */
  redirectUri: string;
  /** Resolves with the authorization code once the browser comes back. */
  code: Promise<string>;
  close(): void;
}

export const DEFAULT_SIGN_IN_TIMEOUT_MS = 5 * 60_000;

/**
 * Google's loopback redirect for desktop apps: a one-shot HTTP listener on 127.0.0.1
 * and an ephemeral port. It accepts exactly one redirect carrying the expected
 * `state`, answers the browser with a short bilingual page, then closes. It gives up
 * after `timeoutMs` or when `signal` aborts.
 */
export async function startLoopbackRedirect(options: LoopbackRedirectOptions): Promise<LoopbackRedirect> {
  let settle: { resolve(code: string): void; reject(error: AppError): void } | undefined;
  const code = new Promise<string>((resolve, reject) => {
    settle = { resolve, reject };
  });
  // The caller may abandon the promise (cancel); a rejection nobody awaits must not be reported as unhandled.
  code.catch(() => undefined);
  let done = false;

  const server = createServer((request, response) => {
    if (done) return answer(response, 410, PAGES.used);
    const outcome = readRedirect(request, options.expectedState);
    if (outcome.kind === 'ignore') return answer(response, 404, PAGES.notFound);
    if (outcome.kind === 'bad_state') return answer(response, 400, PAGES.badState);
    if (outcome.kind === 'error') {
      answer(response, 200, PAGES.refused);
      return finish(
        new AppError('cancelled', `Sign-in was not completed: ${outcome.error}`, { reason: outcome.error }),
      );
    }
    answer(response, 200, PAGES.success);
    finish(outcome.code);
  });

  const finish = (result: string | AppError) => {
    if (done) return;
    done = true;
    timer.cancel();
    options.signal?.removeEventListener('abort', onAbort);
    // Stops accepting; the page just sent still flushes (connection: close ends it).
    server.close();
    if (typeof result === 'string') settle?.resolve(result);
    else settle?.reject(result);
  };
  const onAbort = () => finish(new AppError('cancelled', 'Sign-in was cancelled.'));
  const timer = options.clock.setTimeout(
    () => finish(new AppError('timeout', 'Sign-in took too long; try again.')),
    options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  }).catch((error: unknown) => {
    timer.cancel();
    throw new AppError('internal', 'Could not listen for the sign-in redirect.', undefined, { cause: error });
  });
  const { port } = server.address() as AddressInfo;
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });

  return {
    redirectUri: `http://127.0.0.1:${port}`,
    code,
    close: () => finish(new AppError('cancelled', 'Sign-in was cancelled.')),
  };
}

type RedirectOutcome =
  { kind: 'code'; code: string } | { kind: 'error'; error: string } | { kind: 'bad_state' } | { kind: 'ignore' };

function readRedirect(request: IncomingMessage, expectedState: string): RedirectOutcome {
  if (request.method !== 'GET') return { kind: 'ignore' };
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  if (url.pathname !== '/') return { kind: 'ignore' };
  const code = url.searchParams.get('code');
  const error = url.searchParams.get('error');
  if (!code && !error) return { kind: 'ignore' };
  if (url.searchParams.get('state') !== expectedState) return { kind: 'bad_state' };
  if (error) return { kind: 'error', error: error.slice(0, 100) };
  return { kind: 'code', code: code ?? '' };
}

function answer(response: ServerResponse, status: number, body: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    connection: 'close',
  });
  response.end(body);
}

function page(fr: string, en: string): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Partner Desk</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;line-height:1.5}</style></head>
<body><h1>Partner Desk</h1><p>${fr}</p><p lang="en">${en}</p></body></html>`;
}

const PAGES = {
  success: page(
    'Connexion réussie. Vous pouvez fermer cet onglet et revenir à Partner Desk.',
    'Signed in. You can close this tab and return to Partner Desk.',
  ),
  refused: page(
    'La connexion n’a pas abouti. Fermez cet onglet et réessayez depuis Partner Desk.',
    'Sign-in was not completed. Close this tab and try again from Partner Desk.',
  ),
  badState: page(
    'Cette réponse de connexion ne correspond à aucune demande en cours.',
    'This sign-in answer does not match any pending request.',
  ),
  used: page(
    'Cette connexion est déjà terminée. Vous pouvez fermer cet onglet.',
    'This sign-in is already complete. You can close this tab.',
  ),
  notFound: page('Page introuvable.', 'Page not found.'),
};
