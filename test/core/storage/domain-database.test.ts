import { mkdtemp, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseFilePath } from '../../../main/core/storage/database-file';
import { DomainDatabase } from '../../../main/core/storage/domain-database';
import { MIGRATIONS } from '../../../main/core/storage/schema-migrations';
import { recordingLogger } from '../helpers/recording-logger';

const DOMAIN = 'alpha.example';

describe('DomainDatabase', () => {
  let dir: string;
  const opened: DomainDatabase[] = [];
  const openDb = async (domain = DOMAIN, file = databaseFilePath(dir, domain), deferCheck = false) => {
    const log = recordingLogger();
    const result = await DomainDatabase.open({ file, domain, now: () => Date.UTC(2026, 10, 29), log, deferCheck });
    opened.push(result.database);
    return { ...result, log };
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pd-db-'));
  });
  afterEach(async () => {
    for (const database of opened.splice(0)) database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates one file per domain, migrated to the latest schema, in WAL mode', async () => {
    const { database, recovery } = await openDb();
    expect(recovery).toBeNull();
    expect(database.sql.pragma('user_version', { simple: true })).toBe(MIGRATIONS.at(-1)?.version);
    expect(database.sql.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(database.sql.pragma('synchronous', { simple: true })).toBe(2);
    const other = await openDb('beta.example');
    expect(other.database.file).not.toBe(database.file);
    expect((await readdir(join(dir, 'domains'))).filter((name) => name.endsWith('.sqlite3')).sort()).toEqual([
      'alpha.example.sqlite3',
      'beta.example.sqlite3',
    ]);
  });

  it('keeps what was committed across a reopen', async () => {
    const first = await openDb();
    first.database.transaction(() =>
      first.database.sql
        .prepare(`INSERT INTO read_marks (name, read_update_time) VALUES (?, ?)`)
        .run('organizations/1/cases/7', '2026-11-01T00:00:00Z'),
    );
    first.database.close();
    const second = await openDb();
    expect(second.database.sql.prepare('SELECT name FROM read_marks').all()).toEqual([
      { name: 'organizations/1/cases/7' },
    ]);
  });

  it("refuses another domain's file copied in place, moves it aside and salvages nothing of it", async () => {
    const beta = await openDb('beta.example');
    beta.database.sql
      .prepare(`INSERT INTO read_marks (name, read_update_time) VALUES (?, ?)`)
      .run('organizations/9/cases/1', '2026-11-01T00:00:00Z');
    beta.database.close();
    const { database, recovery, log } = await openDb(DOMAIN, beta.database.file);
    expect(recovery?.reason).toContain('beta.example');
    expect(recovery?.salvaged).toBe(0);
    expect(database.sql.prepare('SELECT count(*) AS n FROM read_marks').get()).toEqual({ n: 0 });
    expect((await stat(recovery?.quarantinedTo ?? '')).isFile()).toBe(true);
    expect(log.entries.some((entry) => entry.level === 'warn')).toBe(true);
  });

  /** Fills the database, closes it and writes garbage over a page in the middle of the file. */
  const damagedInTheMiddle = async (fill: (database: DomainDatabase) => void) => {
    const { database } = await openDb();
    database.transaction(() => fill(database));
    database.sql.pragma('wal_checkpoint(TRUNCATE)');
    database.close();
    const size = (await stat(database.file)).size;
    const handle = await open(database.file, 'r+');
    await handle.write(Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 2 / 4096) * 4096);
    await handle.close();
    return database.file;
  };
  const manyDrafts = (database: DomainDatabase) => {
    const insert = database.sql.prepare(
      `INSERT INTO drafts (id, kind, content, revision, created_at, updated_at) VALUES (?, 'comment', ?, 1, 'x', 'x')`,
    );
    for (let i = 0; i < 400; i += 1) insert.run(`d${i}`, 'é'.repeat(500));
  };

  // deferCheck: the whole file is checked later, but the tables of what the user typed are checked at open.
  it.each([false, true])(
    'quarantines a damaged file and recovers the readable rows of drafts (whole-file check deferred: %s)',
    async (deferCheck) => {
      const file = await damagedInTheMiddle(manyDrafts);
      const { database, recovery } = await openDb(DOMAIN, file, deferCheck);
      expect(recovery?.reason).toContain('quick_check');
      expect(recovery?.salvaged).toBeGreaterThan(0);
      expect(recovery?.salvaged).toBeLessThan(400);
      const rows = database.sql.prepare('SELECT count(*) AS n FROM drafts').get() as { n: number };
      expect(rows.n).toBe(recovery?.salvaged);
      expect(database.sql.pragma('quick_check', { simple: true })).toBe('ok');
    },
  );

  it('can check the cache after opening, off the main thread; a failed check quarantines it at the next open', async () => {
    const sound = await openDb('beta.example');
    expect(await sound.database.checkInBackground(sound.log)).toBeNull();
    // A few drafts on their own pages first, then a cache table filling the rest: the damage lands in the cache.
    const file = await damagedInTheMiddle((database) => {
      const draft = database.sql.prepare(
        `INSERT INTO drafts (id, kind, content, revision, created_at, updated_at) VALUES (?, 'comment', 'typed', 1, 'x', 'x')`,
      );
      const customer = database.sql.prepare(`INSERT INTO customers (customer_id, json) VALUES (?, ?)`);
      for (let i = 0; i < 5; i += 1) draft.run(`d${i}`);
      for (let i = 0; i < 400; i += 1) customer.run(`C${i}`, 'é'.repeat(500));
    });
    const deferred = await openDb(DOMAIN, file, true);
    expect(deferred.recovery).toBeNull();
    expect(await deferred.database.checkInBackground(deferred.log)).toMatch(/./);
    expect(deferred.log.entries.some((entry) => entry.message.includes('failed its check'))).toBe(true);
    deferred.database.close();

    const { recovery } = await openDb();
    expect(recovery?.reason).toContain('quick_check');
    expect(recovery?.salvaged).toBe(5);
    expect((await readdir(join(dir, 'domains'))).filter((name) => name.endsWith('.check-failed'))).toEqual([]);
  });

  it('destroy removes the file and its log', async () => {
    const { database } = await openDb();
    await database.destroy();
    expect(await readdir(join(dir, 'domains'))).toEqual([]);
  });
});
