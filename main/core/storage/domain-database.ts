import Database from 'better-sqlite3';
import { createRequire } from 'node:module';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from '../ports';
import { moveDatabaseFiles, quarantinePath, removeDatabaseFiles } from './database-file';
import { MIGRATIONS, SALVAGED_TABLES } from './schema-migrations';

export type SqliteDatabase = Database.Database;

export interface DomainDatabaseOptions {
  file: string;
  domain: string;
  now(): number;
  log: Logger;
  /** Path of the native module built for the running runtime (Electron's differs from Node's). */
  nativeBinding?: string;
  /**
   * Skip quick_check on open; the owner runs `checkInBackground` once the domain shows its
   * rows (quick_check reads the whole file: ~150–400 ms for a 45,000-case domain here).
   */
  deferCheck?: boolean;
}

/** What happened when the database could not be used as it was: told to the user once. */
export interface DatabaseRecovery {
  /** Why it was moved aside, in English for the log (the user sees a catalog message). */
  reason: string;
  quarantinedTo: string;
  /** Rows of what the user typed (drafts, outbox, read marks) copied into the new database. */
  salvaged: number;
}

/** Refused as this domain's database: it is damaged, of another domain, or of a newer app. */
class UnusableDatabase extends Error {
  constructor(
    message: string,
    readonly salvage: boolean,
  ) {
    super(message);
  }
}

/**
 * One domain's SQLite database: its case cache, drafts, outbox, read marks and sync
 * cursors. WAL so readers never wait for a writer; `synchronous=FULL` so a commit that was
 * acknowledged survives a power cut (a draft keystroke is acknowledged only after it).
 * Opening checks the file (quick_check), that it is this domain's, and migrates it; a file
 * that fails is moved aside, a fresh one created, and what the user typed salvaged from
 * the old one row by row.
 */
export class DomainDatabase {
  private closed = false;

  private constructor(
    readonly sql: SqliteDatabase,
    readonly file: string,
    private readonly nativeBinding?: string,
  ) {}

  static async open(
    options: DomainDatabaseOptions,
  ): Promise<{ database: DomainDatabase; recovery: DatabaseRecovery | null }> {
    await mkdir(path.dirname(options.file), { recursive: true });
    try {
      const failedCheck = await readFile(checkFailedPath(options.file), 'utf8').catch(() => undefined);
      if (failedCheck !== undefined) throw new UnusableDatabase(`background ${failedCheck}`, true);
      const database = new DomainDatabase(openChecked(options), options.file, options.nativeBinding);
      return { database, recovery: null };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const quarantinedTo = quarantinePath(options.file, options.now());
      await moveDatabaseFiles(options.file, quarantinedTo);
      await rm(checkFailedPath(options.file), { force: true });
      const sql = openChecked({ ...options, deferCheck: false });
      const salvaged =
        !(error instanceof UnusableDatabase) || error.salvage ? salvageInto(sql, quarantinedTo, options.log) : 0;
      options.log.warn(
        `The database of ${options.domain} was moved aside (${reason}) to ${quarantinedTo}; ${salvaged} row(s) of drafts and outbox recovered.`,
      );
      return {
        database: new DomainDatabase(sql, options.file, options.nativeBinding),
        recovery: { reason, quarantinedTo, salvaged },
      };
    }
  }

  /** Runs `work` in one write transaction (BEGIN IMMEDIATE): all of it is committed, or none. */
  transaction<T>(work: () => T): T {
    return this.sql.transaction(work).immediate();
  }

  /**
   * A transaction for data the server can give again (the case cache): committed without
   * waiting for the disk (synchronous=NORMAL: a power cut may undo the last ones, never
   * corrupt the file). The next durable commit flushes it too. Measured here: a first
   * sync of 45,000 cases commits 450 pages, ~5 ms of fsync each.
   */
  rebuildableTransaction<T>(work: () => T): T {
    // Nested: the outer transaction's commit decides.
    if (this.sql.inTransaction) return this.transaction(work);
    this.sql.pragma('synchronous = NORMAL');
    try {
      return this.transaction(work);
    } finally {
      this.sql.pragma('synchronous = FULL');
    }
  }

  /**
   * Runs quick_check on a second, read-only connection in a worker thread, so the main
   * process keeps answering. A failure is remembered beside the file: the next open moves
   * the database aside and salvages it. Resolves with the failure, or null when sound.
   */
  async checkInBackground(log: Logger): Promise<string | null> {
    const outcome = await runQuickCheck(this.file, this.nativeBinding, log);
    if (outcome === null || outcome === 'ok' || !this.isOpen) return null;
    await writeFile(checkFailedPath(this.file), `quick_check: ${outcome}`);
    log.warn(`The database ${this.file} failed its check (${outcome}); it is moved aside at the next start.`);
    return outcome;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sql.close();
  }

  /** Closes and deletes the file (sign-out). */
  async destroy(): Promise<void> {
    this.close();
    await DomainDatabase.removeFiles(this.file);
  }

  /** Deletes a database that is not open, with its journal and its failed-check mark. */
  static async removeFiles(file: string): Promise<void> {
    await removeDatabaseFiles(file);
    await rm(checkFailedPath(file), { force: true });
  }
}

function openChecked(options: DomainDatabaseOptions): SqliteDatabase {
  const sql = new Database(options.file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    sql.pragma('journal_mode = WAL');
    sql.pragma('synchronous = FULL');
    sql.pragma('foreign_keys = ON');
    // The default (16 MB per connection, one per domain) buys nothing here: reads are one case at a time.
    sql.pragma('cache_size = -4000');
    if (!options.deferCheck) {
      const check = sql.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw new UnusableDatabase(`quick_check: ${String(check)}`, true);
    }
    migrate(sql);
    // What the user typed cannot be rebuilt from the server: its tables are checked before use even when the
    // whole file's check waits (a table's check reads only its own pages: well under a millisecond here).
    if (options.deferCheck) {
      for (const table of ['meta', ...SALVAGED_TABLES]) {
        const check = sql.pragma(`quick_check(${table})`, { simple: true });
        if (check !== 'ok') throw new UnusableDatabase(`quick_check(${table}): ${String(check)}`, true);
      }
    }
    const owner = sql.prepare<[], { value: string }>(`SELECT value FROM meta WHERE key = 'domain'`).get();
    if (owner && owner.value !== options.domain) {
      throw new UnusableDatabase(`it belongs to ${owner.value}`, false);
    }
    if (!owner) sql.prepare(`INSERT INTO meta (key, value) VALUES ('domain', ?)`).run(options.domain);
    return sql;
  } catch (error) {
    sql.close();
    throw error;
  }
}

function migrate(sql: SqliteDatabase): void {
  const current = sql.pragma('user_version', { simple: true }) as number;
  const latest = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;
  if (current > latest) throw new UnusableDatabase(`written by a newer Partner Desk (schema ${current})`, true);
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    sql.transaction(() => {
      sql.exec(migration.sql);
      sql.pragma(`user_version = ${migration.version}`);
    })();
  }
}

/** A damaged page stops an iteration: resume after the last row read, at most this often per table. */
const MAX_RESUMES_PER_TABLE = 1_000;

/**
 * Copies what the user typed out of a quarantined database, row by row: a damaged page
 * loses the rows on it, not the table. Returns how many rows were copied.
 */
function salvageInto(target: SqliteDatabase, damagedFile: string, log: Logger): number {
  let source: SqliteDatabase;
  try {
    source = new Database(damagedFile, { readonly: true, fileMustExist: true });
  } catch (error) {
    log.warn(`Nothing could be read from ${damagedFile}`, error);
    return 0;
  }
  let copied = 0;
  try {
    for (const table of SALVAGED_TABLES) copied += salvageTable(source, target, table, log);
  } finally {
    source.close();
  }
  return copied;
}

function salvageTable(source: SqliteDatabase, target: SqliteDatabase, table: string, log: Logger): number {
  const columnsOf = (db: SqliteDatabase) => {
    try {
      return db
        .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
        .all()
        .map((c) => c.name);
    } catch {
      return [];
    }
  };
  const wanted = new Set(columnsOf(target));
  const columns = columnsOf(source).filter((name) => wanted.has(name));
  if (columns.length === 0) return 0;
  const list = columns.map((name) => `"${name}"`).join(', ');
  const insert = target.prepare(
    `INSERT OR IGNORE INTO ${table} (${list}) VALUES (${columns.map(() => '?').join(', ')})`,
  );
  const read = source.prepare(`SELECT rowid AS salvage_rowid, ${list} FROM ${table} WHERE rowid > ? ORDER BY rowid`);
  let copied = 0;
  let after = 0;
  for (let resumes = 0; resumes <= MAX_RESUMES_PER_TABLE; resumes += 1) {
    try {
      for (const row of read.iterate(after) as Iterable<Record<string, unknown>>) {
        after = Number(row.salvage_rowid);
        try {
          copied += insert.run(...columns.map((name) => row[name])).changes;
        } catch (error) {
          log.warn(`A row of ${table} could not be recovered`, error);
        }
      }
      return copied;
    } catch {
      after += 1;
    }
  }
  return copied;
}

/** Written beside a database whose background check failed: the next open quarantines it. */
function checkFailedPath(file: string): string {
  return `${file}.check-failed`;
}

/** The worker's code: CommonJS, given the module's path (the app's bundle keeps better-sqlite3 external). */
const QUICK_CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
let Database;
try {
  Database = require(workerData.modulePath);
} catch (error) {
  parentPort.postMessage({ ran: false, outcome: String(error && error.message) });
}
let outcome;
if (Database) try {
  const options = { readonly: true, fileMustExist: true };
  if (workerData.nativeBinding) options.nativeBinding = workerData.nativeBinding;
  const db = new Database(workerData.file, options);
  try {
    outcome = String(db.pragma('quick_check', { simple: true }));
  } finally {
    db.close();
  }
} catch (error) {
  outcome = 'unreadable: ' + (error && error.message ? error.message : String(error));
}
if (Database) parentPort.postMessage({ ran: true, outcome });
`;

function sqliteModulePath(): string {
  // The app's bundle is CommonJS (require is there); tests and benches run as ES modules from the project.
  const resolver = typeof require === 'function' ? require : createRequire(path.join(process.cwd(), 'package.json'));
  return resolver.resolve('better-sqlite3');
}

/** quick_check's answer ('ok' when sound), or null when the check could not run at all (logged, not held against the file). */
function runQuickCheck(file: string, nativeBinding: string | undefined, log: Logger): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const notRun = (reason: string) => {
      if (settled) return;
      settled = true;
      log.warn(`The background check of ${file} could not run (${reason}).`);
      resolve(null);
    };
    let worker: Worker;
    try {
      worker = new Worker(QUICK_CHECK_WORKER, {
        eval: true,
        workerData: { file, nativeBinding, modulePath: sqliteModulePath() },
      });
    } catch (error) {
      notRun(error instanceof Error ? error.message : String(error));
      return;
    }
    worker.once('message', (message: { ran: boolean; outcome: string }) => {
      if (!message.ran) return notRun(message.outcome);
      settled = true;
      resolve(message.outcome);
    });
    worker.once('error', (error) => notRun(error.message));
    worker.once('exit', (code) => notRun(`exit code ${code}`));
  });
}
