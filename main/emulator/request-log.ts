import type { FaultKind } from './faults';

export interface RequestLogEntry {
  time: number;
  method: string;
  path: string;
  route: string;
  /** HTTP status sent; 0 when the connection was dropped without a response. */
  status: number;
  tokenEmail?: string;
  tokenDomain?: string;
  /** The reseller domain owning the addressed customer/case, when known. */
  targetDomain?: string;
  /** The fault injected into this request, if any (a failure wins over added latency). */
  fault?: FaultKind;
}

const MAX_ENTRIES = 20_000;

/** Every API and OAuth request the emulator answered (control calls excluded), newest last. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private counts = new Map<string, number>();

  record(entry: RequestLogEntry): void {
    this.entries.push(entry);
    if (this.entries.length > MAX_ENTRIES) this.entries.splice(0, this.entries.length - MAX_ENTRIES);
    this.counts.set(entry.route, (this.counts.get(entry.route) ?? 0) + 1);
  }

  list(): RequestLogEntry[] {
    return this.entries.map((entry) => ({ ...entry }));
  }

  countsByRoute(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  clear(): void {
    this.entries = [];
    this.counts.clear();
  }
}
