import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaseStore } from '../../main/core/storage/case-store';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DomainDatabase } from '../../main/core/storage/domain-database';
import { DEMO_USERS, LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../main/emulator';
import type { CaseDetail } from '../../shared/model/case';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { removeDataDir, startCoreHarness, type CoreHarness } from './helpers/core-harness';
import { recordingLogger } from './helpers/recording-logger';

const allCases = (domain: string) => ({
  domain,
  filters: EMPTY_CASE_FILTERS,
  sort: DEFAULT_CASE_SORT,
  offset: 0,
  limit: 1000,
});

/** Writes a case straight into a domain's database, as a damaged or tampered file would hold it. */
function plant(store: CaseStore, detail: CaseDetail, organization: string): void {
  store.putCase({
    ...detail,
    organization,
    threadLoaded: false,
    listingHash: 'planted',
    cachedAt: '2026-01-01T00:00:00Z',
    detailJson: JSON.stringify(detail),
    body: detail.description,
  });
}

describe('the case cache trusts the server, not the disk', () => {
  let emulator: RunningEmulator;
  let first: CoreHarness;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    first = await startCoreHarness({ emulator });
    await first.core.handlers['account:signIn']({ domain: NORTHWIND_DOMAIN, loginHint: DEMO_USERS.alex });
    await first.core.handlers['account:signIn']({ domain: LUMIERE_DOMAIN, loginHint: DEMO_USERS.claire });
    for (const domain of [NORTHWIND_DOMAIN, LUMIERE_DOMAIN]) await first.core.handlers['sync:now']({ domain });
  });
  afterAll(async () => {
    await first.dispose();
    await removeDataDir(first.dataDir);
    await emulator.close();
  });

  it("keeps each domain's cases in its own database only", async () => {
    await first.dispose();
    for (const [domain, other] of [
      [NORTHWIND_DOMAIN, LUMIERE_DOMAIN],
      [LUMIERE_DOMAIN, NORTHWIND_DOMAIN],
    ] as const) {
      const restarted = await startCoreHarness({ emulator, reuse: first });
      await restarted.core.start();
      const own = await restarted.core.handlers['customers:list']({ domain });
      const others = await restarted.core.handlers['customers:list']({ domain: other });
      const total = (await restarted.core.handlers['cases:query'](allCases(domain))).total;
      await restarted.dispose();
      const { database } = await DomainDatabase.open({
        file: databaseFilePath(first.dataDir, domain),
        domain,
        now: Date.now,
        log: recordingLogger(),
      });
      try {
        const store = new CaseStore(database);
        expect(store.namesOutside(own.flatMap((customer) => customer.organization ?? []))).toEqual([]);
        for (const customer of others) {
          if (customer.organization) expect(store.namesUnder(customer.organization)).toEqual([]);
        }
        expect([...store.casesPerCustomer().values()].reduce((sum, count) => sum + count, 0)).toBe(total);
      } finally {
        database.close();
      }
    }
  });

  it("drops another domain's cases planted in a database, and prunes what the server no longer lists", async () => {
    const harness = await startCoreHarness({ emulator, reuse: first });
    await harness.core.start();
    const lumiereRow = (await harness.core.handlers['cases:query'](allCases(LUMIERE_DOMAIN))).rows[0]!;
    const foreign = (await harness.core.handlers['case:get']({ domain: LUMIERE_DOMAIN, name: lumiereRow.name }))
      .detail!;
    const northwindRow = (await harness.core.handlers['cases:query'](allCases(NORTHWIND_DOMAIN))).rows[0]!;
    const organization = northwindRow.name.split('/cases/')[0]!;
    const before = await harness.core.handlers['cases:query'](allCases(NORTHWIND_DOMAIN));
    await harness.dispose();

    const { database } = await DomainDatabase.open({
      file: databaseFilePath(first.dataDir, NORTHWIND_DOMAIN),
      domain: NORTHWIND_DOMAIN,
      now: Date.now,
      log: recordingLogger(),
    });
    const store = new CaseStore(database);
    // Lumière's case, as if appended to Northwind's cache; and a case the server never had, under a real customer.
    plant(store, { ...foreign, domain: NORTHWIND_DOMAIN }, foreign.name.split('/cases/')[0]!);
    const stale: CaseDetail = { ...foreign, ...northwindRow, name: `${organization}/cases/999999999`, title: 'Stale' };
    plant(store, stale, organization);
    // Without its cursor, the next sync lists that customer in full.
    database.rebuildableTransaction(() => store.deleteCursor(organization));
    database.close();

    const restarted = await startCoreHarness({ emulator, reuse: first });
    try {
      await restarted.core.start();
      const names = async () =>
        (await restarted.core.handlers['cases:query'](allCases(NORTHWIND_DOMAIN))).rows.map((row) => row.name);
      expect(await names()).not.toContain(foreign.name);
      expect(await names()).toContain(stale.name);
      expect(restarted.warnings.some((warning) => warning.includes('outside its customers'))).toBe(true);

      expect((await restarted.core.handlers['sync:now']({ domain: NORTHWIND_DOMAIN })).state).toBe('idle');
      expect(await names()).not.toContain(stale.name);
      expect(await names()).not.toContain(foreign.name);
      expect((await names()).sort()).toEqual(before.rows.map((row) => row.name).sort());
      expect((await restarted.core.handlers['cases:query'](allCases(LUMIERE_DOMAIN))).rows[0]!.name).toBe(foreign.name);
    } finally {
      await restarted.dispose();
    }
  });
});
