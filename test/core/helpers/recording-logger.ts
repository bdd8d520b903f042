import type { Logger } from '../../../main/core/ports';

export interface RecordingLogger extends Logger {
  entries: { level: keyof Logger; message: string; detail?: unknown }[];
}

/** A Logger that keeps what it was told, for tests that check what reached the log. */
export function recordingLogger(): RecordingLogger {
  const entries: RecordingLogger['entries'] = [];
  return {
    entries,
    info: (message, detail) => entries.push({ level: 'info', message, detail }),
    warn: (message, detail) => entries.push({ level: 'warn', message, detail }),
    error: (message, detail) => entries.push({ level: 'error', message, detail }),
  };
}
