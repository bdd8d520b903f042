import { CASE_STATE_VALUES } from '../../../shared/model/case';
import type { CaseSort } from '../../../shared/model/case-query';
import type { DomainDatabase } from './domain-database';

/** A case's list columns as stored: what the in-memory index is built from at start-up. */
export interface StoredCaseRow {
  id: number;
  name: string;
  customerId: string;
  organization: string;
  customerName: string;
  title: string;
  state: string;
  priority: string;
  category: string;
  createTime: string;
  updateTime: string;
  escalated: boolean;
  pending: boolean;
}

/** What is written for one case: its list columns, its whole detail, and the text the keyword searches. */
export interface CaseWrite extends Omit<StoredCaseRow, 'id'> {
  threadLoaded: boolean;
  listingHash: string;
  cachedAt: string;
  /** The whole CaseDetail as JSON. */
  detailJson: string;
  /** Description and comment bodies, for cases_text. */
  body: string;
}

export interface SqlCaseQuery {
  customerId?: string;
  states: readonly string[];
  priorities: readonly string[];
  /** Normalized keyword tokens: each must be in the title or the case number. */
  titleTokens: readonly string[];
  /** Or, when given, the FTS5 query the text index must match (see fullTextQuery). */
  textQuery?: string;
  sort: CaseSort;
  offset: number;
  limit: number;
}

export interface StoredKey {
  id: number;
  listingHash: string;
}

export interface StoredDetail {
  detailJson: string;
  threadLoaded: boolean;
  cachedAt: string;
}

interface RawRow {
  id: number;
  name: string;
  customer_id: string;
  organization: string;
  customer_name: string;
  title: string;
  state: string;
  priority: string;
  category: string;
  create_time: string;
  update_time: string;
  escalated: number;
  pending: number;
}

/**
 * The case cache's SQL, over one domain's database: customers, sync cursors, facts
 * (meta), cases and their searchable text. Statements are prepared once. A caller that
 * writes many rows wraps them in `transaction` (a sync page is one commit).
 */
export class CaseStore {
  private readonly statements: ReturnType<typeof prepare>;

  /**
   * `sortText` folds a text sort key as the in-memory index does (accents, case), so a
   * window read from the table is in the same order as the index's.
   */
  constructor(
    private readonly database: DomainDatabase,
    sortText: (text: string) => string = (text) => text.toLowerCase(),
  ) {
    database.sql.function('sort_text', { deterministic: true }, (text: unknown) => sortText(String(text)));
    this.statements = prepare(database);
  }

  get isOpen(): boolean {
    return this.database.isOpen;
  }

  /** The cache can be fetched again: its commits do not wait for the disk (see DomainDatabase). */
  rebuildableTransaction<T>(work: () => T): T {
    return this.database.rebuildableTransaction(work);
  }

  meta(key: string): string | undefined {
    return this.statements.getMeta.get(key)?.value;
  }

  setMeta(key: string, value: string): void {
    this.rebuildableTransaction(() => this.statements.setMeta.run(key, value));
  }

  /** Customers as stored, JSON each (the caller validates them). */
  customersJson(): string[] {
    return this.statements.allCustomers.all().map((row) => row.json);
  }

  replaceCustomers(customers: { customerId: string; organization: string | null; json: string }[]): void {
    this.rebuildableTransaction(() => {
      this.statements.clearCustomers.run();
      for (const customer of customers) {
        this.statements.putCustomer.run(customer.customerId, customer.organization, customer.json);
      }
    });
  }

  putCustomer(customer: { customerId: string; organization: string | null; json: string }): void {
    this.rebuildableTransaction(() =>
      this.statements.putCustomer.run(customer.customerId, customer.organization, customer.json),
    );
  }

  cursors(): Record<string, string> {
    return Object.fromEntries(this.statements.allCursors.all().map((row) => [row.organization, row.update_time]));
  }

  setCursor(organization: string, updateTime: string): void {
    this.rebuildableTransaction(() => this.statements.setCursor.run(organization, updateTime));
  }

  /** Within the caller's transaction. */
  deleteCursor(organization: string): void {
    this.statements.deleteCursor.run(organization);
  }

  /** Within the caller's transaction. */
  clearCursors(): void {
    this.statements.clearCursors.run();
  }

  /** The list columns of up to `limit` cases with an id above `after`, by id (the start-up path). */
  rowsAfter(after: number, limit: number): StoredCaseRow[] {
    return this.statements.rowsAfter.all(after, limit).map(fromRaw);
  }

  /**
   * A window of the list straight from the table, for the moments after a start when the
   * in-memory index is still being built (see deleteOutside). A keyword token matches
   * titles and case numbers (ASCII case folded), or the text index.
   */
  queryRows(query: SqlCaseQuery): { total: number; rows: StoredCaseRow[] } {
    const where = ['1'];
    const params: unknown[] = [];
    if (query.customerId !== undefined) {
      where.push('customer_id = ?');
      params.push(query.customerId);
    }
    if (query.states.length > 0) {
      where.push('state IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(query.states));
    }
    if (query.priorities.length > 0) {
      where.push('priority IN (SELECT value FROM json_each(?))');
      params.push(JSON.stringify(query.priorities));
    }
    if (query.titleTokens.length > 0) {
      // The case number follows `<organization>/cases/` (7 characters) in the name.
      const haystack = `lower(title) || ' ' || substr(name, length(organization) + 8)`;
      const inTitle = query.titleTokens.map(() => `instr(${haystack}, ?) > 0`).join(' AND ');
      params.push(...query.titleTokens);
      if (query.textQuery === undefined) {
        where.push(`(${inTitle})`);
      } else {
        where.push(`((${inTitle}) OR id IN (SELECT rowid FROM cases_text WHERE cases_text MATCH ?))`);
        params.push(query.textQuery);
      }
    }
    const filter = where.join(' AND ');
    const sql = this.database.sql;
    const total = sql
      .prepare<unknown[], { total: number }>(`SELECT COUNT(*) AS total FROM cases WHERE ${filter}`)
      .get(...params)?.total;
    const direction = query.sort.direction === 'asc' ? 'ASC' : 'DESC';
    const rows = sql
      .prepare<unknown[], RawRow>(
        `SELECT ${ROW_COLUMNS} FROM cases WHERE ${filter}
         ORDER BY ${ORDER_BY[query.sort.key]} ${direction}, update_time DESC, name LIMIT ? OFFSET ?`,
      )
      .all(...params, query.limit, query.offset);
    return { total: total ?? 0, rows: rows.map(fromRaw) };
  }

  /** Names of the cases filed from this app that the API has not listed yet. */
  pendingNames(): string[] {
    return this.statements.pendingNames.all().map((row) => row.name);
  }

  /** Names of the cases under none of `organizations`. */
  namesOutside(organizations: readonly string[]): string[] {
    return this.statements.namesOutside.all(JSON.stringify(organizations)).map((row) => row.name);
  }

  /** Deletes the cases (and their text) under none of `organizations`, in one transaction; returns how many. */
  deleteOutside(organizations: readonly string[]): number {
    const allowed = new Set(organizations);
    // The distinct organizations come from an index: a few ms at 45,000 cases, where a NOT IN scan costs ~40.
    const foreign = this.statements.organizations
      .all()
      .map((row) => row.organization)
      .filter((organization) => !allowed.has(organization));
    if (foreign.length === 0) return 0;
    const list = JSON.stringify(foreign);
    return this.rebuildableTransaction(() => {
      this.statements.deleteTextUnder.run(list);
      return this.statements.deleteUnder.run(list).changes;
    });
  }

  /** How many cases are in this state. */
  countInState(state: string): number {
    return this.statements.countInState.get(state)?.total ?? 0;
  }

  /** How many cases each customer has. */
  casesPerCustomer(): Map<string, number> {
    return new Map(this.statements.casesPerCustomer.all().map((row) => [row.customer_id, row.total]));
  }

  /** Names of the cases stored under one customer organization. */
  namesUnder(organization: string): string[] {
    return this.statements.namesUnder.all(organization).map((row) => row.name);
  }

  detail(name: string): StoredDetail | undefined {
    const row = this.statements.getDetail.get(name);
    return row && { detailJson: row.detail, threadLoaded: row.thread_loaded === 1, cachedAt: row.cached_at };
  }

  /** The row id and listing fingerprint of a stored case (one lookup serves putCase too). */
  stored(name: string): StoredKey | undefined {
    const row = this.statements.getKey.get(name);
    return row && { id: row.id, listingHash: row.listing_hash };
  }

  /**
   * Inserts or replaces a case and its searchable text; returns its id. `stored`: what
   * `stored(write.name)` gave, when the caller just asked (null: not stored).
   */
  putCase(write: CaseWrite, stored?: StoredKey | null): number {
    const s = this.statements;
    const existing = stored === undefined ? s.getId.get(write.name)?.id : stored?.id;
    const values = [
      write.customerId,
      write.organization,
      write.customerName,
      write.title,
      write.state,
      write.priority,
      write.category,
      write.createTime,
      write.updateTime,
      write.escalated ? 1 : 0,
      write.pending ? 1 : 0,
      write.threadLoaded ? 1 : 0,
      write.listingHash,
      write.cachedAt,
      write.detailJson,
    ] as const;
    let id: number;
    if (existing === undefined) {
      id = Number(s.insertCase.run(write.name, ...values).lastInsertRowid);
    } else {
      id = existing;
      s.updateCase.run(...values, id);
      s.deleteText.run(id);
    }
    s.insertText.run(id, write.title, write.body);
    return id;
  }

  /** Deletes a case and its searchable text; returns the id it had, if it was stored. */
  deleteCase(name: string): number | undefined {
    const id = this.statements.getId.get(name)?.id;
    if (id === undefined) return undefined;
    this.statements.deleteText.run(id);
    this.statements.deleteCase.run(id);
    return id;
  }

  /** Ids of the cases whose title, description or comments hold every term of an FTS5 query. */
  matchText(ftsQuery: string): number[] {
    return this.statements.matchText.all(ftsQuery);
  }
}

const ROW_COLUMNS = `id, name, customer_id, organization, customer_name, title, state, priority, category,
  create_time, update_time, escalated, pending`;

/** Sort keys as SQL, in the in-memory index's order: see case-sort-keys.ts. */
const ORDER_BY: Record<CaseSort['key'], string> = {
  title: 'sort_text(title)',
  customerName: 'sort_text(customer_name)',
  category: 'sort_text(category)',
  state: `CASE state ${CASE_STATE_VALUES.map((state, rank) => `WHEN '${state}' THEN ${rank}`).join(' ')} END`,
  priority: 'priority',
  updateTime: 'update_time',
  createTime: 'create_time',
};

function fromRaw(raw: RawRow): StoredCaseRow {
  return {
    id: raw.id,
    name: raw.name,
    customerId: raw.customer_id,
    organization: raw.organization,
    customerName: raw.customer_name,
    title: raw.title,
    state: raw.state,
    priority: raw.priority,
    category: raw.category,
    createTime: raw.create_time,
    updateTime: raw.update_time,
    escalated: raw.escalated === 1,
    pending: raw.pending === 1,
  };
}

type CaseValues = [
  customerId: string,
  organization: string,
  customerName: string,
  title: string,
  state: string,
  priority: string,
  category: string,
  createTime: string,
  updateTime: string,
  escalated: number,
  pending: number,
  threadLoaded: number,
  listingHash: string,
  cachedAt: string,
  detail: string,
];

function prepare(database: DomainDatabase) {
  const sql = database.sql;
  return {
    getMeta: sql.prepare<[string], { value: string }>(`SELECT value FROM meta WHERE key = ?`),
    setMeta: sql.prepare<[string, string]>(
      `INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    ),
    allCustomers: sql.prepare<[], { json: string }>(`SELECT json FROM customers ORDER BY rowid`),
    clearCustomers: sql.prepare(`DELETE FROM customers`),
    putCustomer: sql.prepare<[string, string | null, string]>(
      `INSERT INTO customers (customer_id, organization, json) VALUES (?, ?, ?)
       ON CONFLICT (customer_id) DO UPDATE SET organization = excluded.organization, json = excluded.json`,
    ),
    allCursors: sql.prepare<[], { organization: string; update_time: string }>(
      `SELECT organization, update_time FROM sync_cursors`,
    ),
    setCursor: sql.prepare<[string, string]>(
      `INSERT INTO sync_cursors (organization, update_time) VALUES (?, ?)
       ON CONFLICT (organization) DO UPDATE SET update_time = excluded.update_time`,
    ),
    deleteCursor: sql.prepare<[string]>(`DELETE FROM sync_cursors WHERE organization = ?`),
    clearCursors: sql.prepare(`DELETE FROM sync_cursors`),
    rowsAfter: sql.prepare<[number, number], RawRow>(
      `SELECT ${ROW_COLUMNS} FROM cases WHERE id > ? ORDER BY id LIMIT ?`,
    ),
    pendingNames: sql.prepare<[], { name: string }>(`SELECT name FROM cases WHERE pending = 1`),
    namesOutside: sql.prepare<[string], { name: string }>(
      `SELECT name FROM cases WHERE organization NOT IN (SELECT value FROM json_each(?))`,
    ),
    organizations: sql.prepare<[], { organization: string }>(`SELECT DISTINCT organization FROM cases`),
    deleteTextUnder: sql.prepare<[string]>(
      `DELETE FROM cases_text WHERE rowid IN
         (SELECT id FROM cases WHERE organization IN (SELECT value FROM json_each(?)))`,
    ),
    deleteUnder: sql.prepare<[string]>(`DELETE FROM cases WHERE organization IN (SELECT value FROM json_each(?))`),
    countInState: sql.prepare<[string], { total: number }>(`SELECT COUNT(*) AS total FROM cases WHERE state = ?`),
    casesPerCustomer: sql.prepare<[], { customer_id: string; total: number }>(
      `SELECT customer_id, COUNT(*) AS total FROM cases GROUP BY customer_id`,
    ),
    namesUnder: sql.prepare<[string], { name: string }>(`SELECT name FROM cases WHERE organization = ?`),
    getDetail: sql.prepare<[string], { detail: string; thread_loaded: number; cached_at: string }>(
      `SELECT detail, thread_loaded, cached_at FROM cases WHERE name = ?`,
    ),
    getKey: sql.prepare<[string], { id: number; listing_hash: string }>(
      `SELECT id, listing_hash FROM cases WHERE name = ?`,
    ),
    getId: sql.prepare<[string], { id: number }>(`SELECT id FROM cases WHERE name = ?`),
    insertCase: sql.prepare<[string, ...CaseValues]>(
      `INSERT INTO cases (name, customer_id, organization, customer_name, title, state, priority, category,
                          create_time, update_time, escalated, pending, thread_loaded, listing_hash, cached_at, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    updateCase: sql.prepare<[...CaseValues, number]>(
      `UPDATE cases SET customer_id = ?, organization = ?, customer_name = ?, title = ?, state = ?, priority = ?, category = ?,
                        create_time = ?, update_time = ?, escalated = ?, pending = ?, thread_loaded = ?,
                        listing_hash = ?, cached_at = ?, detail = ?
       WHERE id = ?`,
    ),
    deleteCase: sql.prepare<[number]>(`DELETE FROM cases WHERE id = ?`),
    insertText: sql.prepare<[number, string, string]>(`INSERT INTO cases_text (rowid, title, body) VALUES (?, ?, ?)`),
    deleteText: sql.prepare<[number]>(`DELETE FROM cases_text WHERE rowid = ?`),
    // Plucked: the ids themselves, not an object per row (a common word's prefix matches ~20,000 cases).
    matchText: sql.prepare<[string], number>(`SELECT rowid FROM cases_text WHERE cases_text MATCH ?`).pluck(),
  };
}
