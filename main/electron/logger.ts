import { appendFile, mkdir, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Logger } from '../core/ports';

function describe(value: unknown): string {
  if (value === undefined) return '';
  if (value instanceof Error) return ` ${value.stack ?? `${value.name}: ${value.message}`}`;
  try {
    return ` ${JSON.stringify(value)}`;
  } catch {
    return ` ${String(value)}`;
  }
}

const ROTATE_AT_BYTES = 5 * 1024 * 1024;

async function prepare(logFile: string): Promise<void> {
  await mkdir(dirname(logFile), { recursive: true });
  const size = await stat(logFile).then(
    (s) => s.size,
    () => 0,
  );
  // One previous file is kept, so a log never grows without bound.
  if (size > ROTATE_AT_BYTES) await rename(logFile, `${logFile}.old`);
}

/**
 * Logs to the console and appends to `logFile`, one line per entry. Writes are chained so
 * lines keep their order; a failing disk never throws into the caller.
 */
export function createFileLogger(logFile: string): Logger {
  let pending = prepare(logFile).catch(() => undefined);
  const write = (level: 'info' | 'warn' | 'error', message: string, data: unknown) => {
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}${describe(data)}\n`;
    (level === 'error' ? console.error : level === 'warn' ? console.warn : console.log)(line.trimEnd());
    pending = pending.then(() => appendFile(logFile, line)).catch(() => undefined);
  };
  return {
    info: (message, data) => write('info', message, data),
    warn: (message, data) => write('warn', message, data),
    error: (message, error) => write('error', message, error),
  };
}
