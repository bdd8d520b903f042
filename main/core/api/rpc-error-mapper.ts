import { AppError } from '../../../shared/app-error';
import { ERROR_REASONS, type OAuthErrorResponse, type RpcDetail, type RpcStatus } from '../../google-wire/google-types';

/**
 * Turns what Google answers (google.rpc.Status JSON, OAuth error JSON) and what the
 * network does (refused, reset, aborted) into AppErrors a person can act on. `detail`
 * keeps the raw `status` and `httpStatus` so the retry policy can decide without
 * re-parsing.
 */

export interface ErrorContext {
  /** The request was a write: a failure after sending may have committed it. */
  write?: boolean;
  /** Retry-After response header, if any. */
  retryAfterHeader?: string | null;
  /** Clock for Retry-After given as an HTTP date. */
  now?: number;
}

const MAYBE_COMMITTED = { maybeCommitted: 'true' } as const;

export function mapRpcError(httpStatus: number, body: unknown, context: ErrorContext = {}): AppError {
  const rpc = asRpcStatus(body);
  const status = rpc?.status ?? statusFromHttp(httpStatus);
  const message = rpc?.message || `HTTP ${httpStatus}`;
  const details = rpc?.details ?? [];
  const info = findErrorInfo(details);
  const base = { status, httpStatus: String(httpStatus) };

  if (info?.reason === ERROR_REASONS.resellerAccessNotGranted) {
    return new AppError('no_reseller_access', message, { ...base, customerId: info.metadata?.customerId ?? '' });
  }
  if (info?.reason === ERROR_REASONS.missingPrivilege) {
    return new AppError('missing_privilege', message, { ...base, privilege: info.metadata?.privilege ?? '' });
  }
  if (info?.reason === ERROR_REASONS.wrongResellerDomain) {
    return new AppError('wrong_domain', message, { ...base, reason: info.reason });
  }
  if (info?.reason === ERROR_REASONS.attachmentTooLarge || httpStatus === 413) {
    return new AppError('too_large', message, withMetadata(base, info?.metadata));
  }
  if (httpStatus === 429 || status === 'RESOURCE_EXHAUSTED' || info?.reason === ERROR_REASONS.rateLimitExceeded) {
    const retryAfterMs = retryAfterFromHeader(context.retryAfterHeader, context.now) ?? retryAfterFromDetails(details);
    return new AppError(
      'quota',
      message,
      retryAfterMs === undefined ? base : { ...base, retryAfterMs: String(retryAfterMs) },
    );
  }
  if (httpStatus === 401 || status === 'UNAUTHENTICATED') {
    return new AppError('session_expired', message, base);
  }
  if (status === 'PERMISSION_DENIED' || httpStatus === 403) {
    // Without a privilege we cannot name it, but the remedy is the same: an admin grants access. Google's
    // reason stays: ACCESS_TOKEN_SCOPE_INSUFFICIENT is the grant's fault, not the role's (Diagnostics).
    return new AppError('missing_privilege', message, {
      ...base,
      privilege: '',
      ...(info?.reason ? { reason: info.reason } : {}),
    });
  }
  if (status === 'NOT_FOUND' || httpStatus === 404) {
    return new AppError('not_found', message, base);
  }
  if (status === 'FAILED_PRECONDITION' || status === 'ABORTED' || status === 'ALREADY_EXISTS' || httpStatus === 409) {
    return new AppError('failed_precondition', message, {
      ...withMetadata(base, info?.metadata),
      reason: info?.reason ?? status,
    });
  }
  if (status === 'INVALID_ARGUMENT' || status === 'OUT_OF_RANGE' || httpStatus === 400) {
    return new AppError('invalid_argument', message, { ...base, field: findViolatedField(details) ?? '' });
  }
  if (status === 'DEADLINE_EXCEEDED' && httpStatus < 500) {
    return new AppError('timeout', message, base);
  }
  if (httpStatus >= 500) {
    return new AppError('server', message, context.write ? { ...base, ...MAYBE_COMMITTED } : base);
  }
  return new AppError('internal', `Unexpected answer from the server: ${message}`, base);
}

/** OAuth endpoints answer `{error, error_description}` instead of google.rpc.Status. */
export function mapOAuthError(httpStatus: number, body: unknown): AppError {
  const oauth = asOAuthError(body);
  if (!oauth) return mapRpcError(httpStatus, body);
  const message = oauth.error_description || oauth.error;
  const detail = { reason: oauth.error, httpStatus: String(httpStatus) };
  switch (oauth.error) {
    case 'invalid_grant':
    case 'invalid_rapt':
    case 'invalid_token':
      return new AppError('session_expired', message, detail);
    case 'access_denied':
      return new AppError('cancelled', message, detail);
    case 'slow_down':
    case 'rate_limit_exceeded':
      return new AppError('quota', message, detail);
    default:
      if (httpStatus >= 500) return new AppError('server', message, detail);
      return new AppError('invalid_argument', message, { ...detail, field: oauth.error });
  }
}

export interface NetworkErrorContext {
  write?: boolean;
  /** The caller's own signal: aborted means the user cancelled. */
  callerSignal?: AbortSignal;
  /** Our per-attempt timer fired. */
  timedOut?: boolean;
}

/** Codes that prove the request never left this machine, so a write cannot have committed. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN']);

export function mapNetworkError(error: unknown, context: NetworkErrorContext = {}): AppError {
  if (error instanceof AppError) return error;
  const codes = collectErrorCodes(error);
  const sent = !codes.some((code) => NOT_SENT_CODES.has(code));
  const maybe = context.write && sent ? MAYBE_COMMITTED : undefined;
  if (context.callerSignal?.aborted) {
    // A write cancelled while in flight may still have reached the server.
    return new AppError('cancelled', 'The request was cancelled.', maybe, { cause: error });
  }
  if (context.timedOut) {
    return new AppError('timeout', 'The server took too long to answer.', maybe, { cause: error });
  }
  if (isAbortError(error)) {
    return new AppError('cancelled', 'The request was cancelled.', undefined, { cause: error });
  }
  const code = codes[0];
  const reason = code ? ` (${code})` : '';
  return new AppError(
    'offline',
    `No connection to the server${reason}.`,
    maybe ? { ...maybe, ...(code ? { cause: code } : {}) } : code ? { cause: code } : undefined,
    { cause: error },
  );
}

export function isAbortError(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'name' in error &&
    ((error as { name: unknown }).name === 'AbortError' || (error as { name: unknown }).name === 'TimeoutError')
  );
}

function collectErrorCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const codes: string[] = [];
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') codes.push(code);
  const nested = (error as { errors?: unknown }).errors;
  if (Array.isArray(nested)) for (const inner of nested) codes.push(...collectErrorCodes(inner, depth + 1));
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) codes.push(...collectErrorCodes(cause, depth + 1));
  return codes;
}

function asRpcStatus(body: unknown): RpcStatus['error'] | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const error = (body as { error?: unknown }).error;
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as Partial<RpcStatus['error']>;
  return {
    code: typeof candidate.code === 'number' ? candidate.code : 0,
    message: typeof candidate.message === 'string' ? candidate.message : '',
    status: (typeof candidate.status === 'string' ? candidate.status : undefined) as RpcStatus['error']['status'],
    details: Array.isArray(candidate.details) ? candidate.details : [],
  };
}

function asOAuthError(body: unknown): OAuthErrorResponse | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { error, error_description } = body as { error?: unknown; error_description?: unknown };
  if (typeof error !== 'string') return undefined;
  return { error, error_description: typeof error_description === 'string' ? error_description : undefined };
}

function statusFromHttp(httpStatus: number): RpcStatus['error']['status'] {
  switch (httpStatus) {
    case 400:
      return 'INVALID_ARGUMENT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'PERMISSION_DENIED';
    case 404:
      return 'NOT_FOUND';
    case 409:
      return 'ABORTED';
    case 429:
      return 'RESOURCE_EXHAUSTED';
    case 501:
      return 'UNIMPLEMENTED';
    case 503:
      return 'UNAVAILABLE';
    case 504:
      return 'DEADLINE_EXCEEDED';
    default:
      return 'INTERNAL';
  }
}

type ErrorInfo = Extract<RpcDetail, { '@type': 'type.googleapis.com/google.rpc.ErrorInfo' }>;

function findErrorInfo(details: RpcDetail[]): ErrorInfo | undefined {
  return details.find(
    (detail): detail is ErrorInfo => detail?.['@type'] === 'type.googleapis.com/google.rpc.ErrorInfo',
  );
}

function findViolatedField(details: RpcDetail[]): string | undefined {
  for (const detail of details) {
    if (detail?.['@type'] === 'type.googleapis.com/google.rpc.BadRequest') {
      const field = detail.fieldViolations?.[0]?.field;
      if (typeof field === 'string') return field;
    }
  }
  return undefined;
}

function withMetadata(
  base: Record<string, string>,
  metadata: Record<string, string> | undefined,
): Record<string, string> {
  return metadata ? { ...base, ...metadata } : base;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function retryAfterFromHeader(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** google.rpc.RetryInfo.retryDelay is a protobuf Duration in JSON: "3s", "1.500s". */
function retryAfterFromDetails(details: RpcDetail[]): number | undefined {
  for (const detail of details) {
    if (detail?.['@type'] === 'type.googleapis.com/google.rpc.RetryInfo') {
      const match = /^(\d+(?:\.\d+)?)s$/.exec(detail.retryDelay ?? '');
      if (match?.[1]) return Math.round(Number(match[1]) * 1000);
    }
  }
  return undefined;
}
