/**
 * The app core against a scale emulator: first sync of a large reseller domain, its
 * database read back after a restart, and list queries on the synced data.
 * Run: npx tsx test/bench/core-sync-bench.ts  (CUSTOMERS=1000 CASES=50000 by default)
 */
import { stat } from 'node:fs/promises';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DEMO_USERS, NORTHWIND_DOMAIN, startEmulator } from '../../main/emulator';
import { EMPTY_CASE_FILTERS, type CaseQuery } from '../../shared/model/case-query';
import { removeDataDir, startCoreHarness } from '../core/helpers/core-harness';

const customersPerDomain = Number(process.env.CUSTOMERS ?? 1000);
const casesPerDomain = Number(process.env.CASES ?? 50_000);

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main() {
  let started = performance.now();
  const emulator = await startEmulator({
    dataset: { scale: { customersPerDomain, casesPerDomain } },
    control: true,
    agent: false,
    rateLimitPerMinute: 1_000_000,
  });
  console.log(
    `emulator with ${customersPerDomain} customers, ${casesPerDomain} cases per domain: ${seconds(performance.now() - started)}`,
  );
  const first = await startCoreHarness({ emulator });
  await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
  started = performance.now();
  const status = await first.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN });
  const query: CaseQuery = {
    domain: NORTHWIND_DOMAIN,
    filters: EMPTY_CASE_FILTERS,
    sort: { key: 'updateTime', direction: 'desc' },
    offset: 0,
    limit: 100,
  };
  const total = (await first.core.handlers['cases:query'](query)).total;
  console.log(
    `first sync: ${status.state}, ${total} cases, ${first.requests.length} requests, ${seconds(performance.now() - started)}`,
  );
  started = performance.now();
  await first.dispose();
  const size = (await stat(databaseFilePath(first.dataDir, NORTHWIND_DOMAIN))).size;
  console.log(`closed: database of ${(size / 1e6).toFixed(1)} MB, in ${seconds(performance.now() - started)}`);

  emulator.control.faults.add({ route: '*', kind: 'drop-before-commit', times: Infinity });
  const second = await startCoreHarness({ emulator, reuse: first });
  started = performance.now();
  await second.core.start();
  const fromCache = await second.core.handlers['cases:query'](query);
  console.log(
    `restart (cache loaded and indexed, first query answered): ${seconds(performance.now() - started)}, total ${fromCache.total}`,
  );
  for (const keyword of ['g', 'gm', 'gma', 'gmai', 'gmail', 'gmail d', 'gmail de', 'gmail del']) {
    const t = performance.now();
    const result = await second.core.handlers['cases:query']({ ...query, filters: { ...EMPTY_CASE_FILTERS, keyword } });
    console.log(
      `  keystroke ${JSON.stringify(keyword).padEnd(12)} ${(performance.now() - t).toFixed(2).padStart(7)} ms  (${result.total} matches)`,
    );
  }
  await second.dispose();
  await removeDataDir(first.dataDir);
  await emulator.close();
}

await main();
