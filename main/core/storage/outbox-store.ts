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

  /** Runs `work` in one transaction: the outbox's writes and its draft's (consume, unconsume) commit together. */
  transaction<T>(work: () => T): T {
    return this.database.transaction(work);
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
