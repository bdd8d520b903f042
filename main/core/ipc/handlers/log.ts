import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { Clock, Logger } from '../../ports';

/** One renderer entry keeps at most this much of its message (a stack's first dozen frames fit). */
export const RENDERER_LOG_MAX_CHARS = 2_000;
/** A renderer failing in a loop may write this many entries a minute; the rest are counted, then noted once. */
export const RENDERER_LOG_ENTRIES_PER_MINUTE = 60;

export interface LogHandlersDeps {
  log: Logger;
  clock: Clock;
}

/**
 * Renderer failures into main's log, at the level the renderer gave. The text is the
 * renderer's: cut to RENDERER_LOG_MAX_CHARS, its control characters dropped and every
 * line after the first indented, so it can never pass for an entry of main's own.
 */
export function logHandlers({ log, clock }: LogHandlersDeps): Pick<InvokeHandlers, 'log:write'> {
  let windowStart = Number.NEGATIVE_INFINITY;
  let written = 0;
  let dropped = 0;
  return {
    'log:write': async ({ level, message }) => {
      const now = clock.now();
      if (now - windowStart >= 60_000) {
        if (dropped > 0) log.warn(`renderer: ${dropped} more log entries dropped in the last minute`);
        windowStart = now;
        written = 0;
        dropped = 0;
      }
      if (written >= RENDERER_LOG_ENTRIES_PER_MINUTE) {
        dropped += 1;
        return {};
      }
      written += 1;
      log[level](`renderer: ${sanitize(message)}`);
      return {};
    },
  };
}

function sanitize(message: string): string {
  const cut =
    message.length > RENDERER_LOG_MAX_CHARS
      ? `${message.slice(0, RENDERER_LOG_MAX_CHARS)}… (${message.length - RENDERER_LOG_MAX_CHARS} more characters)`
      : message;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, '').replace(/\n/g, '\n    ');
}
