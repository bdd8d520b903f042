import { AppError } from '../../../shared/app-error';
import { invokeChannels, isInvokeChannel, type InvokeHandlers, type InvokeResult } from '../../../shared/ipc/contract';
import type { Logger } from '../ports';

/**
 * Checks an untrusted (channel, payload) pair against the contract, runs its handler and
 * turns any failure into an error result: nothing a renderer sends can throw out of here.
 * The transport (Electron IPC, preview WebSocket) checks who sent it before calling this.
 */
export function createInvokeDispatcher(handlers: InvokeHandlers, logger?: Pick<Logger, 'error'>) {
  return async function dispatch(channel: unknown, payload: unknown): Promise<InvokeResult<unknown>> {
    if (typeof channel !== 'string' || !isInvokeChannel(channel)) {
      return {
        ok: false,
        error: new AppError('bad_request', `Unknown channel: ${channelLabel(channel)}`).toData(),
      };
    }
    const parsed = invokeChannels[channel].request.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? issue.path.join('.') : 'request';
      return {
        ok: false,
        error: new AppError('bad_request', `Invalid ${channel} request: ${where}: ${issue?.message ?? 'invalid'}`, {
          field: where,
        }).toData(),
      };
    }
    try {
      const handler = handlers[channel] as (request: unknown) => Promise<unknown>;
      return { ok: true, value: await handler(parsed.data) };
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      logger?.error(`IPC handler ${channel} failed`, error);
      return { ok: false, error: new AppError('internal', 'Unexpected error in Partner Desk').toData() };
    }
  };
}

/**
 * An untrusted channel as a log or error may quote it. Never String() of an object: a
 * 10,000-level array overflows the stack there (the IPC fuzz found it answering `internal`).
 */
export function channelLabel(channel: unknown): string {
  if (typeof channel === 'object' && channel !== null) return Array.isArray(channel) ? '(an array)' : '(an object)';
  return String(channel).slice(0, 80);
}

export type InvokeDispatcher = ReturnType<typeof createInvokeDispatcher>;
