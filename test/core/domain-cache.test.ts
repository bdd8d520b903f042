import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFilePath, readCacheFile } from '../../main/core/cases/cache-file';
import { DomainCache } from '../../main/core/cases/domain-cache';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { customer, detail, DOMAIN } from './helpers/synthetic-cases';
import { ManualClock } from '../helpers/manual-clock';

const everything = { filters: EMPTY_CASE_FILTERS, sort: DEFAULT_CASE_SORT, offset: 0, limit: 100 };

describe('DomainCache', () => {
  let dir: string;
  let warnings: string[];
  let clock: ManualClock;
  const open = () =>
    new DomainCache({
      domain: DOMAIN,
      file: cacheFilePath(dir, DOMAIN),
      clock,
      log: {
        info: () => undefined,
        warn: (message) => warnings.push(message),
        error: (message) => warnings.push(message),
      },
      writeDelayMs: 1_000,
    });

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'partner-desk-cache-'));
    warnings = [];
    clock = new ManualClock();
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes once per burst of changes, atomically, and reads back the same', async () => {
    const cache = open();
    await cache.load();
    cache.setCustomers([customer(1), customer(2)]);
    cache.putListed([detail(1), detail(2), detail(3, 2)]);
    cache.setCursor('organizations/1001', '2026-01-04T00:00:00Z');
    cache.markSynced('2026-03-02T09:00:00.000Z');
    expect(await readdir(dir)).toEqual([]);
    expect(clock.pendingDelays()).toEqual([1_000]);
    clock.advance(1_000);
    await cache.dispose();
    expect(await readdir(dir)).toEqual([path.basename(cacheFilePath(dir, DOMAIN))]);

    const again = open();
    await again.load();
    expect(again.lastSyncedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(again.cursor('organizations/1001')).toBe('2026-01-04T00:00:00Z');
    expect(again.query(everything)).toEqual(cache.query(everything));
    expect(again.customers().map((entry) => [entry.customerId, entry.caseCount])).toEqual([
      ['C1', 2],
      ['C2', 1],
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps a loaded thread when a listing brings newer fields, and counts only real changes', async () => {
    const cache = open();
    cache.setCustomers([customer(1)]);
    expect(cache.putListed([detail(1)])).toBe(1);
    const comment = {
      name: 'c1',
      body: 'the mailbox quota was raised',
      createTime: '2026-01-02T00:00:00Z',
      creator: { displayName: 'Google', googleSupport: true },
    };
    cache.putFull(detail(1, 1, { comments: [comment] }));
    expect(cache.putListed([detail(1)])).toBe(0);
    expect(cache.putListed([detail(1, 1, { state: 'ACTION_REQUIRED', updateTime: '2026-02-01T00:00:00Z' })])).toBe(1);
    const cached = cache.getCase(detail(1).name)!;
    expect(cached.threadLoaded).toBe(true);
    expect(cached.detail.state).toBe('ACTION_REQUIRED');
    expect(cached.detail.comments).toEqual([comment]);
    expect(cache.query({ ...everything, filters: { ...EMPTY_CASE_FILTERS, keyword: 'QUOTA raised' } }).total).toBe(1);
    expect(cache.attentionCount()).toBe(1);
  });

  it('drops the cases of a customer that left the reseller', async () => {
    const cache = open();
    cache.setCustomers([customer(1), customer(2)]);
    cache.putListed([detail(1), detail(2, 2)]);
    const revision = cache.customersRevision;
    cache.setCustomers([customer(1), customer(2)]);
    expect(cache.customersRevision).toBe(revision);
    cache.setCustomers([customer(1)]);
    expect(cache.customersRevision).toBe(revision + 1);
    expect(cache.query(everything).rows.map((row) => row.name)).toEqual([detail(1).name]);
    expect(cache.customerOfOrganization('organizations/1002')).toBeUndefined();
    expect(cache.customerOfOrganization('organizations/1001')?.customerId).toBe('C1');
  });

  it('starts empty on a corrupt file, and skips single damaged cases', async () => {
    const file = cacheFilePath(dir, DOMAIN);
    const header = (fields: Record<string, unknown>) =>
      JSON.stringify({
        format: 2,
        domain: DOMAIN,
        lastSyncedAt: null,
        cursors: {},
        customers: [],
        caseCount: 0,
        ...fields,
      });
    for (const content of ['not json at all', '{"format":99}', `${header({ domain: 'other.example' })}\n`]) {
      await writeFile(file, content);
      const cache = open();
      await cache.load();
      expect(cache.caseCount).toBe(0);
    }
    expect(warnings).toHaveLength(3);

    await writeFile(
      file,
      [
        header({ customers: [customer(1)], caseCount: 2 }),
        JSON.stringify({ detail: detail(1), threadLoaded: false }),
        JSON.stringify({ detail: { name: 'half a case' }, threadLoaded: true }),
        '',
      ].join('\n'),
    );
    const result = await readCacheFile(file, DOMAIN);
    expect(result).toMatchObject({ kind: 'loaded', skipped: 1 });
    const cache = open();
    await cache.load();
    expect(cache.caseCount).toBe(1);
    expect(warnings[3]).toContain('1 unreadable case(s) skipped');
  });

  it('forgets everything, on disk too, when destroyed', async () => {
    const cache = open();
    cache.setCustomers([customer(1)]);
    cache.putListed([detail(1)]);
    await cache.flush();
    const written = await readCacheFile(cacheFilePath(dir, DOMAIN), DOMAIN);
    expect(written.kind === 'loaded' && written.snapshot.cases.length).toBe(1);
    await cache.destroy();
    expect(await readdir(dir)).toEqual([]);
    expect(cache.caseCount).toBe(0);
    clock.advance(10_000);
    expect(await readdir(dir)).toEqual([]);
  });
});
