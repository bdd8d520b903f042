import { z } from 'zod';

/**
 * Errors as the user can act on them. The API client maps Google's google.rpc.Status
 * (and network failures) to these; IPC carries them to the renderer, which words them
 * in the user's language from `code` and `detail`.
 */
export const APP_ERROR_CODES = [
  'no_reseller_access', // the customer has not authorized reseller access (detail.customerId)
  'missing_privilege', // the user lacks a reseller privilege (detail.privilege)
  'not_found', // not found, or invisible to this reseller (another reseller filed it)
  'quota', // 429: rate limited (detail.retryAfterMs)
  'offline', // no connection to the server
  'session_expired', // refresh token dead: sign this domain in again
  'invalid_argument', // the request was refused as malformed (detail.field)
  'failed_precondition', // e.g. reopen window expired, escalation needs Premium (detail.reason)
  'server', // 5xx after retries
  'timeout',
  'cancelled',
  'too_large', // attachment above the size limit
  'wrong_domain', // signed in with an account of another domain
  'bad_request', // an IPC payload failed its schema
  'internal', // a bug on our side
  'core_lost', // the window lost the app's core (main crashed, the preview's server stopped): not the network
  'keychain_unavailable', // the store of sign-ins cannot be reached or read (detail.store, detail.reason)
] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/**
 * `detail.reason` of a failed_precondition the renderer words: escalation needs Premium
 * support (detail.customerId), or the case was closed more than 30 days ago
 * (detail.closedAt, detail.deadline). Other reasons are Google's own, shown generically.
 */
export const PRECONDITION_REASONS = {
  notPremium: 'not_premium',
  reopenWindowExpired: 'reopen_window_expired',
} as const;

export const appErrorSchema = z.object({
  code: z.enum(APP_ERROR_CODES),
  message: z.string(),
  detail: z.record(z.string(), z.string()).optional(),
});
export type AppErrorData = z.infer<typeof appErrorSchema>;

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly detail: Record<string, string> | undefined;

  constructor(code: AppErrorCode, message: string, detail?: Record<string, string>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
    this.detail = detail;
  }

  toData(): AppErrorData {
    return this.detail
      ? { code: this.code, message: this.message, detail: this.detail }
      : { code: this.code, message: this.message };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.detail);
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
