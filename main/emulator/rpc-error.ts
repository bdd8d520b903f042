import type { RpcCode, RpcDetail, RpcStatus } from '../google-wire/google-types';

const HTTP_STATUS: Record<RpcCode, number> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

/** The ErrorInfo domain Google puts on errors of its APIs. */
export const ERROR_DOMAIN = 'googleapis.com';

/** A google.rpc.Status raised by a handler; the server turns it into the JSON error body. */
export class RpcError extends Error {
  readonly code: RpcCode;
  readonly details: RpcDetail[];
  readonly headers: Record<string, string>;

  constructor(code: RpcCode, message: string, details: RpcDetail[] = [], headers: Record<string, string> = {}) {
    super(message);
    this.name = 'RpcError';
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get httpStatus(): number {
    return HTTP_STATUS[this.code];
  }

  toJson(): RpcStatus {
    const error: RpcStatus['error'] = { code: this.httpStatus, message: this.message, status: this.code };
    if (this.details.length > 0) error.details = this.details;
    return { error };
  }
}

export function errorInfo(reason: string, metadata?: Record<string, string>): RpcDetail {
  return metadata
    ? { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: ERROR_DOMAIN, metadata }
    : { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason, domain: ERROR_DOMAIN };
}

export function badRequest(fieldViolations: { field: string; description: string }[]): RpcDetail {
  return { '@type': 'type.googleapis.com/google.rpc.BadRequest', fieldViolations };
}

/** 400 INVALID_ARGUMENT listing each bad field, as Google reports request validation failures. */
export function invalidFields(violations: { field: string; description: string }[]): RpcError {
  const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return new RpcError('INVALID_ARGUMENT', `Request contains an invalid argument. ${summary}`, [badRequest(violations)]);
}
