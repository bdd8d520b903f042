import { AppError } from '../../../shared/app-error';
import { systemClock, type Clock, type FetchLike, type TokenProvider } from '../ports';
import { mapNetworkError, mapRpcError } from './rpc-error-mapper';
import { GOOGLE_READ_RETRY_POLICY, withRetry, type RequestKind, type RetryPolicy } from './retry-policy';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RequestBody {
  body: NonNullable<RequestInit['body']>;
  contentType: string;
  /** Sent as Content-Length; required for streams, so the server knows the size up front. */
  contentLength?: number;
}

export interface ApiRequest {
  method: HttpMethod;
  /** Absolute URL without the query string. */
  url: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON body. */
  json?: unknown;
  /** A body built anew for each attempt (a stream cannot be sent twice). */
  body?: () => RequestBody;
  /** Reads may be retried; writes never are (they may have committed). */
  kind: RequestKind;
  signal?: AbortSignal;
  /** Per-attempt limit until the answer is read; null for transfers that may take long. */
  timeoutMs?: number | null;
}

export interface HttpTransportOptions {
  fetch: FetchLike;
  tokenProvider: TokenProvider;
  clock?: Clock;
  retryPolicy?: RetryPolicy;
  /** Default per-attempt timeout. */
  timeoutMs?: number;
}

export const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;

/**
 * Authenticated JSON-over-HTTP for Google APIs: bearer token from the TokenProvider
 * (a 401 invalidates it and tries once more with a fresh one), a per-attempt timeout,
 * the caller's AbortSignal, Google's retry policy for reads, and every failure mapped
 * to an AppError.
 */
export class HttpTransport {
  private readonly fetch: FetchLike;
  private readonly tokenProvider: TokenProvider;
  private readonly clock: Clock;
  private readonly retryPolicy: RetryPolicy;
  private readonly timeoutMs: number;

  constructor(options: HttpTransportOptions) {
    this.fetch = options.fetch;
    this.tokenProvider = options.tokenProvider;
    this.clock = options.clock ?? systemClock;
    this.retryPolicy = options.retryPolicy ?? GOOGLE_READ_RETRY_POLICY;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
  }

  /** Sends the request and parses the JSON answer (an empty body gives `{}`). */
  json<T>(request: ApiRequest): Promise<T> {
    return withRetry(
      () =>
        this.attempt(request, async (response) => {
          const text = await response.text();
          if (text.trim() === '') return {} as T;
          try {
            return JSON.parse(text) as T;
          } catch (error) {
            throw new AppError('internal', 'The server sent an answer that is not JSON.', undefined, { cause: error });
          }
        }),
      { policy: this.retryPolicy, kind: request.kind, clock: this.clock, signal: request.signal },
    );
  }

  /**
   * Sends the request and hands back the successful response with its body unread
   * (downloads stream it). The per-attempt timeout covers only the wait for headers.
   */
  response(request: ApiRequest): Promise<Response> {
    return withRetry(() => this.attempt(request, (response) => Promise.resolve(response)), {
      policy: this.retryPolicy,
      kind: request.kind,
      clock: this.clock,
      signal: request.signal,
    });
  }

  private async attempt<T>(request: ApiRequest, read: (response: Response) => Promise<T>): Promise<T> {
    const first = await this.send(request, read);
    if (first.kind === 'done') return first.value;
    // The server refused the token before doing anything, so even a write is safe to send again.
    this.tokenProvider.invalidate(first.token);
    const second = await this.send(request, read);
    if (second.kind === 'done') return second.value;
    this.tokenProvider.invalidate(second.token);
    throw new AppError('session_expired', 'The server refused the sign-in of this account.', {
      status: 'UNAUTHENTICATED',
      httpStatus: '401',
    });
  }

  private async send<T>(
    request: ApiRequest,
    read: (response: Response) => Promise<T>,
  ): Promise<{ kind: 'done'; value: T } | { kind: 'unauthorized'; token: string }> {
    const write = request.kind === 'write';
    const token = await this.tokenProvider.getAccessToken(request.signal);
    const timeout = new AbortController();
    const timeoutMs = request.timeoutMs === undefined ? this.timeoutMs : request.timeoutMs;
    const timer =
      timeoutMs === null
        ? undefined
        : this.clock.setTimeout(
            () => timeout.abort(new DOMException('The server took too long to answer.', 'TimeoutError')),
            timeoutMs,
          );
    const signal = request.signal ? AbortSignal.any([request.signal, timeout.signal]) : timeout.signal;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
    let body: NonNullable<RequestInit['body']> | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json; charset=utf-8';
      body = JSON.stringify(request.json);
    } else if (request.body) {
      const built = request.body();
      headers['content-type'] = built.contentType;
      if (built.contentLength !== undefined) headers['content-length'] = String(built.contentLength);
      body = built.body;
    }
    const init: RequestInit & { duplex?: 'half' } = { method: request.method, headers, body, signal };
    if (body instanceof ReadableStream) {
      init.duplex = 'half';
      // Without these, fetch clones the request for a possible redirect, which tees the
      // body and keeps every chunk of the unread branch: the whole file would end up in memory.
      init.window = null;
      init.redirect = 'error';
    }
    const failure = (error: unknown) =>
      mapNetworkError(error, { write, callerSignal: request.signal, timedOut: timeout.signal.aborted });
    try {
      let response: Response;
      try {
        response = await this.fetch(buildUrl(request.url, request.query), init);
      } catch (error) {
        throw failure(error);
      }
      if (response.status === 401) {
        await response.body?.cancel().catch(() => undefined);
        return { kind: 'unauthorized', token };
      }
      if (!response.ok) {
        const errorBody = await readJsonSafely(response);
        throw mapRpcError(response.status, errorBody, {
          write,
          retryAfterHeader: response.headers.get('retry-after'),
          now: this.clock.now(),
        });
      }
      try {
        return { kind: 'done', value: await read(response) };
      } catch (error) {
        throw failure(error);
      }
    } finally {
      timer?.cancel();
    }
  }
}

export function buildUrl(base: string, query?: ApiRequest['query']): string {
  if (!query) return base;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${base}?${search}` : base;
}

/** The JSON body of an answer, or undefined when it has none or it is not JSON. */
export async function readJsonSafely(response: Response): Promise<unknown> {
  try {
    const text = await response.text();
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

/** Joins a base URL (origin, maybe with a path) and an absolute API path. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
