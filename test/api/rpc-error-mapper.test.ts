import { describe, expect, it } from 'vitest';
import { ERROR_REASONS, RESELLER_PRIVILEGES } from '../../main/core/api/google-types';
import {
  mapNetworkError,
  mapOAuthError,
  mapRpcError,
  retryAfterFromHeader,
} from '../../main/core/api/rpc-error-mapper';

function rpc(code: number, status: string, details: unknown[] = []) {
  return { error: { code, message: `${status} message`, status, details } };
}
const errorInfo = (reason: string, metadata: Record<string, string>) => ({
  '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
  reason,
  domain: 'cloudsupport.googleapis.com',
  metadata,
});

describe('mapRpcError', () => {
  it('names the customer that has not granted reseller access', () => {
    const error = mapRpcError(
      403,
      rpc(403, 'PERMISSION_DENIED', [errorInfo(ERROR_REASONS.resellerAccessNotGranted, { customerId: 'C042' })]),
    );
    expect(error.code).toBe('no_reseller_access');
    expect(error.detail?.customerId).toBe('C042');
    expect(error.message).toBe('PERMISSION_DENIED message');
  });

  it('names the missing privilege', () => {
    const privilege = RESELLER_PRIVILEGES[0];
    const error = mapRpcError(
      403,
      rpc(403, 'PERMISSION_DENIED', [errorInfo(ERROR_REASONS.missingPrivilege, { privilege })]),
    );
    expect(error.code).toBe('missing_privilege');
    expect(error.detail?.privilege).toBe(privilege);
  });

  it('maps the reseller-domain mismatch, Premium-only escalation and the reopen window', () => {
    expect(
      mapRpcError(403, rpc(403, 'PERMISSION_DENIED', [errorInfo(ERROR_REASONS.wrongResellerDomain, {})])).code,
    ).toBe('wrong_domain');
    const premium = mapRpcError(
      400,
      rpc(400, 'FAILED_PRECONDITION', [errorInfo(ERROR_REASONS.escalationRequiresPremium, {})]),
    );
    expect(premium.code).toBe('failed_precondition');
    expect(premium.detail?.reason).toBe(ERROR_REASONS.escalationRequiresPremium);
    const reopen = mapRpcError(
      400,
      rpc(400, 'FAILED_PRECONDITION', [
        errorInfo(ERROR_REASONS.reopenWindowExpired, { closeTime: '2026-01-02T03:04:05.000Z', reason: 'spoofed' }),
      ]),
    );
    expect(reopen.detail?.reason).toBe(ERROR_REASONS.reopenWindowExpired);
    expect(reopen.detail?.closeTime).toBe('2026-01-02T03:04:05.000Z');
  });

  it('maps not found, bad field, too large', () => {
    expect(mapRpcError(404, rpc(404, 'NOT_FOUND')).code).toBe('not_found');
    const bad = mapRpcError(400, {
      error: {
        code: 400,
        message: 'bad',
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'priority', description: 'x' }],
          },
        ],
      },
    });
    expect(bad.code).toBe('invalid_argument');
    expect(bad.detail?.field).toBe('priority');
    expect(
      mapRpcError(400, rpc(400, 'INVALID_ARGUMENT', [errorInfo(ERROR_REASONS.attachmentTooLarge, { maxBytes: '10' })]))
        .code,
    ).toBe('too_large');
  });

  it('reads the wait of a 429 from Retry-After, or from RetryInfo', () => {
    expect(mapRpcError(429, rpc(429, 'RESOURCE_EXHAUSTED'), { retryAfterHeader: '7' }).detail?.retryAfterMs).toBe(
      '7000',
    );
    const fromDetail = mapRpcError(
      429,
      rpc(429, 'RESOURCE_EXHAUSTED', [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.500s' }]),
    );
    expect(fromDetail.code).toBe('quota');
    expect(fromDetail.detail?.retryAfterMs).toBe('1500');
  });

  it('marks a failed write as possibly committed, and keeps the raw status for the retry policy', () => {
    const error = mapRpcError(503, rpc(503, 'UNAVAILABLE'), { write: true });
    expect(error.code).toBe('server');
    expect(error.detail).toMatchObject({ status: 'UNAVAILABLE', httpStatus: '503', maybeCommitted: 'true' });
    expect(mapRpcError(503, rpc(503, 'UNAVAILABLE')).detail?.maybeCommitted).toBeUndefined();
  });

  it('copes with bodies that are not google.rpc.Status', () => {
    expect(mapRpcError(502, 'Bad gateway').code).toBe('server');
    expect(mapRpcError(503, undefined).detail?.status).toBe('UNAVAILABLE');
    expect(mapRpcError(418, { error: 'teapot' }).code).toBe('internal');
  });
});

describe('mapOAuthError', () => {
  it('turns a dead refresh token into session_expired', () => {
    expect(
      mapOAuthError(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' }),
    ).toMatchObject({
      code: 'session_expired',
      message: 'Token has been expired or revoked.',
    });
    expect(mapOAuthError(400, { error: 'invalid_rapt' }).code).toBe('session_expired');
  });

  it('names other OAuth errors', () => {
    expect(mapOAuthError(401, { error: 'invalid_client' })).toMatchObject({
      code: 'invalid_argument',
      detail: { reason: 'invalid_client' },
    });
  });
});

describe('mapNetworkError', () => {
  const refused = new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
  });
  const reset = new TypeError('fetch failed', {
    cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
  });

  it('says offline, and only flags a write as maybe committed if it may have left', () => {
    expect(mapNetworkError(refused, { write: true })).toMatchObject({
      code: 'offline',
      detail: { cause: 'ECONNREFUSED' },
    });
    expect(mapNetworkError(refused, { write: true }).detail?.maybeCommitted).toBeUndefined();
    expect(mapNetworkError(reset, { write: true }).detail?.maybeCommitted).toBe('true');
    expect(mapNetworkError(reset, { write: false }).detail?.maybeCommitted).toBeUndefined();
  });

  it('finds codes inside an AggregateError', () => {
    const both = new TypeError('fetch failed', {
      cause: new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })]),
    });
    expect(mapNetworkError(both).detail?.cause).toBe('ECONNREFUSED');
  });

  it('tells a cancellation from a timeout', () => {
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('aborted', 'AbortError');
    expect(mapNetworkError(abort, { callerSignal: controller.signal }).code).toBe('cancelled');
    expect(mapNetworkError(abort, { timedOut: true }).code).toBe('timeout');
  });
});

describe('retryAfterFromHeader', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterFromHeader('3')).toBe(3000);
    expect(retryAfterFromHeader('Thu, 01 Jan 2026 00:00:10 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(10_000);
    expect(retryAfterFromHeader('soon')).toBeUndefined();
    expect(retryAfterFromHeader(null)).toBeUndefined();
  });
});

describe('mapNetworkError for cancelled writes', () => {
  it('flags a write cancelled in flight as maybe committed, a read not', () => {
    const controller = new AbortController();
    controller.abort();
    const abort = new DOMException('aborted', 'AbortError');
    expect(mapNetworkError(abort, { callerSignal: controller.signal, write: true }).detail?.maybeCommitted).toBe(
      'true',
    );
    expect(mapNetworkError(abort, { callerSignal: controller.signal }).detail).toBeUndefined();
  });
});
