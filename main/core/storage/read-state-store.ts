import type { DomainDatabase } from './domain-database';

/** A case's latest change by Google with the user's read mark of it, as stored. */
export interface StoredReadState {
  name: string;
  /** updateTime of the latest change Google made (google_changes). */
  changedAt: string;
  kinds: string[];
  /** updateTime of the case when the user last opened it (read_marks); null: never. */
  readAt: string | null;
}

/**
 * The SQL of unread marks, over one domain's database: google_changes (the latest change
 * Google made to each case, written by the sync) and read_marks (what the user last
 * opened). Both are salvaged from a damaged file: a case not cached yet (the rebuilt
 * cache's first sync lists it again) keeps its mark.
 */
export class ReadStateStore {
  private readonly statements: ReturnType<typeof prepare>;

  constructor(private readonly database: DomainDatabase) {
    this.statements = prepare(database);
  }

  get isOpen(): boolean {
    return this.database.isOpen;
  }

  /** Every case Google changed, with its read mark. */
  changedCases(): StoredReadState[] {
    return this.statements.changed.all().map((row) => ({
      name: row.name,
      changedAt: row.update_time,
      kinds: row.kinds ? row.kinds.split(',') : [],
      readAt: row.read_update_time,
    }));
  }

  /** Records Google's latest change of a case (in the caller's transaction when there is one). */
  putChange(name: string, changedAt: string, kinds: readonly string[]): void {
    this.statements.putChange.run(name, changedAt, kinds.join(','));
  }

  /** Read marks, durably in one transaction: the user's "I saw it" survives a power cut. */
  putReadMarks(marks: ReadonlyArray<{ name: string; readAt: string }>): void {
    if (marks.length === 0) return;
    this.database.transaction(() => {
      for (const mark of marks) this.statements.putMark.run(mark.name, mark.readAt);
    });
  }

  /** A case left the cache: its change and read mark go with it. */
  forget(name: string): void {
    this.statements.deleteChange.run(name);
    this.statements.deleteMark.run(name);
  }
}

function prepare(database: DomainDatabase) {
  const { sql } = database;
  return {
    changed: sql.prepare<[], { name: string; update_time: string; kinds: string; read_update_time: string | null }>(
      `SELECT g.name, g.update_time, g.kinds, r.read_update_time
         FROM google_changes g
         LEFT JOIN read_marks r ON r.name = g.name`,
    ),
    putChange: sql.prepare<[string, string, string]>(
      `INSERT INTO google_changes (name, update_time, kinds) VALUES (?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET update_time = excluded.update_time, kinds = excluded.kinds`,
    ),
    putMark: sql.prepare<[string, string]>(
      `INSERT INTO read_marks (name, read_update_time) VALUES (?, ?)
         ON CONFLICT (name) DO UPDATE SET read_update_time = excluded.read_update_time`,
    ),
    deleteChange: sql.prepare<[string]>(`DELETE FROM google_changes WHERE name = ?`),
    deleteMark: sql.prepare<[string]>(`DELETE FROM read_marks WHERE name = ?`),
  };
}
