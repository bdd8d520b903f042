import { createHash } from 'node:crypto';
import {
  caseDetailSchema,
  CASE_STATE_VALUES,
  PRIORITY_VALUES,
  type CaseDetail,
  type CaseState,
  type CaseSummary,
  type Priority,
} from '../../../shared/model/case';
import type { ChangeKind } from '../../../shared/model/case-change';
import type { CaseQuery, CaseQueryResult } from '../../../shared/model/case-query';
import { customerSchema, type Customer } from '../../../shared/model/customer';
import { parentOfCase } from '../api/resource-names';
import type { Clock, Logger } from '../ports';
import { CaseStore, type CaseWrite, type StoredCaseRow, type StoredKey } from '../storage/case-store';
import type { DomainDatabase } from '../storage/domain-database';
import { ReadStateStore } from '../storage/read-state-store';
import { readCacheFile, removeCacheFiles } from './cache-file';
import { CaseIndex, type TextMatches } from './case-index';
import { CASES_PER_SLICE, yieldToEventLoop } from './event-loop-slices';
import { keywordTokens, normalizeForSearch } from './search-text';

export interface DomainCacheOptions {
  domain: string;
  /** The domain's own database, where the cache lives (opened and closed by its owner). */
  database: DomainDatabase;
  clock: Clock;
  log: Logger;
  /** The JSON-lines cache file of earlier versions: migrated once on load, then deleted. */
  legacyFile?: string;
}

/** A case as cached: the detail pane's content, whether its thread was ever read, and when it was stored. */
export interface CachedCase {
  detail: CaseDetail;
  /** Comments and attachments were fetched at least once (list syncs bring only fields). */
  threadLoaded: boolean;
  cachedAt: string;
}

/** A change Google made to a cached case, as the sync records it for the unread marks. */
export interface GoogleChange {
  name: string;
  /** The case's updateTime after the change. */
  updateTime: string;
  kinds: readonly ChangeKind[];
}

/** The case list's view whose unread cases "mark all read" marks: a customer (or all) and the filters. */
export type ReadView = Omit<CaseQuery, 'domain' | 'offset' | 'limit' | 'sort'> & {
  alsoMatching?: ReadonlySet<string>;
  textMatches?: TextMatches;
};

/**
 * FTS5 costs grow with the number of terms a prefix expands to: measured on 50,000 cases,
 * a 1-letter prefix takes ~1.2 s, 2 letters ~43 ms, a selective word ~8 ms. Shorter
 * words are matched on titles and case numbers only (in memory).
 */
export const MIN_TEXT_SEARCH_LENGTH = 3;
/** Keywords whose text matches are remembered until the next write. */
const TEXT_MATCH_CACHE_SIZE = 8;
/** Rows indexed per statement at start-up (~20 ms), with a turn of the event loop in between. */
const LOAD_PAGE_ROWS = 2_000;
/** Cases of a migrated file written per transaction, with a turn of the event loop in between. */
const MIGRATION_SLICE = CASES_PER_SLICE;

const LAST_SYNCED_AT = 'last_synced_at';
const KNOWN_STATES = new Set<string>(CASE_STATE_VALUES);
const KNOWN_PRIORITIES = new Set<string>(PRIORITY_VALUES);

/**
 * One domain's local copy of its customers and cases, in the domain's SQLite database:
 * answers list queries at once, even offline, and opens every case seen before. Only a
 * compact index of the list columns lives in memory (rows, sort orders, titles); the
 * details, descriptions and comments stay on disk, and a keyword of 3+ letters finds them
 * through the database's full-text index. Every write is committed as it happens (a sync
 * page is one transaction). The network only refreshes it, through the sync and case:get.
 *
 * What is on disk is not trusted blindly: a case whose parent organization is not one of
 * this domain's customers' is dropped, on load and on write.
 */
export class DomainCache {
  readonly domain: string;
  private readonly store: CaseStore;
  private readonly readState: ReadStateStore;
  /**
   * Cases Google changed since the user last opened them, with that change's updateTime
   * and kinds: a few dozen at most (opening a case or "mark all read" clears them), so
   * in memory, and rows, badges and the queue ask it without a query. A name may not be
   * cached (yet): see `holds`.
   */
  private readonly unread = new Map<string, { changedAt: string; kinds: ChangeKind[] }>();
  private readonly index = new CaseIndex();
  /** Names of the cases filed from this app that the API has not listed yet. */
  private readonly pendingNames = new Set<string>();
  private customersById = new Map<string, Customer>();
  private customerByOrganization = new Map<string, Customer>();
  private cursors: Record<string, string> = {};
  private syncedAt: string | null = null;
  private customerRevision = 0;
  /** Bumped on every case write: remembered text matches older than it are stale. */
  private textVersion = 0;
  private readonly textMatchCache = new Map<string, { version: number; matches: TextMatches }>();
  /** Repeated strings (states, categories…) shared by every row instead of one copy each. */
  private readonly interned = new Map<string, string>();
  private disposed = false;
  /** The in-memory index holds every stored case: until then, lists are read from the database. */
  private isIndexed = false;
  private indexingStarted = false;
  private resolveIndexed!: () => void;
  /** Resolves once the in-memory index holds every stored case (queries are then answered from it). */
  readonly indexed = new Promise<void>((resolve) => {
    this.resolveIndexed = resolve;
  });
  private organizationsList: string[] = [];

  constructor(private readonly options: DomainCacheOptions) {
    this.domain = options.domain;
    this.store = new CaseStore(options.database, normalizeForSearch);
    this.readState = new ReadStateStore(options.database);
  }

  /**
   * Reads the customers, cursors and facts (the legacy file first, if any), and deletes
   * the stored cases of no customer of this domain. Cheap (tens of ms at 45,000 cases):
   * the case rows go into memory later (startIndexing); until `indexed` resolves, queries
   * are answered from the database, so a tab shows its first rows at once after a start.
   */
  async load(): Promise<void> {
    if (this.options.legacyFile) await this.migrateLegacyFile(this.options.legacyFile);
    this.syncedAt = this.store.meta(LAST_SYNCED_AT) ?? null;
    this.cursors = this.store.cursors();
    let skippedCustomers = 0;
    const customers: Customer[] = [];
    for (const json of this.store.customersJson()) {
      const parsed = customerSchema.safeParse(parseJson(json));
      if (parsed.success) customers.push(parsed.data);
      else skippedCustomers += 1;
    }
    if (skippedCustomers > 0) this.options.log.warn(`${skippedCustomers} unreadable customer(s) of ${this.domain}.`);
    this.useCustomers(customers);
    // Until the index is built, lists are read from the table: what is not this domain's leaves it first.
    const foreign = this.store.deleteOutside(this.organizationsList);
    if (foreign > 0) {
      this.options.log.warn(
        `Case cache of ${this.domain}: ${foreign} case(s) outside its customers' organizations dropped.`,
      );
    }
    for (const name of this.store.pendingNames()) if (this.customerOfCase(name)) this.pendingNames.add(name);
    for (const state of this.readState.changedCases()) {
      // Not filtered by customer: the customers may not be listed yet (a rebuilt file); see `holds`.
      if (!isLater(state.changedAt, state.readAt)) continue;
      this.unread.set(state.name, { changedAt: state.changedAt, kinds: state.kinds as ChangeKind[] });
    }
  }

  /** Builds the in-memory index in slices (once; DomainSession.start calls it, after every tab opened). */
  startIndexing(): void {
    if (this.indexingStarted) return;
    this.indexingStarted = true;
    void this.buildIndex().finally(this.resolveIndexed);
  }

  private async buildIndex(): Promise<void> {
    const dropped: string[] = [];
    let after = 0;
    try {
      for (;;) {
        // Yields first too: the tabs opening alongside answer their first rows before any slice runs.
        await yieldToEventLoop();
        if (!this.writable) return;
        const rows = this.store.rowsAfter(after, LOAD_PAGE_ROWS);
        for (const row of rows) {
          const summary = this.summaryOfRow(row);
          if (summary) {
            this.index.upsert(summary, row.id);
          } else {
            dropped.push(row.name);
          }
        }
        if (rows.length < LOAD_PAGE_ROWS) break;
        after = rows[rows.length - 1]!.id;
      }
      if (dropped.length > 0) {
        this.store.rebuildableTransaction(() => dropped.forEach((name) => this.deleteCase(name)));
        this.options.log.warn(`Case cache of ${this.domain}: ${dropped.length} damaged case row(s) dropped.`);
      }
      this.index.prepareSearch();
      this.isIndexed = true;
    } catch (error) {
      this.options.log.warn(`The case index of ${this.domain} could not be built`, error);
    }
  }

  get lastSyncedAt(): string | null {
    return this.syncedAt;
  }

  get caseCount(): number {
    if (!this.isIndexed) return [...this.casesPerCustomer().values()].reduce((sum, count) => sum + count, 0);
    return this.index.size;
  }

  /**
   * `textMatches`: the cases whose description or comments match the keyword (see
   * `textMatches`); `alsoMatching`: names of cases the server found it in (comments never read).
   */
  query(
    query: Omit<CaseQuery, 'domain'> & { alsoMatching?: ReadonlySet<string>; textMatches?: TextMatches },
  ): CaseQueryResult {
    const rows = (result: { rows: CaseSummary[] }) =>
      result.rows.map((row) => ({ ...row, unread: this.unread.has(row.name) }));
    if (this.isIndexed) {
      const result = this.index.query({ ...query, countAmong: this.unread });
      return {
        total: result.total,
        offset: query.offset,
        rows: rows(result),
        unreadTotal: result.counted,
        syncedAt: this.syncedAt,
      };
    }
    // Before the index is built (the first moments after a start): the unread rows of this page only.
    const result = this.queryDatabase(query);
    const page = rows(result);
    const unreadTotal = page.filter((row) => row.unread).length;
    return { total: result.total, offset: query.offset, rows: page, unreadTotal, syncedAt: this.syncedAt };
  }

  /** Cached cases Google changed since the user last opened them (a copy: a few names). */
  unreadNames(): ReadonlySet<string> {
    return new Set([...this.unread.keys()].filter((name) => this.holds(name)));
  }

  /**
   * The case is cached. An unread mark may wait for its case: after a damaged database
   * was rebuilt, the marks were salvaged and the cases come back with the first sync.
   */
  private holds(name: string): boolean {
    if (this.isIndexed) return this.index.get(name) !== undefined;
    return this.store.isOpen && this.store.stored(name) !== undefined;
  }

  /**
   * Records changes Google made to cached cases (after the sync stored them): each case
   * is unread until the user opens it. Kinds accumulate while it stays unread. Returns
   * how many cases turned unread.
   */
  recordGoogleChanges(changes: readonly GoogleChange[]): number {
    if (!this.writable || changes.length === 0) return 0;
    let turned = 0;
    this.store.rebuildableTransaction(() => {
      for (const change of changes) {
        if (!this.customerOfCase(change.name) || !this.store.stored(change.name)) continue;
        const earlier = this.unread.get(change.name);
        const kinds = [...new Set([...(earlier?.kinds ?? []), ...change.kinds])];
        const changedAt =
          earlier && isLater(earlier.changedAt, change.updateTime) ? earlier.changedAt : change.updateTime;
        this.readState.putChange(change.name, changedAt, kinds);
        this.unread.set(change.name, { changedAt, kinds });
        if (!earlier) turned += 1;
      }
    });
    return turned;
  }

  /** The user saw these cases (opened one, or "mark all read"): returns how many were unread. */
  markRead(names: Iterable<string>): number {
    if (!this.writable) return 0;
    const marks: { name: string; readAt: string }[] = [];
    for (const name of names) {
      const change = this.unread.get(name);
      if (change) marks.push({ name, readAt: change.changedAt });
    }
    this.readState.putReadMarks(marks);
    for (const mark of marks) this.unread.delete(mark.name);
    return marks.length;
  }

  /** The unread cases of a view (a customer or all, and the filters), for "mark all read". */
  unreadIn(view: ReadView): string[] {
    if (this.unread.size === 0) return [];
    const query = { ...view, sort: { key: 'updateTime', direction: 'desc' } as const, offset: 0 };
    const rows = this.isIndexed
      ? this.index.query({ ...query, limit: this.index.size }).rows
      : this.queryDatabase({ ...query, limit: Number.MAX_SAFE_INTEGER }).rows;
    return rows.flatMap((row) => (this.unread.has(row.name) ? [row.name] : []));
  }

  /** The case as cached, read from the database (so it opens offline), if it is one of this domain's. */
  getCase(name: string): CachedCase | undefined {
    if (!this.customerOfCase(name) || !this.store.isOpen) return undefined;
    const stored = this.store.detail(name);
    if (!stored) return undefined;
    const parsed = caseDetailSchema.safeParse(parseJson(stored.detailJson));
    if (!parsed.success) {
      this.options.log.warn(`The cached copy of ${name} is unreadable; it will be read again.`);
      return undefined;
    }
    return { detail: parsed.data, threadLoaded: stored.threadLoaded, cachedAt: stored.cachedAt };
  }

  /** Cases filed from this app and not yet listed by the API (see CaseSummary.pending). */
  pendingCases(): CaseDetail[] {
    return [...this.pendingNames].flatMap((name) => this.getCase(name)?.detail ?? []);
  }

  /**
   * Cases needing the team: ACTION_REQUIRED, or changed by Google since the user last
   * opened them. Counted from the cases and the unread marks on every call, never kept as
   * a running total, so no missed or repeated event can leave it wrong.
   */
  attentionCount(): number {
    if (!this.store.isOpen) return 0;
    const stateOf = (name: string) => (this.isIndexed ? this.index.get(name)?.state : this.getCase(name)?.detail.state);
    let unreadElsewhere = 0;
    for (const name of this.unread.keys()) {
      const state = stateOf(name);
      if (state !== undefined && state !== 'ACTION_REQUIRED') unreadElsewhere += 1;
    }
    const waiting = this.isIndexed
      ? this.index.countInState('ACTION_REQUIRED')
      : this.store.countInState('ACTION_REQUIRED');
    return waiting + unreadElsewhere;
  }

  /**
   * The customers with open cases, each true when one waits on Google; empty until the
   * index is built (the sync reads it again after every pass).
   */
  openCustomers(): Map<string, boolean> {
    return this.isIndexed ? this.index.openCustomers() : new Map();
  }

  /** The customers with their cached case counts. */
  customers(): Customer[] {
    const counts = this.isIndexed ? this.index.casesPerCustomer() : this.casesPerCustomer();
    return [...this.customersById.values()].map((customer) => ({
      ...customer,
      caseCount: counts.get(customer.customerId) ?? 0,
    }));
  }

  customer(customerId: string): Customer | undefined {
    return this.customersById.get(customerId);
  }

  /** The customer whose organization is the parent of a case, if it is one of this domain's. */
  customerOfOrganization(organization: string): Customer | undefined {
    return this.customerByOrganization.get(organization);
  }

  /** Bumped whenever a customer is added, removed or changed: tells the sync whether to announce. */
  get customersRevision(): number {
    return this.customerRevision;
  }

  /**
   * Replaces the customer list. Cases of customers no longer listed (moved to another
   * reseller) leave the cache too: this reseller can no longer read them.
   */
  setCustomers(customers: Customer[]): void {
    const next = new Map(customers.map((customer) => [customer.customerId, customer]));
    const same =
      next.size === this.customersById.size &&
      [...next].every(([id, customer]) => sameCustomer(this.customersById.get(id), customer));
    if (same || !this.writable) return;
    this.useCustomers(customers);
    this.customerRevision += 1;
    const gone = this.store.namesOutside(this.organizationsList);
    const goneOrganizations = Object.keys(this.cursors).filter(
      (organization) => !this.customerOfOrganization(organization),
    );
    this.store.rebuildableTransaction(() => {
      this.store.replaceCustomers(customers.map(customerRecord));
      for (const name of gone) this.deleteCase(name);
      for (const organization of goneOrganizations) {
        this.store.deleteCursor(organization);
        delete this.cursors[organization];
      }
    });
  }

  updateCustomer(customerId: string, changes: Partial<Pick<Customer, 'access' | 'organization'>>): void {
    const customer = this.customersById.get(customerId);
    if (!customer || !this.writable) return;
    const updated = { ...customer, ...changes };
    if (sameCustomer(customer, updated)) return;
    // In place: a first sync grants access to each of 1,000 customers in turn.
    this.customersById.set(customerId, updated);
    if (updated.organization === customer.organization) {
      if (customer.organization) this.customerByOrganization.set(customer.organization, updated);
    } else {
      this.useCustomers([...this.customersById.values()]);
    }
    this.customerRevision += 1;
    this.store.putCustomer(customerRecord(updated));
  }

  cursor(organization: string): string | undefined {
    return this.cursors[organization];
  }

  setCursor(organization: string, updateTime: string): void {
    if (!this.writable) return;
    this.store.setCursor(organization, updateTime);
    this.cursors[organization] = updateTime;
  }

  /**
   * Stores cases as a listing returns them (fields, no thread), in one transaction. A
   * case whose thread was loaded keeps it until case:get refreshes it. Returns how many
   * cases are new or changed; cases outside this domain's customers are dropped.
   */
  putListed(details: CaseDetail[]): number {
    if (!this.writable) return 0;
    let changed = 0;
    let foreign = 0;
    this.store.rebuildableTransaction(() => {
      for (const detail of details) {
        if (!this.accepts(detail)) {
          foreign += 1;
          continue;
        }
        const listing = listingJson(detail);
        const hash = hashOf(listing);
        const stored = this.store.stored(detail.name) ?? null;
        if (stored?.listingHash === hash) continue;
        const previous = stored === null ? undefined : this.getCase(detail.name);
        if (previous?.threadLoaded) {
          const merged = { ...detail, comments: previous.detail.comments, attachments: previous.detail.attachments };
          this.write(merged, true, hash, JSON.stringify(merged), stored);
        } else {
          // A listing has no thread: its JSON is the detail's.
          const json = detail.comments.length + detail.attachments.length ? undefined : listing;
          this.write(detail, false, hash, json, stored);
        }
        changed += 1;
      }
    });
    this.warnForeign(foreign);
    return changed;
  }

  /** Stores a case read in full (fields, comments, attachments). */
  putFull(detail: CaseDetail): void {
    if (!this.writable) return;
    if (!this.accepts(detail)) {
      this.warnForeign(1);
      return;
    }
    this.store.rebuildableTransaction(() => this.write(detail, true, hashOf(listingJson(detail))));
  }

  /**
   * After a complete listing of an organization (no cursor, every page read): removes its
   * cached cases the server no longer lists, except those filed here and not yet indexed.
   * Returns how many went.
   */
  pruneUnlisted(organization: string, listed: ReadonlySet<string>): number {
    if (!this.writable) return 0;
    const gone = this.store
      .namesUnder(organization)
      .filter((name) => !listed.has(name) && !this.pendingNames.has(name));
    if (gone.length === 0) return 0;
    this.store.rebuildableTransaction(() => gone.forEach((name) => this.deleteCase(name)));
    return gone.length;
  }

  markSynced(at: string): void {
    if (!this.writable) return;
    this.store.setMeta(LAST_SYNCED_AT, at);
    this.syncedAt = at;
    // The sync's changes are in: index them for the keyword now rather than on the user's next keystroke.
    this.index.prepareSearch();
  }

  /** Stops writing (the database is closed by its owner right after). */
  async dispose(): Promise<void> {
    this.disposed = true;
  }

  /** Forgets everything of this domain in memory, and any legacy file (sign-out deletes the database). */
  async destroy(): Promise<void> {
    this.disposed = true;
    this.index.clear();
    this.pendingNames.clear();
    this.unread.clear();
    this.textMatchCache.clear();
    this.useCustomers([]);
    if (this.options.legacyFile) await removeCacheFiles(this.options.legacyFile);
  }

  private get writable(): boolean {
    return !this.disposed && this.store.isOpen;
  }

  private useCustomers(customers: Customer[]): void {
    this.customersById = new Map(customers.map((customer) => [customer.customerId, customer]));
    this.customerByOrganization = new Map(
      customers.flatMap((customer) => (customer.organization ? [[customer.organization, customer] as const] : [])),
    );
    this.organizationsList = [...this.customerByOrganization.keys()];
  }

  private casesPerCustomer(): Map<string, number> {
    return this.store.isOpen ? this.store.casesPerCustomer() : new Map();
  }

  /** A list window read from the database while the index is being built (see load). */
  private queryDatabase(query: Omit<CaseQuery, 'domain'>): { total: number; rows: CaseSummary[] } {
    if (!this.store.isOpen) return { total: 0, rows: [] };
    const sqlQuery = {
      customerId: query.customerId,
      states: query.filters.states,
      priorities: query.filters.priorities,
      titleTokens: keywordTokens(query.filters.keyword),
      textQuery: fullTextQuery(query.filters.keyword),
      sort: query.sort,
      offset: query.offset,
      limit: query.limit,
    };
    let result: ReturnType<CaseStore['queryRows']>;
    try {
      result = this.store.queryRows(sqlQuery);
    } catch (error) {
      if (sqlQuery.textQuery === undefined) throw error;
      this.options.log.warn(`The text index of ${this.domain} refused ${JSON.stringify(sqlQuery.textQuery)}`, error);
      result = this.store.queryRows({ ...sqlQuery, textQuery: undefined });
    }
    return { total: result.total, rows: result.rows.flatMap((row) => this.summaryOfRow(row) ?? []) };
  }

  /** Ids matching an FTS5 query; undefined (logged) if the text index refuses it, so the keyword still answers. */
  private matchText(ftsQuery: string): number[] | undefined {
    try {
      return this.store.matchText(ftsQuery);
    } catch (error) {
      this.options.log.warn(`The text index of ${this.domain} refused ${JSON.stringify(ftsQuery)}`, error);
      return undefined;
    }
  }

  private customerOfCase(name: string): Customer | undefined {
    const organization = organizationOf(name);
    return organization === undefined ? undefined : this.customerByOrganization.get(organization);
  }

  /** A case may be cached here only under one of this domain's customers' organizations. */
  private accepts(detail: CaseDetail): boolean {
    return detail.domain === this.domain && this.customerOfCase(detail.name) !== undefined;
  }

  private warnForeign(count: number): void {
    if (count > 0) {
      this.options.log.warn(`${count} case(s) outside the customers of ${this.domain} were not cached.`);
    }
  }

  /** `stored`: the case's key in the table if the caller just read it (null: not stored), see CaseStore.putCase. */
  private write(
    detail: CaseDetail,
    threadLoaded: boolean,
    hash: string,
    json = JSON.stringify(detail),
    stored?: StoredKey | null,
  ): void {
    const customer = this.customerOfCase(detail.name) as Customer;
    const row: CaseWrite = {
      name: detail.name,
      customerId: customer.customerId,
      organization: customer.organization as string,
      customerName: customer.organizationName,
      title: detail.title,
      state: detail.state,
      priority: detail.priority,
      category: detail.category,
      createTime: detail.createTime,
      updateTime: detail.updateTime,
      escalated: detail.escalated,
      pending: detail.pending,
      threadLoaded,
      listingHash: hash,
      cachedAt: new Date(this.options.clock.now()).toISOString(),
      detailJson: json,
      body: [detail.description, ...detail.comments.map((comment) => comment.body)].join('\n'),
    };
    const id = this.store.putCase(row, stored);
    this.index.upsert(this.summaryOf(row, customer), id);
    if (detail.pending) this.pendingNames.add(detail.name);
    else this.pendingNames.delete(detail.name);
    this.textVersion += 1;
  }

  private deleteCase(name: string): void {
    this.store.deleteCase(name);
    this.readState.forget(name);
    this.unread.delete(name);
    this.index.remove(name);
    this.pendingNames.delete(name);
    this.textVersion += 1;
  }

  /** The list row of a stored row, or undefined when it must not be shown (another domain's, damaged). */
  private summaryOfRow(row: StoredCaseRow): CaseSummary | undefined {
    const customer = this.customerOfCase(row.name);
    if (!customer || customer.organization !== row.organization) return undefined;
    if (!KNOWN_STATES.has(row.state) || !KNOWN_PRIORITIES.has(row.priority)) return undefined;
    return this.summaryOf(row, customer);
  }

  private summaryOf(row: Omit<StoredCaseRow, 'id'>, customer: Customer): CaseSummary {
    return {
      name: row.name,
      domain: this.domain,
      customerId: customer.customerId,
      customerName: customer.organizationName,
      title: row.title,
      state: this.intern(row.state) as CaseState,
      priority: this.intern(row.priority) as Priority,
      category: this.intern(row.category),
      createTime: row.createTime,
      updateTime: row.updateTime,
      escalated: row.escalated,
      pending: row.pending,
    };
  }

  private intern(value: string): string {
    const known = this.interned.get(value);
    if (known !== undefined) return known;
    this.interned.set(value, value);
    return value;
  }

  /**
   * The cases whose title, description or comments hold every word of the keyword as a
   * word prefix (accents folded), from the database's full-text index, for `query`;
   * undefined when a word is too short to ask (see MIN_TEXT_SEARCH_LENGTH). The same
   * object while no case changes, so the index joins it once per keyword and shape.
   */
  textMatches(keyword: string): TextMatches | undefined {
    const query = fullTextQuery(keyword);
    // Before the index is built, the database answers the whole query (text included).
    if (query === undefined || !this.store.isOpen || !this.isIndexed) return undefined;
    const hit = this.textMatchCache.get(query);
    if (hit && hit.version === this.textVersion) {
      this.textMatchCache.delete(query);
      this.textMatchCache.set(query, hit);
      return hit.matches;
    }
    const matches = { rows: Int32Array.from(this.matchText(query) ?? []) };
    this.textMatchCache.delete(query);
    this.textMatchCache.set(query, { version: this.textVersion, matches });
    if (this.textMatchCache.size > TEXT_MATCH_CACHE_SIZE) {
      this.textMatchCache.delete(this.textMatchCache.keys().next().value as string);
    }
    return matches;
  }

  /**
   * Copies the JSON-lines cache of earlier versions into the database, then deletes it
   * with any temp files an interrupted save left. Its cursors are not kept: the first sync
   * then lists every customer in full, which prunes what the server no longer has.
   */
  private async migrateLegacyFile(file: string): Promise<void> {
    const result = await readCacheFile(file, this.domain);
    if (result.kind === 'corrupt') {
      this.options.log.warn(`Old case cache of ${this.domain} ignored (${result.reason}); sync rebuilds it.`);
    }
    if (result.kind === 'loaded' && this.store.isOpen) {
      const { snapshot, skipped } = result;
      this.useCustomers(snapshot.customers);
      this.store.rebuildableTransaction(() => {
        this.store.replaceCustomers(snapshot.customers.map(customerRecord));
        this.store.clearCursors();
        if (snapshot.lastSyncedAt) this.store.setMeta(LAST_SYNCED_AT, snapshot.lastSyncedAt);
      });
      let foreign = 0;
      for (let start = 0; start < snapshot.cases.length; start += MIGRATION_SLICE) {
        this.store.rebuildableTransaction(() => {
          for (const cached of snapshot.cases.slice(start, start + MIGRATION_SLICE)) {
            if (this.accepts(cached.detail)) {
              this.write(cached.detail, cached.threadLoaded, hashOf(listingJson(cached.detail)));
            } else {
              foreign += 1;
            }
          }
        });
        await yieldToEventLoop();
      }
      this.options.log.info(
        `Case cache of ${this.domain} moved into its database: ${snapshot.cases.length - foreign} case(s), ${foreign + skipped} dropped.`,
      );
      // load() reads everything back from the database, as on any start.
      this.index.clear();
      this.pendingNames.clear();
    }
    if (result.kind !== 'missing') await removeCacheFiles(file);
  }
}

/** The FTS5 query of a keyword: every word as a prefix; undefined when a word is shorter than the minimum. */
export function fullTextQuery(keyword: string): string | undefined {
  const words = keywordTokens(keyword).flatMap((token) => token.match(/[\p{L}\p{N}]+/gu) ?? []);
  if (words.length === 0 || words.some((word) => word.length < MIN_TEXT_SEARCH_LENGTH)) return undefined;
  // Words hold letters and digits only: quoted, nothing in them is FTS5 syntax.
  return words.map((word) => `"${word}"*`).join(' ');
}

/** `time` is after `than` (null: never); RFC 3339 times of different precisions compare as instants. */
function isLater(time: string, than: string | null): boolean {
  if (than === null) return true;
  const a = Date.parse(time);
  const b = Date.parse(than);
  return Number.isFinite(a) && Number.isFinite(b) ? a > b : time > than;
}

function organizationOf(name: string): string | undefined {
  try {
    return parentOfCase(name);
  } catch {
    return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function customerRecord(customer: Customer): { customerId: string; organization: string | null; json: string } {
  return { customerId: customer.customerId, organization: customer.organization, json: JSON.stringify(customer) };
}

function sameCustomer(a: Customer | undefined, b: Customer): boolean {
  return a !== undefined && JSON.stringify({ ...a, caseCount: 0 }) === JSON.stringify({ ...b, caseCount: 0 });
}

/** The fields a listing gives, as JSON (the thread is kept apart). */
function listingJson(detail: CaseDetail): string {
  return JSON.stringify({ ...detail, comments: [], attachments: [] });
}

function hashOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}
