/**
 * The core's side of case-store-bench.ts, in its own process so that its memory is the
 * core's alone (the emulator and its data set live in the parent). Phase `sync`: signs
 * both demo domains in and syncs them in full; phase `restart`: a core started on the
 * same data directory, timed to its first rows per domain, then the keyword per keystroke.
 */
import { rm } from 'node:fs/promises';
import { DomainCache, fullTextQuery } from '../../main/core/cases/domain-cache';
import { systemClock } from '../../main/core/ports';
import { CaseStore } from '../../main/core/storage/case-store';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DomainDatabase } from '../../main/core/storage/domain-database';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, type RunningEmulator } from '../../main/emulator';
import { EMPTY_CASE_FILTERS, type CaseQuery } from '../../shared/model/case-query';
import { startCoreHarness } from '../core/helpers/core-harness';
import { MemoryKeyValueStore, MemorySecretStore } from '../core/helpers/memory-stores';
import { benchInput, toParent } from './bench-worker';

export interface WorkerInput {
  phase: 'sync' | 'restart';
  endpoints: RunningEmulator['endpoints'];
  dataDir: string;
  secrets: [string, string][];
  store: [string, string][];
}

export const DOMAINS = [
  { domain: NORTHWIND_DOMAIN, user: DEMO_USERS.alex },
  { domain: LUMIERE_DOMAIN, user: DEMO_USERS.claire },
] as const;

const MB = 1024 * 1024;
/** Words of the scale data set's descriptions, typed a letter at a time (English and French). */
const TYPED_WORDS = ['suppliers', 'headers', 'external', 'utilisateurs', 'fournisseurs', 'domaine', 'afternoon'];
const MAX_TYPED_LETTERS = 6;

const firstWindow = (domain: string): CaseQuery => ({
  domain,
  filters: EMPTY_CASE_FILTERS,
  sort: { key: 'updateTime', direction: 'desc' },
  offset: 0,
  limit: 100,
});

async function settledMemory(): Promise<{ rssMb: number; heapMb: number; heapTotalMb: number }> {
  for (let i = 0; i < 3; i += 1) {
    globalThis.gc?.();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / MB, heapMb: usage.heapUsed / MB, heapTotalMb: usage.heapTotal / MB };
}

function harnessFor(input: WorkerInput) {
  const secrets = new MemorySecretStore();
  const store = new MemoryKeyValueStore();
  for (const [key, value] of input.secrets) secrets.entries.set(key, value);
  for (const [key, value] of input.store) store.entries.set(key, value);
  // The harness needs only the emulator's endpoints; the emulator itself runs in the parent.
  return startCoreHarness({
    emulator: { endpoints: input.endpoints } as RunningEmulator,
    reuse: { secrets, store, dataDir: input.dataDir },
    syncIntervalMs: 3_600_000,
  });
}

async function syncPhase(input: WorkerInput): Promise<void> {
  const figures: Record<string, number> = {};
  // This process's floor (Node, the bundled core's modules), before any domain is signed in.
  figures.floorRssMb = (await settledMemory()).rssMb;
  const harness = await harnessFor(input);
  await harness.core.start();
  for (const [index, { domain, user }] of DOMAINS.entries()) {
    const started = performance.now();
    await harness.core.handlers['account:signIn']({ domain, loginHint: user });
    const status = await harness.core.handlers['sync:now']({ domain });
    if (status.state === 'error') throw new Error(`sync of ${domain} failed: ${JSON.stringify(status.error)}`);
    figures[`syncMs${index}`] = performance.now() - started;
    figures[`cases${index}`] = (await harness.core.handlers['cases:query'](firstWindow(domain))).total;
  }
  const memory = await settledMemory();
  figures.syncedRssMb = memory.rssMb;
  figures.syncedHeapMb = memory.heapMb;
  figures.syncedHeapTotalMb = memory.heapTotalMb;
  await harness.dispose();
  toParent({
    type: 'synced',
    figures,
    secrets: [...harness.secrets.entries],
    store: [...harness.store.entries],
  });
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}

async function restartPhase(input: WorkerInput): Promise<void> {
  const harness = await harnessFor(input);
  const figures: Record<string, number> = {};
  const started = performance.now();
  const starting = harness.core.start();
  // Each domain's first rows, as soon as its tab can answer (the renderer asks as soon as the tab appears).
  await Promise.all(
    DOMAINS.map(async ({ domain }, index) => {
      for (;;) {
        const answer = await harness.core.handlers['cases:query'](firstWindow(domain)).catch(() => undefined);
        if (answer && answer.rows.length > 0) {
          figures[`firstRowsMs${index}`] = performance.now() - started;
          return;
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    }),
  );
  await starting;
  // Each tab announces cases:changed once its in-memory index is built: memory counts it.
  await Promise.all(
    DOMAINS.map(({ domain }) => harness.waitForEvent('cases:changed', (payload) => payload.domain === domain, 120_000)),
  );
  const memory = await settledMemory();
  figures.restartedRssMb = memory.rssMb;
  figures.restartedHeapMb = memory.heapMb;
  figures.restartedHeapTotalMb = memory.heapTotalMb;
  await harness.dispose();

  // The cost of the check on open, and the keyword per keystroke, on the same databases.
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const { domain } = DOMAINS[0];
  const openStarted = performance.now();
  const { database } = await DomainDatabase.open({
    file: databaseFilePath(input.dataDir, domain),
    domain,
    now: Date.now,
    log,
  });
  figures.openMs = performance.now() - openStarted;
  const checkStarted = performance.now();
  database.sql.pragma('quick_check');
  figures.quickCheckMs = performance.now() - checkStarted;
  const cache = new DomainCache({ domain, database, clock: systemClock, log });
  await cache.load();
  cache.startIndexing();
  await cache.indexed;
  const store = new CaseStore(database);
  const inMemory: number[][] = Array.from({ length: MAX_TYPED_LETTERS }, () => []);
  const withText: number[][] = Array.from({ length: MAX_TYPED_LETTERS }, () => []);
  const textOnly: number[][] = Array.from({ length: MAX_TYPED_LETTERS }, () => []);
  // Each word typed a letter at a time, as a user would, once per sort order: the first
  // keystroke of a word finds no earlier result to refine. In memory only, then with the
  // text index joined (another sort, so neither pass reuses the other's results).
  const sorts = [
    { key: 'updateTime', direction: 'desc' },
    { key: 'title', direction: 'asc' },
    { key: 'createTime', direction: 'desc' },
    { key: 'priority', direction: 'asc' },
  ] as const;
  for (const [pass, samples] of [inMemory, withText].entries()) {
    for (const [round, sort] of sorts.entries()) {
      if (round % 2 !== pass) continue;
      const typing = (keyword: string): CaseQuery => ({
        ...firstWindow(domain),
        sort,
        filters: { ...EMPTY_CASE_FILTERS, keyword },
      });
      // The sort order itself is built by the list's first query, not by a keystroke.
      cache.query(typing(''));
      for (const word of TYPED_WORDS) {
        for (let letters = 1; letters <= MAX_TYPED_LETTERS; letters += 1) {
          const query = typing(word.slice(0, letters));
          const t = performance.now();
          if (samples === withText) cache.query({ ...query, textMatches: cache.textMatches(query.filters.keyword) });
          else cache.query(query);
          samples[letters - 1]!.push(performance.now() - t);
          const ftsQuery = fullTextQuery(query.filters.keyword);
          if (ftsQuery && samples === withText) {
            const started = performance.now();
            store.matchText(ftsQuery);
            textOnly[letters - 1]!.push(performance.now() - started);
          }
        }
      }
    }
  }
  for (let letters = 1; letters <= MAX_TYPED_LETTERS; letters += 1) {
    figures[`memoryP50Ms${letters}`] = percentile(inMemory[letters - 1]!, 0.5);
    figures[`memoryP95Ms${letters}`] = percentile(inMemory[letters - 1]!, 0.95);
    figures[`queryP50Ms${letters}`] = percentile(withText[letters - 1]!, 0.5);
    figures[`queryP95Ms${letters}`] = percentile(withText[letters - 1]!, 0.95);
    if (textOnly[letters - 1]!.length > 0) figures[`ftsP95Ms${letters}`] = percentile(textOnly[letters - 1]!, 0.95);
  }
  database.close();
  toParent({ type: 'restarted', figures });
}

const input = benchInput<WorkerInput>();
try {
  if (input.phase === 'sync') await syncPhase(input);
  else await restartPhase(input);
} catch (error) {
  console.error(error);
  await rm(input.dataDir, { recursive: true, force: true });
  process.exit(1);
}
process.exit(0);
