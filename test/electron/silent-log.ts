import { vi } from 'vitest';

/** A Logger whose calls tests can inspect, and that prints nothing. */
export function silentLog() {
  return { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
}
