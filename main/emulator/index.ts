import { emulatorEndpoints, type ApiEndpoints } from '../google-wire/google-types';
import { DEFAULT_START_TIME, EmulatorCore, type DatasetChoice, type EmulatorControl } from './emulator-core';
import { listen } from './server';

export type { EmulatorControl, DatasetChoice, CustomerFacts } from './emulator-core';
export type { FaultRule, FaultKind } from './faults';
export type { RequestLogEntry } from './request-log';
export type { DemoAccount } from './store/model';
export {
  DEMO_OAUTH_CLIENT_ID,
  DEMO_ACCOUNTS,
  DEMO_DOMAINS,
  DEMO_USERS,
  NORTHWIND_DOMAIN,
  LUMIERE_DOMAIN,
  BOREAL_DOMAIN,
  BOREAL_USER,
} from './seed/demo-accounts';
export { DEMO_CUSTOMERS } from './seed/demo-customers';
export { CASE_CLASSIFICATIONS } from './seed/classifications';
export { DEMO_SEED, FIRST_DEMO_CASE_ID } from './seed/demo-data';
export { DEFAULT_START_TIME } from './emulator-core';

export interface EmulatorOptions {
  /** Default 0: an ephemeral port. The host is always 127.0.0.1. */
  port?: number;
  /** Default 'demo'. */
  dataset?: DatasetChoice;
  /** Mount the HTTP control surface under /__control (tests only). Default false. */
  control?: boolean;
  /** Default 2000: cases.search sees a new case only after this; list/get at once. */
  indexingDelayMs?: number;
  /** Per user, default 300; above it 429 RESOURCE_EXHAUSTED with QuotaFailure and Retry-After. */
  rateLimitPerMinute?: number;
  /** Default 50 MiB; above it 400 INVALID_ARGUMENT (ErrorInfo ATTACHMENT_TOO_LARGE). */
  maxAttachmentBytes?: number;
  /** Default 600. */
  accessTokenTtlSec?: number;
  /** Simulated support agent, default true. */
  agent?: boolean;
  /** Tests: the clock only moves through control.clock.advance/set. Default false (real time). */
  manualClock?: boolean;
  /** ISO start of a manual clock; default DEFAULT_START_TIME. */
  startTime?: string;
  log?: (line: string) => void;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT */
  url: string;
  endpoints: ApiEndpoints;
  control: EmulatorControl;
  close(): Promise<void>;
}

/** Starts the Google API emulator (BACKEND.md §5) on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const manualClock = options.manualClock ?? false;
  const startTime = Date.parse(options.startTime ?? DEFAULT_START_TIME);
  if (Number.isNaN(startTime)) throw new RangeError(`startTime must be an ISO date-time, got "${options.startTime}".`);
  const settings = {
    ...(options.indexingDelayMs !== undefined ? { indexingDelayMs: options.indexingDelayMs } : {}),
    ...(options.rateLimitPerMinute !== undefined ? { rateLimitPerMinute: options.rateLimitPerMinute } : {}),
    ...(options.maxAttachmentBytes !== undefined ? { maxAttachmentBytes: options.maxAttachmentBytes } : {}),
    ...(options.accessTokenTtlSec !== undefined ? { accessTokenTtlSec: options.accessTokenTtlSec } : {}),
  };
  const core = new EmulatorCore({
    dataset: options.dataset ?? 'demo',
    manualClock,
    startTime: manualClock ? startTime : Date.now(),
    settings,
    agent: options.agent ?? true,
  });
  const { server, url } = await listen(core, {
    port: options.port ?? 0,
    control: options.control ?? false,
    ...(options.log ? { log: options.log } : {}),
  });
  // In real time the agent also acts between requests, so the app's polling sees changes as they happen.
  const ticker = manualClock ? undefined : setInterval(() => core.agent.catchUp(), 1000);
  ticker?.unref();
  options.log?.(`emulator listening on ${url}`);
  return {
    url,
    endpoints: emulatorEndpoints(url),
    control: core.control(),
    close: async () => {
      if (ticker) clearInterval(ticker);
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
