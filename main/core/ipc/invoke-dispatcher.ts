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
        error: new AppError('bad_request', `Unknown channel: ${String(channel).slice(0, 80)}`).toData(),
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

export type InvokeDispatcher = ReturnType<typeof createInvokeDispatcher>;
