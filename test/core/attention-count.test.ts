import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainCache } from '../../main/core/cases/domain-cache';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DomainDatabase } from '../../main/core/storage/domain-database';
import { Prng } from '../../main/emulator/seed/prng';
import { CASE_STATE_VALUES, PRIORITY_VALUES, type CaseState } from '../../shared/model/case';
import { EMPTY_CASE_FILTERS } from '../../shared/model/case-query';
import { ManualClock } from '../helpers/manual-clock';
import { customer, detail, DOMAIN } from './helpers/synthetic-cases';
import { recordingLogger } from './helpers/recording-logger';

const CASES = 24;
const CUSTOMERS = [1, 2, 3];
const STEPS = 150;
const SEEDS = [1, 2, 3, 4, 5, 6];

/** What the cache should hold, kept the simple way: per case its customer, state and whether it is unread. */
type Model = Map<string, { customerNumber: number; state: CaseState; unread: boolean }>;

const EVERYTHING = { filters: { keyword: '', states: [], priorities: [] } };
const expectedCount = (model: Model) =>
  [...model.values()].filter((entry) => entry.state === 'ACTION_REQUIRED' || entry.unread).length;
const expectedUnread = (model: Model) =>
  [...model.entries()]
    .filter(([, entry]) => entry.unread)
    .map(([name]) => name)
    .sort();

describe('the attention count (badge) is always a recount', () => {
  let dir: string;
  const databases: DomainDatabase[] = [];
  const clock = new ManualClock();
  const log = recordingLogger();
  const file = () => databaseFilePath(dir, DOMAIN);

  const openCache = async (waitForIndex: boolean) => {
    const { database } = await DomainDatabase.open({ file: file(), domain: DOMAIN, now: () => clock.now(), log });
    databases.push(database);
    const cache = new DomainCache({ domain: DOMAIN, database, clock, log });
    await cache.load();
    cache.startIndexing();
    if (waitForIndex) await cache.indexed;
    return { cache, database };
  };
  /** A second cache over the same file, from scratch: what a restart would count. */
  const recountFromScratch = async () => {
    const fresh = await openCache(true);
    const result = { count: fresh.cache.attentionCount(), unread: [...fresh.cache.unreadNames()].sort() };
    await fresh.cache.dispose();
    fresh.database.close();
    return result;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'partner-desk-attention-'));
  });
  afterEach(async () => {
    for (const database of databases.splice(0)) database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it.each(SEEDS)(
    'after random syncs, Google changes, opens, mark-all-read, prunes and restarts (seed %i)',
    async (seed) => {
      const random = new Prng(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random.next() * items.length)]!;
      let time = Date.UTC(2026, 0, 1);
      const nextTime = () => new Date((time += 1_000)).toISOString();
      const model: Model = new Map();
      let unreadSeen = 0;
      let customers = [...CUSTOMERS];
      let { cache, database } = await openCache(true);
      cache.setCustomers(customers.map(customer));

      const caseNumber = () => Math.floor(random.next() * CASES) + 1;
      const customerOf = (n: number) => CUSTOMERS[n % CUSTOMERS.length]!;
      const write = (n: number) => {
        const customerNumber = customerOf(n);
        if (!customers.includes(customerNumber)) return undefined;
        const state = pick(CASE_STATE_VALUES);
        const written = detail(n, customerNumber, { state, priority: pick(PRIORITY_VALUES), updateTime: nextTime() });
        cache.putListed([written]);
        const entry = model.get(written.name);
        model.set(written.name, { customerNumber, state, unread: entry?.unread ?? false });
        return written;
      };

      for (let step = 0; step < STEPS; step += 1) {
        const roll = random.next();
        if (roll < 0.3) {
          // A sync brings a case changed by nobody in particular (no change recorded).
          write(caseNumber());
        } else if (roll < 0.55) {
          // A sync brings a change by Google.
          const written = write(caseNumber());
          if (written) {
            cache.recordGoogleChanges([{ name: written.name, updateTime: written.updateTime, kinds: ['state'] }]);
            model.get(written.name)!.unread = true;
          }
        } else if (roll < 0.7) {
          const name = pick([...model.keys(), 'organizations/1001/cases/999']);
          cache.markRead([name]);
          const entry = model.get(name);
          if (entry) entry.unread = false;
        } else if (roll < 0.8) {
          const customerNumber = random.next() < 0.5 ? undefined : pick(customers);
          const states = CASE_STATE_VALUES.filter(() => random.next() < 0.5);
          cache.markRead(
            cache.unreadIn({
              customerId: customerNumber === undefined ? undefined : `C${customerNumber}`,
              filters: { ...EMPTY_CASE_FILTERS, states },
            }),
          );
          for (const entry of model.values()) {
            const inView =
              (customerNumber === undefined || entry.customerNumber === customerNumber) &&
              (states.length === 0 || states.includes(entry.state));
            if (inView) entry.unread = false;
          }
        } else if (roll < 0.88) {
          // A complete listing of one customer no longer holds some of its cases.
          const customerNumber = pick(customers);
          const organization = customer(customerNumber).organization!;
          const kept = new Set(
            [...model.keys()].filter((name) => name.startsWith(`${organization}/`) && random.next() < 0.6),
          );
          cache.pruneUnlisted(organization, kept);
          for (const name of [...model.keys()]) {
            if (name.startsWith(`${organization}/`) && !kept.has(name)) model.delete(name);
          }
        } else if (roll < 0.92) {
          // A customer moves to another reseller (its cases go), or comes back.
          customers = customers.length === CUSTOMERS.length ? customers.slice(1) : [...CUSTOMERS];
          cache.setCustomers(customers.map(customer));
          for (const [name, entry] of model) if (!customers.includes(entry.customerNumber)) model.delete(name);
        } else {
          // A restart: sometimes the count is asked before the index is built (read from the database).
          await cache.dispose();
          database.close();
          ({ cache, database } = await openCache(random.next() < 0.5));
        }
        unreadSeen += expectedUnread(model).filter((name) => model.get(name)?.state !== 'ACTION_REQUIRED').length;
        expect(cache.attentionCount(), `step ${step}`).toBe(expectedCount(model));
        expect([...cache.unreadNames()].sort(), `step ${step}`).toEqual(expectedUnread(model));
        // "Mark all read" sees every unread case of the view, not only the window asked for.
        await cache.indexed;
        const oneRow = cache.query({ ...EVERYTHING, sort: { key: 'title', direction: 'asc' }, offset: 0, limit: 1 });
        expect(oneRow.unreadTotal, `step ${step}`).toBe(expectedUnread(model).length);
        if (step % 10 === 0) {
          expect(await recountFromScratch(), `step ${step}`).toEqual({
            count: expectedCount(model),
            unread: expectedUnread(model),
          });
        }
      }
      // The run did exercise the unread side, not only ACTION_REQUIRED.
      expect(unreadSeen).toBeGreaterThan(0);
    },
  );
});
