import type { DomainDatabase } from './domain-database';

/** One row of the outbox table, as the outbox reads and writes it (JSON columns as text). */
export interface OutboxRow {
  id: string;
  seq: number;
  kind: string;
  caseName: string | null;
  customerId: string | null;
  draftId: string | null;
  reference: string;
  payload: string;
  state: string;
  attempts: number;
  maybeCommitted: boolean;
  lastError: string | null;
  result: string | null;
  createdAt: string;
  updatedAt: string;
}

export type OutboxChanges = Partial<
  Pick<OutboxRow, 'state' | 'attempts' | 'maybeCommitted' | 'lastError' | 'result' | 'payload' | 'caseName'>
> & { updatedAt: string };

/** A draft row as outbox:edit writes it back (the drafts table's own columns). */
export interface DraftRowInput {
  id: string;
  kind: string;
  caseName: string | null;
  customerId: string | null;
  content: string;
  now: string;
}

interface SqlRow {
  id: string;
  seq: number;
  kind: string;
  case_name: string | null;
  customer_id: string | null;
  draft_id: string | null;
  reference: string;
  payload: string;
  state: string;
  attempts: number;
  maybe_committed: number;
  last_error: string | null;
  result: string | null;
  created_at: string;
  updated_at: string;
}

const COLUMNS: Record<keyof OutboxChanges, string> = {
  state: 'state',
  attempts: 'attempts',
  maybeCommitted: 'maybe_committed',
  lastError: 'last_error',
  result: 'result',
  payload: 'payload',
  caseName: 'case_name',
  updatedAt: 'updated_at',
};

/**
 * The outbox table of one domain's database. Every write is its own committed transaction
 * (`synchronous=FULL`): when a method returns, the row is on disk, so the outbox can
 * commit "a request may leave now" before the request does.
 */
export class OutboxStore {
  constructor(private readonly database: DomainDatabase) {}

  /** Adds a row at the end of the order; returns it with its sequence number. */
  insert(row: Omit<OutboxRow, 'seq'>): OutboxRow {
    return this.database.transaction(() => {
      const last = this.database.sql.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM outbox').get();
      const seq = (last?.seq ?? 0) + 1;
      this.database.sql
        .prepare(
          `INSERT INTO outbox (id, seq, kind, case_name, customer_id, draft_id, reference, payload, state, attempts,
             maybe_committed, last_error, result, created_at, updated_at)
           VALUES (@id, @seq, @kind, @caseName, @customerId, @draftId, @reference, @payload, @state, @attempts,
             @maybeCommitted, @lastError, @result, @createdAt, @updatedAt)`,
        )
        .run({ ...row, seq, maybeCommitted: row.maybeCommitted ? 1 : 0 });
      return { ...row, seq };
    });
  }

  /** Every row, in the order submitted. */
  all(): OutboxRow[] {
    return this.database.sql.prepare<[], SqlRow>('SELECT * FROM outbox ORDER BY seq').all().map(fromSql);
  }

  get(id: string): OutboxRow | undefined {
    const row = this.database.sql.prepare<[string], SqlRow>('SELECT * FROM outbox WHERE id = ?').get(id);
    return row && fromSql(row);
  }

  update(id: string, changes: OutboxChanges): void {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    const assignments = entries.map(([key]) => `${COLUMNS[key as keyof OutboxChanges]} = @${key}`).join(', ');
    const values = Object.fromEntries(
      entries.map(([key, value]) => [key, typeof value === 'boolean' ? (value ? 1 : 0) : value]),
    );
    this.database.transaction(() =>
      this.database.sql.prepare(`UPDATE outbox SET ${assignments} WHERE id = @id`).run({ ...values, id }),
    );
  }

  remove(id: string): boolean {
    return this.database.transaction(
      () => this.database.sql.prepare('DELETE FROM outbox WHERE id = ?').run(id).changes > 0,
    );
  }

  /** Sent rows beyond the `keep` newest are forgotten: the outbox shows recent sends only. */
  pruneSent(keep: number): void {
    this.database.transaction(() =>
      this.database.sql
        .prepare(
          `DELETE FROM outbox WHERE state = 'sent' AND seq NOT IN
             (SELECT seq FROM outbox WHERE state = 'sent' ORDER BY seq DESC LIMIT ?)`,
        )
        .run(keep),
    );
  }

  /** The submission consumed its draft: both change in one transaction with the row's insertion. */
  consumeDraft(draftId: string): void {
    this.database.transaction(() => this.database.sql.prepare('DELETE FROM drafts WHERE id = ?').run(draftId));
  }

  /**
   * Takes a row back into a draft (outbox:edit) in one transaction: the draft is written,
   * the row removed. Returns the draft's revision and creation time.
   */
  moveToDraft(id: string, draft: DraftRowInput): { revision: number; createdAt: string } {
    return this.database.transaction(() => {
      const existing = this.database.sql
        .prepare<[string], { revision: number; created_at: string }>(
          'SELECT revision, created_at FROM drafts WHERE id = ?',
        )
        .get(draft.id);
      const revision = (existing?.revision ?? 0) + 1;
      const createdAt = existing?.created_at ?? draft.now;
      this.database.sql
        .prepare(
          `INSERT INTO drafts (id, kind, case_name, customer_id, content, revision, created_at, updated_at, discarded_at)
           VALUES (@id, @kind, @caseName, @customerId, @content, @revision, @createdAt, @now, NULL)
           ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, case_name = excluded.case_name,
             customer_id = excluded.customer_id, content = excluded.content, revision = excluded.revision,
             updated_at = excluded.updated_at, discarded_at = NULL`,
        )
        .run({ ...draft, revision, createdAt });
      this.database.sql.prepare('DELETE FROM outbox WHERE id = ?').run(id);
      return { revision, createdAt };
    });
  }
}

function fromSql(row: SqlRow): OutboxRow {
  return {
    id: row.id,
    seq: row.seq,
    kind: row.kind,
    caseName: row.case_name,
    customerId: row.customer_id,
    draftId: row.draft_id,
    reference: row.reference,
    payload: row.payload,
    state: row.state,
    attempts: row.attempts,
    maybeCommitted: row.maybe_committed !== 0,
    lastError: row.last_error,
    result: row.result,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
