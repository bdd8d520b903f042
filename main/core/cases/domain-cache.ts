import type { CaseDetail } from '../../../shared/model/case';
import type { CaseQuery, CaseQueryResult } from '../../../shared/model/case-query';
import type { Customer } from '../../../shared/model/customer';
import type { Clock, Logger } from '../ports';
import {
  CACHE_FORMAT,
  deleteCacheFile,
  readCacheFile,
  writeCacheFile,
  type CachedCase,
  type CacheSnapshot,
} from './cache-file';
import { CaseIndex } from './case-index';
import { CASES_PER_SLICE, yieldToEventLoop } from './event-loop-slices';

export interface DomainCacheOptions {
  domain: string;
  file: string;
  clock: Clock;
  log: Logger;
  /** Writes are gathered for this long, so a sync of 50,000 cases writes the file once. */
  writeDelayMs?: number;
}

export const DEFAULT_CACHE_WRITE_DELAY_MS = 2_000;

/**
 * One domain's local copy of its customers and cases: answers list queries at once,
 * even offline, and persists itself to one file (debounced, atomic). The network only
 * refreshes it, through the sync loop and case:get.
 */
export class DomainCache {
  readonly domain: string;
  private readonly index = new CaseIndex();
  private readonly cases = new Map<string, CachedCase>();
  /** Names of the cases filed from this app that the API has not listed yet. */
  private readonly pendingNames = new Set<string>();
  private customersById = new Map<string, Customer>();
  private cursors: Record<string, string> = {};
  private syncedAt: string | null = null;
  private customerRevision = 0;
  /** How long the last write took (wall time), to space the next ones. */
  private lastWriteMs = 0;
  private writeTimer: { cancel(): void } | undefined;
  private writing: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(private readonly options: DomainCacheOptions) {
    this.domain = options.domain;
  }

  /** Loads the file; a corrupt one is logged and the cache starts empty (sync refills it). */
  async load(): Promise<void> {
    const result = await readCacheFile(this.options.file, this.domain);
    if (result.kind === 'missing') return;
    if (result.kind === 'corrupt') {
      this.options.log.warn(`Case cache of ${this.domain} ignored (${result.reason}); it will be rebuilt by sync.`);
      return;
    }
    const { snapshot, skipped } = result;
    if (skipped > 0) this.options.log.warn(`Case cache of ${this.domain}: ${skipped} unreadable case(s) skipped.`);
    this.syncedAt = snapshot.lastSyncedAt;
    this.cursors = { ...snapshot.cursors };
    this.customersById = new Map(snapshot.customers.map((customer) => [customer.customerId, customer]));
    // Indexing a large cache takes a second or so: in slices, so the main process keeps answering.
    for (const [position, cached] of snapshot.cases.entries()) {
      this.store(cached);
      if ((position + 1) % CASES_PER_SLICE === 0) await yieldToEventLoop();
    }
    this.index.prepareSearch();
  }

  get lastSyncedAt(): string | null {
    return this.syncedAt;
  }

  get caseCount(): number {
    return this.cases.size;
  }

  /** `alsoMatching`: names of cases that match the keyword beyond their cached text (see IndexQuery). */
  query(query: Omit<CaseQuery, 'domain'> & { alsoMatching?: ReadonlySet<string> }): CaseQueryResult {
    const result = this.index.query(query);
    return { total: result.total, offset: query.offset, rows: result.rows, syncedAt: this.syncedAt };
  }

  getCase(name: string): CachedCase | undefined {
    return this.cases.get(name);
  }

  /** Cases filed from this app and not yet listed by the API (see CaseSummary.pending). */
  pendingCases(): CaseDetail[] {
    return [...this.pendingNames].flatMap((name) => this.cases.get(name)?.detail ?? []);
  }

  /** Cases waiting on the team. */
  attentionCount(): number {
    return this.index.countWhere((summary) => summary.state === 'ACTION_REQUIRED');
  }

  /** The customers with their cached case counts. */
  customers(): Customer[] {
    const counts = new Map<string, number>();
    for (const summary of this.index.allSummaries()) {
      counts.set(summary.customerId, (counts.get(summary.customerId) ?? 0) + 1);
    }
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
    for (const customer of this.customersById.values()) {
      if (customer.organization === organization) return customer;
    }
    return undefined;
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
    if (same) return;
    this.customersById = next;
    this.customerRevision += 1;
    for (const [name, cached] of this.cases) {
      if (!this.customersById.has(cached.detail.customerId)) {
        this.cases.delete(name);
        this.pendingNames.delete(name);
        this.index.remove(name);
      }
    }
    const organizations = new Set(customers.map((customer) => customer.organization));
    for (const organization of Object.keys(this.cursors)) {
      if (!organizations.has(organization)) delete this.cursors[organization];
    }
    this.scheduleWrite();
  }

  updateCustomer(customerId: string, changes: Partial<Pick<Customer, 'access' | 'organization'>>): void {
    const customer = this.customersById.get(customerId);
    if (!customer) return;
    const updated = { ...customer, ...changes };
    if (sameCustomer(customer, updated)) return;
    this.customersById.set(customerId, updated);
    this.customerRevision += 1;
    this.scheduleWrite();
  }

  cursor(organization: string): string | undefined {
    return this.cursors[organization];
  }

  setCursor(organization: string, updateTime: string): void {
    this.cursors[organization] = updateTime;
    this.scheduleWrite();
  }

  /**
   * Stores cases as a listing returns them (fields, no thread). A case whose thread was
   * loaded keeps it for the keyword search until case:get refreshes it. Returns how many
   * cases are new or changed.
   */
  putListed(details: CaseDetail[]): number {
    let changed = 0;
    for (const detail of details) {
      const previous = this.cases.get(detail.name);
      if (previous && sameListing(previous.detail, detail)) continue;
      const merged: CachedCase = previous?.threadLoaded
        ? {
            detail: { ...detail, comments: previous.detail.comments, attachments: previous.detail.attachments },
            threadLoaded: true,
            ...(previous.savedAt ? { savedAt: previous.savedAt } : {}),
          }
        : { detail, threadLoaded: false };
      this.store(merged);
      changed += 1;
    }
    if (changed > 0) this.scheduleWrite();
    return changed;
  }

  /** Stores a case read in full (fields, comments, attachments). */
  putFull(detail: CaseDetail): void {
    this.store({ detail, threadLoaded: true, savedAt: new Date(this.options.clock.now()).toISOString() });
    this.scheduleWrite();
  }

  markSynced(at: string): void {
    this.syncedAt = at;
    // The sync's changes are in: index them for the keyword now rather than on the user's next keystroke.
    this.index.prepareSearch();
    this.scheduleWrite();
  }

  /** Writes pending changes now. */
  async flush(): Promise<void> {
    this.writeTimer?.cancel();
    this.writeTimer = undefined;
    if (this.disposed) return this.writing;
    const snapshot = this.snapshot();
    this.writing = this.writing.then(async () => {
      const started = performance.now();
      try {
        await writeCacheFile(this.options.file, snapshot);
      } catch (error) {
        this.options.log.warn(`Could not save the case cache of ${this.domain}`, error);
      } finally {
        this.lastWriteMs = performance.now() - started;
      }
    });
    return this.writing;
  }

  /** Flushes what is pending and stops writing. */
  async dispose(): Promise<void> {
    if (this.writeTimer) await this.flush();
    this.disposed = true;
    await this.writing;
  }

  /** Forgets everything of this domain, on disk too (sign-out). */
  async destroy(): Promise<void> {
    this.writeTimer?.cancel();
    this.writeTimer = undefined;
    this.disposed = true;
    await this.writing;
    this.cases.clear();
    this.pendingNames.clear();
    this.index.clear();
    this.customersById.clear();
    await deleteCacheFile(this.options.file);
  }

  private store(cached: CachedCase): void {
    const detail = cached.detail;
    this.cases.set(detail.name, cached);
    if (detail.pending) this.pendingNames.add(detail.name);
    else this.pendingNames.delete(detail.name);
    const comments = detail.comments.map((comment) => comment.body).join('\n');
    this.index.upsert({ summary: summaryOf(detail), searchText: `${detail.description}\n${comments}` });
  }

  private scheduleWrite(): void {
    if (this.disposed || this.writeTimer) return;
    // A big cache takes a while to write: space the writes so that writing never takes over a long sync.
    const delay = Math.max(this.options.writeDelayMs ?? DEFAULT_CACHE_WRITE_DELAY_MS, 4 * this.lastWriteMs);
    this.writeTimer = this.options.clock.setTimeout(() => {
      this.writeTimer = undefined;
      void this.flush();
    }, delay);
  }

  private snapshot(): CacheSnapshot {
    return {
      format: CACHE_FORMAT,
      domain: this.domain,
      lastSyncedAt: this.syncedAt,
      cursors: { ...this.cursors },
      customers: [...this.customersById.values()],
      cases: [...this.cases.values()],
    };
  }
}

function summaryOf(detail: CaseDetail) {
  return {
    name: detail.name,
    domain: detail.domain,
    customerId: detail.customerId,
    customerName: detail.customerName,
    title: detail.title,
    state: detail.state,
    priority: detail.priority,
    category: detail.category,
    createTime: detail.createTime,
    updateTime: detail.updateTime,
    escalated: detail.escalated,
    pending: detail.pending,
  };
}

function sameCustomer(a: Customer | undefined, b: Customer): boolean {
  return a !== undefined && JSON.stringify({ ...a, caseCount: 0 }) === JSON.stringify({ ...b, caseCount: 0 });
}

/** Same fields as the listing gave last time (the thread is compared elsewhere). */
function sameListing(a: CaseDetail, b: CaseDetail): boolean {
  return (
    JSON.stringify({ ...a, comments: [], attachments: [] }) === JSON.stringify({ ...b, comments: [], attachments: [] })
  );
}
