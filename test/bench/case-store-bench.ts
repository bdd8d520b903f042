/**
 * The case cache in SQLite at the emulator's scale data set (1,000 customers and 50,000
 * cases per demo domain, ~45,000 of them visible to each): first sync of each domain,
 * the core's memory with both synced (after GC), a restart timed to each domain's first
 * rows, the check on open, and the keyword per keystroke with and without the full-text
 * index. The emulator runs here; the core in a worker process, so its memory is its own,
 * bundled by esbuild and run by bare Node as the app's main process is.
 * Run: npx tsx test/bench/case-store-bench.ts  (CUSTOMERS=1000 CASES=50000 by default)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startEmulator } from '../../main/emulator';
import { startBundledWorker } from './bench-worker';
import { bundleWorker } from './bundle-worker';
import type { WorkerInput } from './case-store-worker';

const customersPerDomain = Number(process.env.CUSTOMERS ?? 1000);
const casesPerDomain = Number(process.env.CASES ?? 50_000);

interface Reply {
  figures: Record<string, number>;
  secrets?: [string, string][];
  store?: [string, string][];
}

async function runPhase(bundle: string, input: WorkerInput, reply: string): Promise<Reply> {
  const worker = startBundledWorker(bundle, input);
  try {
    return (await worker.next(reply)) as Reply;
  } finally {
    await worker.exited;
  }
}

export async function benchCaseStore(): Promise<Record<string, number>> {
  const emulator = await startEmulator({
    dataset: { scale: { customersPerDomain, casesPerDomain } },
    agent: false,
    rateLimitPerMinute: 10_000_000,
    accessTokenTtlSec: 3600,
  });
  // The app's main process runs an esbuild bundle under bare Node: so does the measured core.
  const bundle = await bundleWorker('case-store-worker.ts');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'partner-desk-case-store-bench-'));
  try {
    const base = { endpoints: emulator.endpoints, dataDir };
    const synced = await runPhase(bundle, { ...base, phase: 'sync', secrets: [], store: [] }, 'synced');
    const restarted = await runPhase(
      bundle,
      { ...base, phase: 'restart', secrets: synced.secrets ?? [], store: synced.store ?? [] },
      'restarted',
    );
    return { ...synced.figures, ...restarted.figures };
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await emulator.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchCaseStore();
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(18)} ${value.toFixed(1)}`);
}
