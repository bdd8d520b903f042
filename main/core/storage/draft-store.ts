import type { DomainDatabase } from './domain-database';

/** A draft as stored: its content is the JSON the renderer sent, checked by the caller. */
export interface DraftRow {
  id: string;
  kind: string;
  caseName: string | null;
  customerId: string | null;
  content: string;
  revision: number;
  createdAt: string;
  updatedAt: string;
  discardedAt: string | null;
  consumedAt: string | null;
}

/** A file of a draft: its copy in the app's data folder, named by its sha256. */
export interface DraftFileRow {
  draftId: string;
  fileId: string;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  path: string;
  position: number;
}

const DRAFT_COLUMNS = `id, kind, case_name AS caseName, customer_id AS customerId, content, revision,
  created_at AS createdAt, updated_at AS updatedAt, discarded_at AS discardedAt, consumed_at AS consumedAt`;
const FILE_COLUMNS = `draft_id AS draftId, file_id AS fileId, name, size, mime_type AS mimeType, sha256, path, position`;

/**
 * The SQL of the drafts and draft_files tables of one domain's database. Every method is
 * one statement or one transaction (BEGIN IMMEDIATE; a transaction inside another is a
 * savepoint of it, so the outbox can consume a draft in its own transaction). The commit
 * is durable when the method returns: the database runs with synchronous=FULL.
 */
export class DraftStore {
  constructor(private readonly database: DomainDatabase) {}

  get(id: string): DraftRow | undefined {
    return this.database.sql.prepare<[string], DraftRow>(`SELECT ${DRAFT_COLUMNS} FROM drafts WHERE id = ?`).get(id);
  }

  /** The drafts the user is working on (neither discarded nor consumed), newest first. */
  listLive(): DraftRow[] {
    return this.database.sql
      .prepare<[], DraftRow>(
        `SELECT ${DRAFT_COLUMNS} FROM drafts WHERE discarded_at IS NULL AND consumed_at IS NULL
         ORDER BY updated_at DESC, id`,
      )
      .all();
  }

  files(draftId: string): DraftFileRow[] {
    return this.database.sql
      .prepare<[string], DraftFileRow>(`SELECT ${FILE_COLUMNS} FROM draft_files WHERE draft_id = ? ORDER BY position`)
      .all(draftId);
  }

  /** Every stored file of every draft still kept (discarded ones included, until purged). */
  allFiles(): DraftFileRow[] {
    return this.database.sql.prepare<[], DraftFileRow>(`SELECT ${FILE_COLUMNS} FROM draft_files`).all();
  }

  /**
   * Creates the draft or replaces its content, bumping its revision; refused (returns null)
   * when it was discarded or consumed meanwhile: a late save must not bring it back.
   */
  save(draft: {
    id: string;
    kind: string;
    caseName: string | null;
    customerId: string | null;
    content: string;
    now: string;
  }): DraftRow | null {
    return this.database.transaction(() => {
      const before = this.get(draft.id);
      if (before && (before.discardedAt !== null || before.consumedAt !== null)) return null;
      if (before) {
        this.database.sql
          .prepare(
            `UPDATE drafts SET kind = ?, case_name = ?, customer_id = ?, content = ?, revision = revision + 1,
             updated_at = ? WHERE id = ?`,
          )
          .run(draft.kind, draft.caseName, draft.customerId, draft.content, draft.now, draft.id);
      } else {
        this.database.sql
          .prepare(
            `INSERT INTO drafts (id, kind, case_name, customer_id, content, revision, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, 1, ?, ?)`,
          )
          .run(draft.id, draft.kind, draft.caseName, draft.customerId, draft.content, draft.now, draft.now);
      }
      return this.get(draft.id) ?? null;
    });
  }

  /** Marks a live draft discarded (kept for undo); false when there was none to discard. */
  discard(id: string, now: string): boolean {
    return this.changeOne(
      `UPDATE drafts SET discarded_at = ?, revision = revision + 1
       WHERE id = ? AND discarded_at IS NULL AND consumed_at IS NULL`,
      now,
      id,
    );
  }

  /** Undoes a discard; false when the draft is not (any more) discarded. */
  restore(id: string, now: string): boolean {
    return this.changeOne(
      `UPDATE drafts SET discarded_at = NULL, revision = revision + 1, updated_at = ?
       WHERE id = ? AND discarded_at IS NOT NULL`,
      now,
      id,
    );
  }

  /** A copy of a draft under a new id, with its files (which share the stored copies). */
  duplicate(id: string, newId: string, now: string): DraftRow | null {
    return this.database.transaction(() => {
      const changes = this.database.sql
        .prepare(
          `INSERT INTO drafts (id, kind, case_name, customer_id, content, revision, created_at, updated_at)
           SELECT ?, kind, case_name, customer_id, content, 1, ?, ? FROM drafts
           WHERE id = ? AND discarded_at IS NULL AND consumed_at IS NULL`,
        )
        .run(newId, now, now, id).changes;
      if (changes === 0) return null;
      this.database.sql
        .prepare(
          `INSERT INTO draft_files (draft_id, file_id, name, size, mime_type, sha256, path, position)
           SELECT ?, file_id, name, size, mime_type, sha256, path, position FROM draft_files WHERE draft_id = ?`,
        )
        .run(newId, id);
      return this.get(newId) ?? null;
    });
  }

  /** Adds a file (already copied and synced to disk) to a live draft; false when the draft is not live. */
  attach(file: Omit<DraftFileRow, 'position'>, now: string): boolean {
    return this.database.transaction(() => {
      const bumped = this.database.sql
        .prepare(
          `UPDATE drafts SET revision = revision + 1, updated_at = ?
           WHERE id = ? AND discarded_at IS NULL AND consumed_at IS NULL`,
        )
        .run(now, file.draftId).changes;
      if (bumped === 0) return false;
      this.database.sql
        .prepare(
          `INSERT OR REPLACE INTO draft_files (draft_id, file_id, name, size, mime_type, sha256, path, position)
           VALUES (?, ?, ?, ?, ?, ?, ?,
             (SELECT coalesce(max(position), -1) + 1 FROM draft_files WHERE draft_id = ?))`,
        )
        .run(file.draftId, file.fileId, file.name, file.size, file.mimeType, file.sha256, file.path, file.draftId);
      return true;
    });
  }

  /** Removes a file of a live draft; false when the draft is not live or did not hold it. */
  detach(draftId: string, fileId: string, now: string): boolean {
    return this.database.transaction(() => {
      const live = this.get(draftId);
      if (!live || live.discardedAt !== null || live.consumedAt !== null) return false;
      const removed = this.database.sql
        .prepare(`DELETE FROM draft_files WHERE draft_id = ? AND file_id = ?`)
        .run(draftId, fileId).changes;
      if (removed === 0) return false;
      this.database.sql
        .prepare(`UPDATE drafts SET revision = revision + 1, updated_at = ? WHERE id = ?`)
        .run(now, draftId);
      return true;
    });
  }

  /** Marks a live draft taken by the outbox; false when it is not live. */
  consume(id: string, now: string): boolean {
    return this.changeOne(
      `UPDATE drafts SET consumed_at = ?, revision = revision + 1
       WHERE id = ? AND discarded_at IS NULL AND consumed_at IS NULL`,
      now,
      id,
    );
  }

  /** Gives a consumed draft back to the user (the outbox item was taken back to edit). */
  unconsume(id: string, now: string): boolean {
    return this.changeOne(
      `UPDATE drafts SET consumed_at = NULL, revision = revision + 1, updated_at = ?
       WHERE id = ? AND consumed_at IS NOT NULL`,
      now,
      id,
    );
  }

  /** One state change of one draft, in its own committed transaction: true when it applied. */
  private changeOne(sql: string, now: string, id: string): boolean {
    return this.database.transaction(() => this.database.sql.prepare(sql).run(now, id).changes === 1);
  }

  /** Deletes a draft and its file rows for good; returns whether it existed. */
  remove(id: string): boolean {
    return this.database.transaction(
      () => this.database.sql.prepare(`DELETE FROM drafts WHERE id = ?`).run(id).changes === 1,
    );
  }

  /** Deletes the drafts discarded before `before`; returns their ids. */
  purgeDiscarded(before: string): string[] {
    return this.database.transaction(() =>
      this.database.sql
        .prepare<[string], { id: string }>(`DELETE FROM drafts WHERE discarded_at < ? RETURNING id`)
        .all(before)
        .map((row) => row.id),
    );
  }

  /** Whether any draft still holds this stored copy. */
  isFileReferenced(path: string): boolean {
    return this.database.sql.prepare(`SELECT 1 FROM draft_files WHERE path = ? LIMIT 1`).get(path) !== undefined;
  }
}
