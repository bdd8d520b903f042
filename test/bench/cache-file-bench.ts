/**
 * How long saving and loading (file, then file + index) a domain's case cache blocks the event loop at 45,000
 * cases (the emulator's scale data set), the main process's IPC answers waiting meanwhile.
 * Run: npx tsx test/bench/cache-file-bench.ts  (CASES=45000 by default)
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import {
  CACHE_FORMAT,
  cacheFilePath,
  readCacheFile,
  writeCacheFile,
  type CachedCase,
  type CacheSnapshot,
} from '../../main/core/cases/cache-file';
import { DomainCache } from '../../main/core/cases/domain-cache';
import { systemClock } from '../../main/core/ports';
import { CASE_STATE_VALUES, PRIORITY_VALUES } from '../../shared/model/case';

const DOMAIN = 'northwind-reseller.example';
const COUNT = Number(process.env.CASES ?? 45_000);

function syntheticCase(i: number): CachedCase {
  const customer = i % 1000;
  const created = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  return {
    threadLoaded: i % 10 === 0,
    detail: {
      name: `organizations/${100000 + customer}/cases/${9000000 + i}`,
      domain: DOMAIN,
      customerId: `C${customer}`,
      customerName: `Customer ${customer}`,
      title: `Mailbox sync problem for user ${i % 977}`,
      state: CASE_STATE_VALUES[i % CASE_STATE_VALUES.length]!,
      priority: PRIORITY_VALUES[(i * 3) % PRIORITY_VALUES.length]!,
      category: 'Gmail',
      createTime: created,
      updateTime: created,
      escalated: false,
      pending: false,
      description: `The mailbox of the customer stopped syncing after ${i % 313} minutes. `.repeat(4),
      classificationId: 'gmail',
      timeZone: 'Europe/Paris',
      languageCode: 'fr',
      subscriberEmailAddresses: [`admin@customer${customer}.example`],
      contactEmail: `admin@customer${customer}.example`,
      creator: { displayName: 'Alex', email: 'alex@northwind-reseller.example', googleSupport: false },
      comments:
        i % 10 === 0
          ? [
              {
                name: `organizations/${100000 + customer}/cases/${9000000 + i}/comments/1`,
                body: 'We raised the quota; please check again.',
                createTime: created,
                creator: { displayName: 'Google', googleSupport: true },
              },
            ]
          : [],
      attachments: [],
    },
  };
}

/** Runs `work` while sampling the event loop; reports its wall time and the longest block seen. */
async function measure(work: () => Promise<unknown>): Promise<{ wallMs: number; maxBlockMs: number }> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  // The histogram records a block on its next sample: let that sample run.
  await new Promise((resolve) => setTimeout(resolve, 20));
  histogram.disable();
  // The histogram's delays include its own sampling period.
  return { wallMs, maxBlockMs: Math.max(0, histogram.max / 1e6 - 5) };
}

export async function benchCacheFile(): Promise<Record<string, number>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'partner-desk-cache-bench-'));
  try {
    const file = cacheFilePath(dir, DOMAIN);
    const snapshot: CacheSnapshot = {
      format: CACHE_FORMAT,
      domain: DOMAIN,
      lastSyncedAt: new Date().toISOString(),
      cursors: {},
      customers: [],
      cases: Array.from({ length: COUNT }, (_, i) => syntheticCase(i)),
    };
    // A first save and load warm up the code paths, as in a running app.
    await writeCacheFile(file, snapshot);
    await readCacheFile(file, DOMAIN);
    const save = await measure(() => writeCacheFile(file, snapshot));
    const sizeMb = (await stat(file)).size / 1e6;
    let loaded = 0;
    const load = await measure(async () => {
      const result = await readCacheFile(file, DOMAIN);
      if (result.kind === 'loaded') loaded = result.snapshot.cases.length;
    });
    if (loaded !== COUNT) throw new Error(`read back ${loaded} of ${COUNT} cases`);
    const cache = new DomainCache({ domain: DOMAIN, file, clock: systemClock, log: console });
    const restore = await measure(() => cache.load());
    if (cache.caseCount !== COUNT) throw new Error(`restored ${cache.caseCount} of ${COUNT} cases`);
    return {
      cases: COUNT,
      sizeMb,
      saveMs: save.wallMs,
      saveMaxBlockMs: save.maxBlockMs,
      loadMs: load.wallMs,
      loadMaxBlockMs: load.maxBlockMs,
      restoreMs: restore.wallMs,
      restoreMaxBlockMs: restore.maxBlockMs,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await benchCacheFile();
  for (const [key, value] of Object.entries(figures)) console.log(`${key.padEnd(16)} ${value.toFixed(1)}`);
}
