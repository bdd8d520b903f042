import { AppError } from '../../shared/app-error';
import type { InvokeRequest, InvokeResponse } from '../../shared/ipc/contract';

/** The longest message the log:write channel accepts (its contract schema). */
export const LOG_WRITE_MAX_CHARS = 4_000;

/** The renderer's failures, sent to main's log file (and mirrored to the devtools console). */
export interface RendererLog {
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

type LogWrite = (channel: 'log:write', request: InvokeRequest<'log:write'>) => Promise<InvokeResponse<'log:write'>>;

/** One line of text for a failure: an AppError's code, an Error's stack, anything else as JSON. */
export function describeFailure(message: string, error?: unknown): string {
  let detail = '';
  if (error instanceof AppError) detail = `${error.code}: ${error.stack ?? error.message}`;
  else if (error instanceof Error) detail = error.stack ?? `${error.name}: ${error.message}`;
  else if (error !== undefined) {
    try {
      detail = JSON.stringify(error) ?? String(error);
    } catch {
      detail = String(error);
    }
  }
  const text = detail ? `${message}: ${detail}` : message;
  return text.length > LOG_WRITE_MAX_CHARS ? `${text.slice(0, LOG_WRITE_MAX_CHARS - 1)}…` : text;
}

/** A failure to log is only shown in the console: logging it again would loop. */
export function createRendererLog(invoke: LogWrite): RendererLog {
  const write = (level: 'warn' | 'error', message: string, error: unknown) => {
    console[level](message, ...(error === undefined ? [] : [error]));
    invoke('log:write', { level, message: describeFailure(message, error) }).catch((failure: unknown) => {
      console.error('log:write failed', failure);
    });
  };
  return {
    warn: (message, error) => write('warn', message, error),
    error: (message, error) => write('error', message, error),
  };
}

/** Sends the window's uncaught errors and unhandled rejections to the log; returns the unsubscribe. */
export function reportUncaughtFailures(
  target: Pick<Window, 'addEventListener' | 'removeEventListener'>,
  log: RendererLog,
): () => void {
  const onError = (event: ErrorEvent) => {
    const where = event.filename ? ` (${event.filename}:${event.lineno}:${event.colno})` : '';
    log.error(`Uncaught error${where}: ${event.message}`, event.error);
  };
  const onRejection = (event: PromiseRejectionEvent) => log.error('Unhandled promise rejection', event.reason);
  target.addEventListener('error', onError);
  target.addEventListener('unhandledrejection', onRejection);
  return () => {
    target.removeEventListener('error', onError);
    target.removeEventListener('unhandledrejection', onRejection);
  };
}
