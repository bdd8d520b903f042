import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cacheFilePath } from '../../main/core/cases/cache-file';
import { DomainCache, fullTextQuery } from '../../main/core/cases/domain-cache';
import { CaseStore } from '../../main/core/storage/case-store';
import { databaseFilePath } from '../../main/core/storage/database-file';
import { DomainDatabase } from '../../main/core/storage/domain-database';
import type { CaseDetail } from '../../shared/model/case';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS, type CaseSort } from '../../shared/model/case-query';
import { customer, detail, DOMAIN } from './helpers/synthetic-cases';
import { ManualClock } from '../helpers/manual-clock';
import { recordingLogger, type RecordingLogger } from './helpers/recording-logger';

const everything = { filters: EMPTY_CASE_FILTERS, sort: DEFAULT_CASE_SORT, offset: 0, limit: 100 };
const OTHER_DOMAIN = 'revendeur-lumiere.example';

describe('DomainCache', () => {
  let dir: string;
  let log: RecordingLogger;
  let clock: ManualClock;
  const databases: DomainDatabase[] = [];

  const openDatabase = async (domain = DOMAIN) => {
    const { database } = await DomainDatabase.open({
      file: databaseFilePath(dir, domain),
      domain,
      now: () => clock.now(),
      log,
    });
    databases.push(database);
    return database;
  };
  /** A cache as the app opens it: its database, its legacy file, loaded, indexed. */
  const open = async (domain = DOMAIN) => {
    const database = await openDatabase(domain);
    const cache = new DomainCache({ domain, database, clock, log, legacyFile: cacheFilePath(dir, domain) });
    await cache.load();
    cache.startIndexing();
    await cache.indexed;
    return { cache, database };
  };
  /** Closes the database as a restart would. */
  const close = (database: DomainDatabase) => database.close();
  /** The list's keyword as the session asks it: titles in memory, the rest from the text index. */
  const search = (cache: DomainCache, keyword: string, sort: CaseSort = DEFAULT_CASE_SORT) =>
    cache
      .query({
        ...everything,
        sort,
        filters: { ...EMPTY_CASE_FILTERS, keyword },
        textMatches: cache.textMatches(keyword),
      })
      .rows.map((row) => row.name);
  const warnings = () => log.entries.filter((entry) => entry.level !== 'info').map((entry) => entry.message);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'partner-desk-cache-'));
    log = recordingLogger();
    clock = new ManualClock();
  });
  afterEach(async () => {
    for (const database of databases.splice(0)) database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps customers, cursors, cases and their details in the database, committed as written', async () => {
    const first = await open();
    first.cache.setCustomers([customer(1), customer(2)]);
    first.cache.putListed([detail(1), detail(2), detail(3, 2)]);
    first.cache.setCursor('organizations/1001', '2026-01-04T00:00:00Z');
    first.cache.markSynced('2026-03-02T09:00:00.000Z');
    // Nothing waits to be written: the database is closed without a flush, as by a crash.
    close(first.database);
    expect(await readdir(dir)).toEqual(['domains']);

    const again = await open();
    expect(again.cache.lastSyncedAt).toBe('2026-03-02T09:00:00.000Z');
    expect(again.cache.cursor('organizations/1001')).toBe('2026-01-04T00:00:00Z');
    expect(again.cache.query(everything).rows.map((row) => row.name)).toEqual(
      [detail(3, 2), detail(2), detail(1)].map((entry) => entry.name),
    );
    expect(again.cache.customers().map((entry) => [entry.customerId, entry.caseCount])).toEqual([
      ['C1', 2],
      ['C2', 1],
    ]);
    expect(again.cache.getCase(detail(2).name)).toEqual({
      detail: detail(2),
      threadLoaded: false,
      cachedAt: new Date(clock.now()).toISOString(),
    });
    expect(warnings()).toEqual([]);
  });

  it('answers from the database until its index is built, with the same rows', async () => {
    const first = await open();
    first.cache.setCustomers([customer(1), customer(2)]);
    const titles = ['delta', 'Alpha', 'charlie', 'bravo', 'echo'];
    first.cache.putListed(
      titles.map((title, n) =>
        detail(n + 1, 1 + (n % 2), { title, state: n % 2 ? 'ACTION_REQUIRED' : 'NEW', priority: `P${n % 4}` as 'P0' }),
      ),
    );
    close(first.database);

    const database = await openDatabase();
    const cache = new DomainCache({ domain: DOMAIN, database, clock, log });
    await cache.load();
    const queries = [
      everything,
      { ...everything, sort: { key: 'title', direction: 'asc' } as const },
      { ...everything, sort: { key: 'priority', direction: 'desc' } as const, customerId: 'C1' },
      { ...everything, filters: { ...EMPTY_CASE_FILTERS, states: ['ACTION_REQUIRED' as const] } },
      { ...everything, filters: { ...EMPTY_CASE_FILTERS, keyword: 'ha' } },
      { ...everything, offset: 2, limit: 2 },
    ];
    const fromDatabase = queries.map((query) => cache.query(query));
    const counts = { attention: cache.attentionCount(), cases: cache.caseCount, customers: cache.customers() };
    cache.startIndexing();
    await cache.indexed;
    expect(queries.map((query) => cache.query(query))).toEqual(fromDatabase);
    expect({ attention: cache.attentionCount(), cases: cache.caseCount, customers: cache.customers() }).toEqual(counts);
    expect(fromDatabase[1]!.rows.map((row) => row.title)).toEqual(['Alpha', 'bravo', 'charlie', 'delta', 'echo']);
    expect(fromDatabase[4]!.rows.map((row) => row.title)).toEqual(['charlie', 'Alpha']);
  });

  it('keeps a loaded thread when a listing brings newer fields, and counts only real changes', async () => {
    const { cache } = await open();
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
    expect(search(cache, 'QUOTA raised')).toEqual([detail(1).name]);
    expect(cache.attentionCount()).toBe(1);
  });

  it('finds descriptions and comments through the text index, accents folded, from 3 letters', async () => {
    const { cache } = await open();
    cache.setCustomers([customer(1)]);
    cache.putListed([
      detail(1, 1, { title: 'Messagerie', description: 'Défaillance générale de la messagerie' }),
      detail(2, 1, { title: 'Agenda', description: 'Les invitations ne partent plus' }),
      detail(3, 1, { title: 'Défaillance du Drive', description: 'Rien' }),
    ]);
    const [first, second, third] = [detail(1).name, detail(2).name, detail(3).name];
    expect(new Set(search(cache, 'defaillance'))).toEqual(new Set([first, third]));
    expect(new Set(search(cache, 'DÉFAILL'))).toEqual(new Set([first, third]));
    expect(search(cache, 'generale messag')).toEqual([first]);
    // Two letters: titles and case numbers only (a 1–2 letter prefix costs the text index up to a second).
    expect(cache.textMatches('ge')).toBeUndefined();
    expect(fullTextQuery('ab defaillance')).toBeUndefined();
    expect(search(cache, 'ie')).toEqual([first]);
    // A comment read later is found too; a case whose text changed no longer matches its old words.
    cache.putFull(
      detail(2, 1, {
        description: 'Les invitations ne partent plus',
        comments: [
          {
            name: 'c',
            body: 'Problème résolu après redémarrage',
            createTime: '2026-01-03T00:00:00Z',
            creator: { displayName: 'Google', googleSupport: true },
          },
        ],
      }),
    );
    expect(search(cache, 'redemarrage')).toEqual([second]);
    cache.putListed([
      detail(1, 1, { title: 'Messagerie', description: 'Tout va bien', updateTime: '2026-03-01T00:00:00Z' }),
    ]);
    expect(search(cache, 'defaillance')).toEqual([third]);
    // FTS syntax typed by the user is only words.
    expect(search(cache, '"rien" OR NEAR(')).toEqual([]);
    expect(search(cache, 'rien')).toEqual([third]);
  });

  it('drops the cases of a customer that left the reseller', async () => {
    const { cache, database } = await open();
    cache.setCustomers([customer(1), customer(2)]);
    cache.putListed([detail(1), detail(2, 2)]);
    const revision = cache.customersRevision;
    cache.setCustomers([customer(1), customer(2)]);
    expect(cache.customersRevision).toBe(revision);
    cache.setCustomers([customer(1)]);
    expect(cache.customersRevision).toBe(revision + 1);
    expect(cache.query(everything).rows.map((row) => row.name)).toEqual([detail(1).name]);
    expect(new CaseStore(database).namesUnder('organizations/1002')).toEqual([]);
    expect(cache.customerOfOrganization('organizations/1002')).toBeUndefined();
    expect(cache.customerOfOrganization('organizations/1001')?.customerId).toBe('C1');
  });

  it("never caches another domain's cases: refused on write, dropped on load", async () => {
    const { cache, database } = await open();
    cache.setCustomers([customer(1)]);
    const foreign: CaseDetail = { ...detail(7, 9), domain: DOMAIN };
    expect(cache.putListed([detail(1), foreign, { ...detail(8), domain: OTHER_DOMAIN }])).toBe(1);
    cache.putFull(detail(9, 9));
    expect(cache.query(everything).rows.map((row) => row.name)).toEqual([detail(1).name]);
    expect(cache.getCase(foreign.name)).toBeUndefined();
    expect(warnings().some((message) => message.includes('outside the customers'))).toBe(true);

    // Domain B's cases written into A's database behind the cache's back (a damaged or tampered file).
    const store = new CaseStore(database);
    for (const n of [20, 21]) {
      const other = detail(n, 9);
      store.putCase({
        ...other,
        organization: 'organizations/1009',
        threadLoaded: false,
        listingHash: 'x',
        cachedAt: '2026-01-01T00:00:00Z',
        detailJson: JSON.stringify(other),
        body: other.description,
      });
    }
    expect(store.namesUnder('organizations/1009')).toHaveLength(2);
    close(database);

    const again = await open();
    expect(again.cache.query(everything).rows.map((row) => row.name)).toEqual([detail(1).name]);
    expect(again.cache.getCase(detail(20, 9).name)).toBeUndefined();
    expect(new CaseStore(again.database).namesUnder('organizations/1009')).toEqual([]);
    expect(warnings().some((message) => message.includes('2 case(s) outside'))).toBe(true);
    expect(again.cache.caseCount).toBe(1);
  });

  it('prunes what a complete listing no longer holds, keeping cases filed here and not yet listed', async () => {
    const { cache } = await open();
    cache.setCustomers([customer(1), customer(2)]);
    cache.putListed([detail(1), detail(2), detail(3, 2)]);
    cache.putFull(detail(4, 1, { pending: true }));
    expect(cache.pruneUnlisted('organizations/1001', new Set([detail(2).name]))).toBe(1);
    expect(
      cache
        .query(everything)
        .rows.map((row) => row.name)
        .sort(),
    ).toEqual([detail(2).name, detail(3, 2).name, detail(4).name].sort());
    expect(cache.getCase(detail(1).name)).toBeUndefined();
    expect(cache.pendingCases().map((entry) => entry.name)).toEqual([detail(4).name]);
  });

  it('moves the old cache file into the database once, then deletes it and its leftover temp files', async () => {
    const file = cacheFilePath(dir, DOMAIN);
    const header = {
      format: 2,
      domain: DOMAIN,
      lastSyncedAt: '2026-02-01T00:00:00.000Z',
      cursors: { 'organizations/1001': '2026-01-05T00:00:00Z' },
      customers: [customer(1)],
      caseCount: 4,
    };
    const withThread = detail(2, 1, {
      comments: [
        {
          name: 'c',
          body: 'Quota relevé',
          createTime: '2026-01-02T00:00:00Z',
          creator: { displayName: 'Google', googleSupport: true },
        },
      ],
    });
    await writeFile(
      file,
      [
        JSON.stringify(header),
        JSON.stringify({ detail: detail(1), threadLoaded: false }),
        JSON.stringify({ detail: withThread, threadLoaded: true }),
        // Appended from another domain: under an organization that is none of this domain's customers'.
        JSON.stringify({ detail: { ...detail(3, 5), domain: DOMAIN }, threadLoaded: false }),
        JSON.stringify({ detail: { name: 'half a case' }, threadLoaded: true }),
        '',
      ].join('\n'),
    );
    const leftovers = [`${path.basename(file)}.123.456.tmp`, `${path.basename(file)}.9.9.tmp`];
    for (const name of leftovers) await writeFile(path.join(dir, name), 'partial');
    await writeFile(path.join(dir, 'unrelated.tmp'), 'kept');

    const first = await open();
    expect(first.cache.query(everything).rows.map((row) => row.name)).toEqual([detail(2).name, detail(1).name]);
    expect(first.cache.getCase(withThread.name)).toMatchObject({ detail: withThread, threadLoaded: true });
    expect(first.cache.lastSyncedAt).toBe('2026-02-01T00:00:00.000Z');
    // Cursors are not carried over: the next sync lists everything again, which prunes what is stale.
    expect(first.cache.cursor('organizations/1001')).toBeUndefined();
    expect(search(first.cache, 'releve')).toEqual([withThread.name]);
    expect((await readdir(dir)).sort()).toEqual(['domains', 'unrelated.tmp']);
    close(first.database);

    const again = await open();
    expect(again.cache.caseCount).toBe(2);
  });

  it('deletes an unreadable old cache file and starts from the database', async () => {
    for (const content of [
      'not json at all',
      '{"format":99}',
      `${JSON.stringify({ format: 2, domain: OTHER_DOMAIN })}\n`,
    ]) {
      await writeFile(cacheFilePath(dir, DOMAIN), content);
      const { cache, database } = await open();
      expect(cache.caseCount).toBe(0);
      expect(await readdir(dir)).toEqual(['domains']);
      close(database);
    }
    expect(warnings().filter((message) => message.includes('Old case cache'))).toHaveLength(3);
  });

  it("keeps each domain's cases in its own database", async () => {
    const a = await open(DOMAIN);
    const b = await open(OTHER_DOMAIN);
    a.cache.setCustomers([customer(1)]);
    b.cache.setCustomers([customer(2)]);
    a.cache.putListed([detail(1)]);
    b.cache.putListed([{ ...detail(2, 2), domain: OTHER_DOMAIN }]);
    // A's case offered to B is refused: its organization is none of B's customers'.
    b.cache.putListed([{ ...detail(1), domain: OTHER_DOMAIN }]);
    expect(new CaseStore(a.database).namesUnder('organizations/1002')).toEqual([]);
    expect(new CaseStore(b.database).namesUnder('organizations/1001')).toEqual([]);
    expect(a.database.file).not.toBe(b.database.file);
  });

  it('forgets everything in memory when destroyed, and stops writing once disposed', async () => {
    const { cache, database } = await open();
    cache.setCustomers([customer(1)]);
    cache.putListed([detail(1)]);
    await cache.destroy();
    expect(cache.caseCount).toBe(0);
    expect(cache.query(everything).total).toBe(0);
    expect(cache.putListed([detail(2)])).toBe(0);
    expect(new CaseStore(database).namesUnder('organizations/1001')).toEqual([detail(1).name]);
  });
});
