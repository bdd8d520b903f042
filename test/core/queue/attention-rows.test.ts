import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainCache } from '../../../main/core/cases/domain-cache';
import { databaseFilePath } from '../../../main/core/storage/database-file';
import { DomainDatabase } from '../../../main/core/storage/domain-database';
import { AttentionQueue } from '../../../main/core/queue/attention-queue';
import { attentionRows } from '../../../main/core/queue/attention-rows';
import { MAX_QUEUE_ROWS } from '../../../shared/model/attention-queue';
import { ManualClock } from '../../helpers/manual-clock';
import { recordingLogger } from '../helpers/recording-logger';
import { customer, detail } from '../helpers/synthetic-cases';

const NORTH_DOMAIN = 'northwind-reseller.example';
const OTHER_DOMAIN = 'revendeur-lumiere.example';
const google = { displayName: 'Google support', googleSupport: true };
const googleSaid = (n: number, createTime: string) => ({
  name: `c${n}`,
  body: 'Could you send the logs?',
  createTime,
  creator: google,
});

describe('attentionRows and the queue order', () => {
  let dir: string;
  const databases: DomainDatabase[] = [];
  const open = async (domain: string) => {
    const { database } = await DomainDatabase.open({
      file: databaseFilePath(dir, domain),
      domain,
      now: () => Date.now(),
      log: recordingLogger(),
    });
    databases.push(database);
    const cache = new DomainCache({ domain, database, clock: new ManualClock(), log: recordingLogger() });
    await cache.load();
    cache.startIndexing();
    await cache.indexed;
    return cache;
  };

  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'partner-desk-queue-'));
  });
  afterEach(async () => {
    databases.splice(0).forEach((database) => database.close());
    await rm(dir, { recursive: true, force: true });
  });

  it('puts ACTION_REQUIRED first, then unread, then the oldest waiting on the team', async () => {
    const cache = await open(NORTH_DOMAIN);
    cache.setCustomers([customer(1), customer(2)]);
    cache.putListed([
      // Listed only (no thread): waiting since their last update.
      detail(1, 1, { state: 'ACTION_REQUIRED', updateTime: '2026-03-04T00:00:00Z' }),
      detail(2, 2, { state: 'ACTION_REQUIRED', updateTime: '2026-03-06T00:00:00Z' }),
      detail(3, 1, { state: 'SOLUTION_PROVIDED', updateTime: '2026-03-01T00:00:00Z' }),
      detail(4, 1, { state: 'IN_PROGRESS_GOOGLE_SUPPORT', updateTime: '2026-02-20T00:00:00Z' }),
      detail(5, 2, { state: 'SOLUTION_PROVIDED', updateTime: '2026-03-03T00:00:00Z' }),
      detail(6, 1, { state: 'CLOSED', updateTime: '2026-03-02T00:00:00Z' }),
      detail(7, 2, { state: 'IN_PROGRESS_GOOGLE_SUPPORT' }),
    ]);
    // Read in full: Google asked on the 2nd, so it has waited longer than case 1 though updated later.
    cache.putFull(
      detail(8, 2, {
        state: 'ACTION_REQUIRED',
        updateTime: '2026-03-07T00:00:00Z',
        comments: [googleSaid(1, '2026-03-02T00:00:00Z')],
      }),
    );
    const unread = new Set([detail(2, 2), detail(3, 1), detail(4, 1), detail(5, 2), detail(6, 1)].map((d) => d.name));
    vi.spyOn(cache, 'unreadNames').mockReturnValue(unread);

    const result = attentionRows(cache, MAX_QUEUE_ROWS);
    const order = result.rows.map((row) => row.title);
    // ACTION_REQUIRED: unread 2 first, then 8 (since the 2nd) before 1 (the 4th); then the other unread ones,
    // waiting on the team oldest first (3, 5), then on Google (4), then on nobody (6). Read, not AR: 7 is out.
    expect(order).toEqual(['Case 2', 'Case 8', 'Case 1', 'Case 3', 'Case 5', 'Case 4', 'Case 6']);
    expect(result.total).toBe(7);
    const byTitle = new Map(result.rows.map((row) => [row.title, row]));
    expect(byTitle.get('Case 8')).toMatchObject({
      unread: false,
      customerId: 'C2',
      customerName: 'Customer 2',
      waiting: { on: 'team', since: '2026-03-02T00:00:00Z' },
    });
    expect(byTitle.get('Case 4')).toMatchObject({ unread: true, waiting: { on: 'google' } });
    expect(byTitle.get('Case 6')!.waiting).toBeNull();

    const cut = attentionRows(cache, 3);
    expect(cut.rows.map((row) => row.title)).toEqual(['Case 2', 'Case 8', 'Case 1']);
    expect(cut.total).toBe(7);
  });

  it('merges the domains by that order, each row built from its own domain, cut at the cap with the total', async () => {
    const north = await open(NORTH_DOMAIN);
    const lumiere = await open(OTHER_DOMAIN);
    north.setCustomers([customer(1)]);
    lumiere.setCustomers([customer(2)]);
    north.putListed([
      detail(1, 1, { state: 'ACTION_REQUIRED', updateTime: '2026-03-05T00:00:00Z' }),
      detail(2, 1, { state: 'NEW' }),
    ]);
    lumiere.putListed([
      { ...detail(3, 2, { state: 'ACTION_REQUIRED', updateTime: '2026-03-03T00:00:00Z' }), domain: OTHER_DOMAIN },
      { ...detail(4, 2, { state: 'SOLUTION_PROVIDED' }), domain: OTHER_DOMAIN },
    ]);
    vi.spyOn(lumiere, 'unreadNames').mockReturnValue(new Set([detail(4, 2).name]));
    const queue = new AttentionQueue(() =>
      [north, lumiere].map((cache) => ({ attentionRows: (limit: number) => attentionRows(cache, limit) })),
    );
    const result = queue.query();
    expect(result.rows.map((row) => [row.domain, row.title])).toEqual([
      [OTHER_DOMAIN, 'Case 3'],
      [NORTH_DOMAIN, 'Case 1'],
      [OTHER_DOMAIN, 'Case 4'],
    ]);
    expect(result.total).toBe(3);
    const northRows = attentionRows(north, MAX_QUEUE_ROWS).rows;
    expect(northRows.every((row) => row.domain === NORTH_DOMAIN && row.customerId === 'C1')).toBe(true);
  });
});
