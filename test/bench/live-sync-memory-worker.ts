/**
 * The core's side of the live-sync memory figure (live-sync-bench.ts), in its own process
 * so that its memory is the core's alone (the emulator lives in the parent). Signs each
 * demo domain in, syncs it in full, then lets the live sync run on its own schedule for
 * a while and reads the resident memory after GC, with one, two and three domains signed in.
 */
import { systemClock } from '../../main/core/ports';
import {
  BOREAL_DOMAIN,
  BOREAL_USER,
  DEMO_USERS,
  LUMIERE_DOMAIN,
  NORTHWIND_DOMAIN,
  type RunningEmulator,
} from '../../main/emulator';
import { removeDataDir, startCoreHarness } from '../core/helpers/core-harness';
import { benchInput, toParent } from './bench-worker';

export interface MemoryWorkerInput {
  endpoints: RunningEmulator['endpoints'];
  /** How long the live sync runs before each reading. */
  liveMs: number;
}

const DOMAINS = [
  { domain: NORTHWIND_DOMAIN, user: DEMO_USERS.alex },
  { domain: LUMIERE_DOMAIN, user: DEMO_USERS.claire },
  // The scale data set's third domain (resellerDomains: 3).
  { domain: BOREAL_DOMAIN, user: BOREAL_USER },
] as const;

const MB = 1024 * 1024;

/**
 * Resident memory after GC, with the V8 heap (used, and committed: its young generation can
 * stay grown to 32 MB after a first sync, which alone moves the RSS by as much from one run
 * to the next) and the memory outside it held by JS objects (buffers; SQLite's is in neither).
 */
async function settledMemory(): Promise<{ rss: number; heap: number; heapTotal: number; external: number }> {
  for (let i = 0; i < 3; i += 1) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const usage = process.memoryUsage();
  return {
    rss: usage.rss / MB,
    heap: usage.heapUsed / MB,
    heapTotal: usage.heapTotal / MB,
    external: usage.external / MB,
  };
}

const input = benchInput<MemoryWorkerInput>();
const harness = await startCoreHarness({
  emulator: { endpoints: input.endpoints } as RunningEmulator,
  clock: systemClock,
  // The app's own schedule (a 1 ms floor leaves every default interval as it is).
  syncIntervalMs: 1,
  syncFollowUpMs: 5_000,
});
try {
  const figures: Record<string, number> = { floorRssMb: (await settledMemory()).rss };
  for (const [index, { domain, user }] of DOMAINS.entries()) {
    await harness.core.handlers['account:signIn']({ domain, loginHint: user });
    const status = await harness.core.handlers['sync:now']({ domain });
    if (status.state !== 'idle') throw new Error(`The first sync of ${domain} ended ${status.state}.`);
    await new Promise((resolve) => setTimeout(resolve, input.liveMs));
    const memory = await settledMemory();
    figures[`liveRssMb${index + 1}`] = memory.rss;
    figures[`liveHeapMb${index + 1}`] = memory.heap;
    figures[`liveHeapTotalMb${index + 1}`] = memory.heapTotal;
    figures[`liveExternalMb${index + 1}`] = memory.external;
  }
  figures.liveRequests = harness.requests.length;
  toParent({ type: 'measured', figures });
} finally {
  await harness.dispose();
  await removeDataDir(harness.dataDir);
}
process.exit(0);
