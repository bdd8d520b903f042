import Database from 'better-sqlite3';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DomainCache } from '../../../main/core/cases/domain-cache';
import { databaseFilePath } from '../../../main/core/storage/database-file';
import { DomainDatabase } from '../../../main/core/storage/domain-database';
import { MIGRATIONS } from '../../../main/core/storage/schema-migrations';
import { ManualClock } from '../../helpers/manual-clock';
import { recordingLogger } from '../helpers/recording-logger';
import { customer, detail, DOMAIN } from '../helpers/synthetic-cases';

describe('unread marks in the domain database (migration 2)', () => {
  let dir: string;
  const opened: DomainDatabase[] = [];
  const clock = new ManualClock();
  const open = async () => {
    const log = recordingLogger();
    const result = await DomainDatabase.open({
      file: databaseFilePath(dir, DOMAIN),
      domain: DOMAIN,
      now: () => 0,
      log,
    });
    opened.push(result.database);
    return result;
  };
  const cacheOver = async (database: DomainDatabase) => {
    const cache = new DomainCache({ domain: DOMAIN, database, clock, log: recordingLogger() });
    await cache.load();
    cache.startIndexing();
    await cache.indexed;
    return cache;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pd-read-state-'));
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('applies on a file of the released schema 1, keeping its read marks', async () => {
    const file = databaseFilePath(dir, DOMAIN);
    await mkdir(dirname(file), { recursive: true });
    const v1 = new Database(file);
    v1.exec(MIGRATIONS.find((migration) => migration.version === 1)!.sql);
    v1.pragma('user_version = 1');
    v1.prepare(`INSERT INTO meta (key, value) VALUES ('domain', ?)`).run(DOMAIN);
    v1.prepare(`INSERT INTO read_marks (name, read_update_time) VALUES (?, ?)`).run('organizations/1001/cases/1', 'x');
    v1.close();

    const { database, recovery } = await open();
    expect(recovery).toBeNull();
    expect(database.sql.pragma('user_version', { simple: true })).toBe(2);
    expect(database.sql.prepare('SELECT name FROM read_marks').all()).toEqual([{ name: 'organizations/1001/cases/1' }]);
    expect(database.sql.prepare('SELECT count(*) AS n FROM google_changes').get()).toEqual({ n: 0 });
  });

  it('salvages the unread marks of a damaged file: they return with their cases at the first sync', async () => {
    const first = await open();
    const cache = await cacheOver(first.database);
    cache.setCustomers([customer(1)]);
    const [read, unread] = [detail(1), detail(2, 1, { updateTime: '2026-02-01T00:00:00Z' })];
    cache.putListed([read, unread]);
    cache.recordGoogleChanges([
      { name: read.name, updateTime: read.updateTime, kinds: ['comment'] },
      { name: unread.name, updateTime: unread.updateTime, kinds: ['state'] },
    ]);
    cache.markRead([read.name]);
    first.database.close();
    await writeFile(`${first.database.file}.check-failed`, 'quick_check: simulated');

    const second = await open();
    expect(second.recovery?.salvaged).toBeGreaterThanOrEqual(3);
    const rebuilt = await cacheOver(second.database);
    rebuilt.setCustomers([customer(1)]);
    // The cases are gone with the damaged file: nothing shows unread until they are listed again.
    expect([...rebuilt.unreadNames()]).toEqual([]);
    rebuilt.putListed([read, unread]);
    expect([...rebuilt.unreadNames()]).toEqual([unread.name]);
    expect(rebuilt.attentionCount()).toBe(1);
  });
});
