import { AppError } from '../../../shared/app-error';
import type { CaseDetail } from '../../../shared/model/case';
import type { Customer } from '../../../shared/model/customer';
import type { CloudSupportClient } from '../api/cloud-support-client';
import type { Case } from '../../google-wire/google-types';
import { parentOfCase } from '../api/resource-names';
import { toCaseDetail } from '../cases/case-mapper';
import type { DomainCache } from '../cases/domain-cache';
import { listCustomers, type CustomerListingClients } from './customer-listing';
import { runBounded } from './run-bounded';
import type { DetectedChange } from '../notifications/change-burst';
import type { GoogleChange } from '../cases/domain-cache';
import {
  fieldChanges,
  threadChanges,
  threadMayHaveChanged,
  toDetectedChange,
  type CaseChange,
} from './change-detector';
import { readCaseThread } from './case-thread';
import type { OwnChanges } from './own-changes';

export interface SyncPassOptions {
  domain: string;
  clients: CustomerListingClients & { cloudSupport: CloudSupportClient };
  cache: DomainCache;
  /** Customers synced at once. */
  concurrency: number;
  /** The server's clock is unknown; lastSyncedAt is stamped with ours. */
  now: () => number;
  /**
   * List the customers first: 'new' pages the subscriptions (100 a call) and reads only
   * the customers not known yet; 'all' reads every customer again (a call each: rarely).
   * Without either, the cached customers are used (listed anyway while there are none).
   */
  refreshCustomers: false | 'new' | 'all';
  /** The customers to search (undefined: every one): the schedule's due customers. */
  customerIds?: readonly string[];
  /**
   * Cases to re-read (on screen or just acted on): a `cases.get` each, and when its
   * update time moved, `rereadCase` reads it in full (comments, attachments) and records it.
   */
  caseNames?: readonly string[];
  rereadCase?: (name: string) => Promise<unknown>;
  /** A case stored with a fresh thread, or a focused case re-read: the open detail pane follows it. */
  onCaseStored?: (detail: CaseDetail) => void;
  /** Called whenever cases changed in the cache during the pass (a long first sync shows progress). */
  onCasesChanged?: () => void;
  signal?: AbortSignal;
  /**
   * Compare what incremental listings bring with the cache (see change-detector): absent,
   * nothing is compared (a domain's first sync: every case would be "new").
   */
  changes?: ChangeDetection;
}

export interface ChangeDetection {
  /** The signed-in user: their cases are `mine`. */
  userEmail: string;
  /** The user's own actions, never reported. */
  own: Pick<OwnChanges, 'isOwn'>;
  /** Filled as each page is stored: a pass that fails later keeps what it already stored (and marked unread). */
  found: DetectedChange[];
}

export interface SyncPassResult {
  /** Cases new or changed in the cache. */
  changed: number;
  /** Customers whose access or list changed. */
  customersChanged: boolean;
  /** API calls made, so the loop can pace itself under the per-user rate limit. */
  requests: number;
}

/** Page size of the case searches: Google's default of 10 would mean 5,000 calls for 50,000 cases. */
export const SEARCH_PAGE_SIZE = 100;

/**
 * `cases.search` sees a case only after an indexing delay, possibly with an update
 * time already older than our cursor; so each incremental search reaches back this far
 * behind the newest update seen. Re-read cases are unchanged and cost nothing more.
 */
export const INDEXING_MARGIN_MS = 15 * 60_000;

/** Failures that no other customer's search would escape: the pass stops asking. */
const DOMAIN_WIDE_FAILURES = new Set([
  'quota',
  'offline',
  'timeout',
  'session_expired',
  'cancelled',
  'missing_privilege',
]);

/**
 * One refresh of a domain's cache: its customers, then each customer's cases under its
 * organization — everything the first time, afterwards only what changed since the
 * cursor, which is saved per customer so an interrupted first sync resumes where it
 * stopped. A complete listing (no cursor) also removes the cached cases the server no
 * longer lists under that customer. A customer without reseller access is marked so and skipped; a failure of
 * one customer lets the others finish, one of the whole domain (offline, rate limit…)
 * stops the pass; either is then thrown.
 */
export async function runSyncPass(options: SyncPassOptions): Promise<SyncPassResult> {
  const { cache, clients, signal } = options;
  const revision = cache.customersRevision;
  const counter = { requests: 0 };
  const onRequest = () => {
    counter.requests += 1;
  };
  if (options.refreshCustomers || cache.customers().length === 0) {
    const customers = await listCustomers(clients, {
      known: (customerId) => cache.customer(customerId),
      refreshKnown: options.refreshCustomers === 'all',
      concurrency: options.concurrency,
      signal,
      onRequest,
    });
    cache.setCustomers(customers);
  }

  const pendingSince = oldestPendingByOrganization(cache);
  let changed = 0;
  let failure: unknown;
  const only = options.customerIds ? new Set(options.customerIds) : undefined;
  const reachable = cache
    .customers()
    .filter((customer) => customer.organization !== null && (!only || only.has(customer.customerId)));
  await runBounded(reachable, options.concurrency, async (customer) => {
    // After a failure that concerns the whole domain, asking for more customers only wastes calls.
    if (failure instanceof AppError && DOMAIN_WIDE_FAILURES.has(failure.code)) return;
    try {
      // Read after the await: `changed += await …` would add to a stale value and lose other workers' counts.
      const customerChanges = await syncCustomerCases(options, customer, pendingSince, onRequest);
      changed += customerChanges;
      if (customerChanges > 0) options.onCasesChanged?.();
      if (cache.customer(customer.customerId)?.access !== 'granted') {
        cache.updateCustomer(customer.customerId, { access: 'granted' });
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'no_reseller_access') {
        cache.updateCustomer(customer.customerId, { access: 'not_granted' });
        return;
      }
      failure ??= error;
    }
  });
  if (failure) throw failure;
  changed += await rereadCases(options, onRequest);
  cache.markSynced(new Date(options.now()).toISOString());
  return { changed, customersChanged: cache.customersRevision !== revision, requests: counter.requests };
}

async function syncCustomerCases(
  options: SyncPassOptions,
  customer: Customer,
  pendingSince: ReadonlyMap<string, number>,
  onRequest: () => void,
): Promise<number> {
  const organization = customer.organization as string;
  const cursor = options.cache.cursor(organization);
  // A case filed from this app stays pending until a search lists it, however long its indexing takes.
  const reachBack = Math.min(
    cursor ? Date.parse(cursor) - INDEXING_MARGIN_MS : -Infinity,
    (pendingSince.get(organization) ?? Infinity) - 1,
  );
  const updatedAfter = cursor && Number.isFinite(reachBack) ? new Date(reachBack) : undefined;
  const listing = options.clients.cloudSupport.searchCases(organization, {
    filter: updatedAfter ? { updatedAfter } : {},
    pageSize: SEARCH_PAGE_SIZE,
    signal: options.signal,
  });
  const owner = ownerOf(options, customer);
  let newest = cursor ?? '';
  let newestMs = cursor ? Date.parse(cursor) : -Infinity;
  let changed = 0;
  // Without a cursor the listing is complete: what it does not hold is no longer this customer's.
  const listed = updatedAfter ? undefined : new Set<string>();
  // Only a listing since a cursor holds changes: a complete one is the customer's first (or a restart of it).
  const detection = updatedAfter ? options.changes : undefined;
  for await (const page of listing.pages()) {
    onRequest();
    const details: CaseDetail[] = [];
    for (const wire of page.items) {
      if (!belongsTo(wire, organization)) continue;
      details.push(toCaseDetail(wire, owner));
      listed?.add(wire.name as string);
      const updated = Date.parse(wire.updateTime ?? '');
      if (updated > newestMs) {
        newestMs = updated;
        newest = wire.updateTime as string;
      }
    }
    changed += detection
      ? await storeDetecting(options, detection, details, onRequest)
      : options.cache.putListed(details);
  }
  if (listed) changed += options.cache.pruneUnlisted(organization, listed);
  if (newest) options.cache.setCursor(organization, newest);
  return changed;
}

/**
 * Stores one page of an incremental listing, reporting what Google changed: fields
 * compared with the cached copy, and for each case that moved on, its thread read again
 * (two requests) for new comments and attachments by Google — stored with it, so the case
 * opens offline with them. The threads are read before anything is stored: a failed read
 * fails the page, and the next pass compares again. Returns how many cases changed.
 */
async function storeDetecting(
  options: SyncPassOptions,
  detection: ChangeDetection,
  details: CaseDetail[],
  onRequest: () => void,
): Promise<number> {
  const { cache } = options;
  const listedOnly: CaseDetail[] = [];
  const withThread: CaseDetail[] = [];
  const found: { detail: CaseDetail; changes: CaseChange[] }[] = [];
  for (const after of details) {
    const before = cache.getCase(after.name)?.detail;
    const changes = detection.own.isOwn(after.name, after.updateTime) ? [] : fieldChanges(before, after);
    if (before && threadMayHaveChanged(before, after)) {
      const thread = await readCaseThread(options.clients.cloudSupport, after.name, {
        onRequest,
        signal: options.signal,
      });
      changes.push(...threadChanges(before, thread));
      withThread.push({ ...after, ...thread });
    } else {
      listedOnly.push(after);
    }
    if (changes.length > 0) found.push({ detail: after, changes });
  }
  let changed = cache.putListed(listedOnly);
  for (const detail of withThread) {
    cache.putFull(detail);
    options.onCaseStored?.(detail);
    changed += 1;
  }
  const googleChanges: GoogleChange[] = found.map(({ detail, changes }) => ({
    name: detail.name,
    updateTime: detail.updateTime,
    kinds: changes.map((change) => change.kind),
  }));
  cache.recordGoogleChanges(googleChanges);
  for (const { detail, changes } of found) {
    for (const change of changes) detection.found.push(toDetectedChange(change, detail, detection.userEmail));
  }
  return changed;
}

/** What `rereadCase` costs: the case, its comments and its attachments. */
const FULL_READ_REQUESTS = 3;

/**
 * The focused cases of this domain: one `cases.get` each, and for those whose update time
 * moved, the same comparison as a listing's (so a reply to a case the user just wrote on
 * notifies and marks it unread like any other) — or, before a first complete sync, a full
 * read. A name outside this domain's customers is never asked for.
 */
async function rereadCases(options: SyncPassOptions, onRequest: () => void): Promise<number> {
  const { cache, clients, signal } = options;
  const focused = (options.caseNames ?? []).flatMap((name) => {
    const customer = customerOfCase(cache, name);
    return customer ? [{ name, customer }] : [];
  });
  let changed = 0;
  let failure: unknown;
  await runBounded(focused, options.concurrency, async ({ name, customer }) => {
    if (failure) return;
    try {
      onRequest();
      const wire = await clients.cloudSupport.getCase(name, { signal });
      if (wire.updateTime === cache.getCase(name)?.detail.updateTime) return;
      if (options.changes) {
        const detail = toCaseDetail(wire, ownerOf(options, customer));
        changed += await storeDetecting(options, options.changes, [detail], onRequest);
        const stored = cache.getCase(name)?.detail;
        if (stored) options.onCaseStored?.(stored);
        return;
      }
      if (!options.rereadCase) return;
      for (let i = 0; i < FULL_READ_REQUESTS; i += 1) onRequest();
      await options.rereadCase(name);
      changed += 1;
    } catch (error) {
      // Deleted or moved away meanwhile: the next search of its customer settles it.
      if (error instanceof AppError && error.code === 'not_found') return;
      failure ??= error;
    }
  });
  if (failure) throw failure;
  return changed;
}

/** What a case listed or read under this customer is told about its owner. */
function ownerOf(options: SyncPassOptions, customer: Customer) {
  return { domain: options.domain, customerId: customer.customerId, customerName: customer.organizationName };
}

/** The customer of this domain a case name is under, if it is a well-formed case name of one. */
function customerOfCase(cache: DomainCache, name: string): Customer | undefined {
  try {
    return cache.customerOfOrganization(parentOfCase(name));
  } catch {
    return undefined;
  }
}

/** Per organization, the oldest update time (ms) of its cases still pending. */
function oldestPendingByOrganization(cache: DomainCache): Map<string, number> {
  const oldest = new Map<string, number>();
  for (const detail of cache.pendingCases()) {
    const organization = detail.name.split('/cases/')[0] ?? '';
    const updated = Date.parse(detail.updateTime);
    if (Number.isFinite(updated) && updated < (oldest.get(organization) ?? Infinity)) oldest.set(organization, updated);
  }
  return oldest;
}

/** A listing under one organization only ever holds that organization's cases; anything else is dropped. */
function belongsTo(wire: Case, organization: string): boolean {
  return typeof wire.name === 'string' && wire.name.startsWith(`${organization}/cases/`);
}
