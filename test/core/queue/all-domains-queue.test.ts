import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LUMIERE_DOMAIN, NORTHWIND_DOMAIN, startEmulator, type RunningEmulator } from '../../../main/emulator';
import { compareQueueRows } from '../../../main/core/queue/attention-rows';
import type { QueueRow } from '../../../shared/model/attention-queue';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../../shared/model/case-query';
import { removeDataDir, signInDemoDomains, startCoreHarness, type CoreHarness } from '../helpers/core-harness';

const DOMAINS = [NORTHWIND_DOMAIN, LUMIERE_DOMAIN];

describe('the All-domains queue against the emulator, two domains signed in', () => {
  let emulator: RunningEmulator;
  let harness: CoreHarness;

  /** Each domain's own list of the cases that need the team: the queue must agree with it. */
  const actionRequired = async (domain: string) =>
    (
      await harness.core.handlers['cases:query']({
        domain,
        filters: { ...EMPTY_CASE_FILTERS, states: ['ACTION_REQUIRED'] },
        sort: DEFAULT_CASE_SORT,
        offset: 0,
        limit: 1000,
      })
    ).rows;
  const allNames = async (domain: string) =>
    new Set(
      (
        await harness.core.handlers['cases:query']({
          domain,
          filters: EMPTY_CASE_FILTERS,
          sort: DEFAULT_CASE_SORT,
          offset: 0,
          limit: 1000,
        })
      ).rows.map((row) => row.name),
    );
  const key = (row: Pick<QueueRow, 'domain' | 'name'>) => `${row.domain} ${row.name}`;

  beforeAll(async () => {
    emulator = await startEmulator({ dataset: 'demo', control: true, agent: false });
    harness = await startCoreHarness({ emulator });
    await signInDemoDomains(harness);
  });
  afterAll(async () => {
    await harness.dispose();
    await removeDataDir(harness.dataDir);
    await emulator.close();
  });

  it('holds the cases that need the team in both domains, each with its own domain and customer', async () => {
    const queue = await harness.core.handlers['queue:query']({});
    const expected: string[] = [];
    for (const domain of DOMAINS) {
      const rows = await actionRequired(domain);
      expect(rows.length, domain).toBeGreaterThan(0);
      expected.push(...rows.map(key));
      const customers = await harness.core.handlers['customers:list']({ domain });
      const ofDomain = queue.rows.filter((row) => row.domain === domain);
      for (const row of ofDomain) {
        const customer = customers.find((candidate) => candidate.customerId === row.customerId);
        expect(customer, row.name).toBeDefined();
        expect(row.customerName).toBe(customer!.organizationName);
        expect(row.name.startsWith(`${customer!.organization}/cases/`)).toBe(true);
      }
      // The tab's badge counts the same cases (unread ones come with the read marks).
      const account = (await harness.core.handlers['accounts:list']({})).find((a) => a.domain === domain);
      expect(ofDomain.length).toBe(account!.attentionCount);
    }
    expect(queue.rows.map(key).sort()).toEqual(expected.sort());
    expect(queue.total).toBe(expected.length);
  });

  it('never puts one domain case under another domain', async () => {
    const queue = await harness.core.handlers['queue:query']({});
    const [north, lumiere] = await Promise.all(DOMAINS.map(allNames));
    for (const row of queue.rows) {
      const own = row.domain === NORTHWIND_DOMAIN ? north! : lumiere!;
      const other = row.domain === NORTHWIND_DOMAIN ? lumiere! : north!;
      expect(own.has(row.name), row.name).toBe(true);
      expect(other.has(row.name), row.name).toBe(false);
    }
  });

  it('orders the rows by how long Google has waited on the team, from the thread once it is read', async () => {
    const before = await harness.core.handlers['queue:query']({});
    expect(before.rows.every((row) => row.state === 'ACTION_REQUIRED' && row.waiting?.on === 'team')).toBe(true);
    expect([...before.rows].sort(compareQueueRows).map(key)).toEqual(before.rows.map(key));
    const since = before.rows.map((row) => Date.parse(row.waiting!.since));
    expect(since).toEqual([...since].sort((a, b) => a - b));

    // Reading a case brings its thread: its fact is then when Google last spoke, not its last update.
    const row = before.rows[before.rows.length - 1]!;
    const { detail } = await harness.core.handlers['case:get']({ domain: row.domain, name: row.name });
    const googleWords = detail!.comments.filter((comment) => comment.creator.googleSupport);
    expect(googleWords.length).toBeGreaterThan(0);
    const lastGoogleWord = Math.max(...googleWords.map((comment) => Date.parse(comment.createTime)));
    const after = await harness.core.handlers['queue:query']({});
    const fact = after.rows.find((candidate) => key(candidate) === key(row))!.waiting!;
    expect(fact.on).toBe('team');
    expect(Date.parse(fact.since)).toBe(lastGoogleWord);
  });

  it('drops a domain from the queue when it signs out', async () => {
    const lumiereRows = (await actionRequired(LUMIERE_DOMAIN)).map(key);
    await harness.core.handlers['account:signOut']({ domain: NORTHWIND_DOMAIN });
    const queue = await harness.core.handlers['queue:query']({});
    expect(queue.rows.map(key).sort()).toEqual(lumiereRows.sort());
    expect(queue.rows.every((row) => row.domain === LUMIERE_DOMAIN)).toBe(true);
    expect(queue.total).toBe(lumiereRows.length);
  });
});
