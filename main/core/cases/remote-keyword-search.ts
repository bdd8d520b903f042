import { AppError } from '../../../shared/app-error';
import type { CloudSupportClient } from '../api/cloud-support-client';
import { RequestWindow } from '../api/request-window';
import { GOOGLE_READ_RETRY_POLICY, type RetryPolicy } from '../api/retry-policy';
import type { DomainContext } from '../domain/domain-context';
import { runBounded } from '../sync/run-bounded';
import { keywordTokens } from './search-text';

export interface RemoteKeywordSearchOptions {
  /**
   * This domain's Cloud Support client (one that fails fast: REMOTE_SEARCH_RETRY_POLICY);
   * throws (e.g. session_expired) when it cannot search.
   */
  cloudSupport: () => Pick<CloudSupportClient, 'searchCases'>;
  /** The organizations to search: the customer's, or (no customerId) every customer's with access. */
  organizations: (customerId: string | undefined) => string[];
  debounceMs?: number;
  /** Searches of "My cases" in flight at once. */
  concurrency?: number;
  /** API calls one keyword may cost at most; organizations beyond it are not searched. */
  maxRequestsPerKeyword?: number;
  /** Calls per rolling minute for all keyword searches of the domain. */
  requestsPerMinute?: number;
  /** Keywords whose matches are remembered. */
  cacheSize?: number;
}

export const KEYWORD_DEBOUNCE_MS = 400;
export const MIN_REMOTE_KEYWORD_LENGTH = 3;
export const REMOTE_SEARCH_CONCURRENCY = 2;
export const MAX_REQUESTS_PER_KEYWORD = 40;
/**
 * Google allows 300 calls per user and minute; the background sync averages at most
 * 120 (DEFAULT_REQUEST_BUDGET_PER_MINUTE): keyword searches take at most 60, so the
 * user's own actions keep the rest.
 */
export const REMOTE_SEARCH_REQUESTS_PER_MINUTE = 60;
export const REMOTE_SEARCH_CACHE_SIZE = 8;
export const REMOTE_SEARCH_PAGE_SIZE = 100;
/** Wait after a 429 that named no Retry-After. */
export const QUOTA_PAUSE_MS = 30_000;

/**
 * Keyword searches are extras on top of the local filter: a failed one is dropped, never
 * waited out (sleeping through a 429 would only delay the next keyword's search).
 */
export const REMOTE_SEARCH_RETRY_POLICY: RetryPolicy = {
  ...GOOGLE_READ_RETRY_POLICY,
  maxAttempts: 1,
  maxQuotaRetries: 0,
};

interface Matches {
  names: ReadonlySet<string>;
  /** False when the per-keyword cap left organizations unsearched. */
  complete: boolean;
  /** Cache generation the search started in; older than the current one means stale. */
  generation: number;
}

interface Search {
  key: string;
  customerId: string | undefined;
  keyword: string;
  timer?: { cancel(): void };
  abort?: AbortController;
}

/**
 * The cases of one domain whose keyword match only the server can see: the sync keeps
 * titles and descriptions, but comments only of the cases opened, and fetching every
 * thread would cost a call per case. When a list query's keyword (≥ 3 characters) stays
 * the same for KEYWORD_DEBOUNCE_MS, `cases.search` runs with it quoted, under the
 * queried customer's organization or under each one with access, within a per-keyword
 * cap and a per-minute window. Matches are remembered per keyword (LRU) until the sync
 * brings changes; then they are served stale while searched again. A new keyword
 * cancels the search in flight. New matches go out as `cases:changed`, so the lists
 * query again. Failures are logged, not shown: the local filter answers meanwhile, and
 * the next keyword tries again.
 */
export class RemoteKeywordSearch {
  private readonly cache = new Map<string, Matches>();
  private readonly window: RequestWindow;
  private generation = 0;
  private current: Search | undefined;
  /** The key that failed last: not retried until the keyword changes or the sync succeeds. */
  private failedKey: string | undefined;
  private pausedUntil = 0;
  private disposed = false;

  constructor(
    private readonly context: Pick<DomainContext, 'clock' | 'log' | 'emit'>,
    private readonly options: RemoteKeywordSearchOptions,
  ) {
    this.window = new RequestWindow(context.clock, options.requestsPerMinute ?? REMOTE_SEARCH_REQUESTS_PER_MINUTE);
  }

  /**
   * The case names known to match `keyword` remotely, if any; starts (after the
   * debounce) a search when none or only stale ones are known. Called on every list query.
   */
  matchesFor(customerId: string | undefined, keyword: string): ReadonlySet<string> | undefined {
    if (this.disposed) return undefined;
    const normalized = keywordTokens(keyword).join(' ');
    if (normalized.replace(/ /g, '').length < MIN_REMOTE_KEYWORD_LENGTH) {
      this.cancel();
      return undefined;
    }
    const key = `${customerId ?? ''}\u0000${normalized}`;
    const own = this.lookup(key);
    // "My cases" searched every organization: its matches hold those of any one customer.
    const everywhere = customerId !== undefined ? this.lookup(`\u0000${normalized}`) : undefined;
    const known = own ?? (everywhere?.complete ? everywhere : undefined);
    const fresh = known !== undefined && known.generation === this.generation;
    if (fresh || key === this.failedKey) {
      if (this.current?.key !== key) this.cancel();
    } else if (this.current?.key !== key) {
      this.schedule({ key, customerId, keyword: keyword.trim() });
    }
    return known?.names;
  }

  /** The domain's cases changed (sync): known matches may be out of date. */
  invalidate(): void {
    this.generation += 1;
    this.failedKey = undefined;
  }

  dispose(): void {
    this.disposed = true;
    this.cancel();
    this.cache.clear();
  }

  private lookup(key: string): Matches | undefined {
    const hit = this.cache.get(key);
    if (hit) {
      this.cache.delete(key);
      this.cache.set(key, hit);
    }
    return hit;
  }

  private cancel(): void {
    this.current?.timer?.cancel();
    this.current?.abort?.abort();
    this.current = undefined;
  }

  private schedule(search: Search): void {
    this.cancel();
    this.current = search;
    search.timer = this.context.clock.setTimeout(() => {
      search.timer = undefined;
      if (this.current === search) void this.run(search);
    }, this.options.debounceMs ?? KEYWORD_DEBOUNCE_MS);
  }

  private async run(search: Search): Promise<void> {
    if (this.context.clock.now() < this.pausedUntil) {
      this.failedKey = search.key;
      this.current = undefined;
      return;
    }
    const abort = new AbortController();
    search.abort = abort;
    const generation = this.generation;
    try {
      const { names, complete } = await this.searchAll(search, abort.signal);
      if (abort.signal.aborted || this.disposed) return;
      const previous = this.cache.get(search.key)?.names;
      this.remember(search.key, { names, complete, generation });
      if (names.size > 0 && !sameNames(previous, names)) this.context.emit('cases:changed', {});
    } catch (error) {
      if (abort.signal.aborted || this.disposed) return;
      this.failedKey = search.key;
      if (error instanceof AppError && error.code === 'quota') {
        const asked = Number(error.detail?.retryAfterMs);
        this.pausedUntil = this.context.clock.now() + (asked > 0 ? asked : QUOTA_PAUSE_MS);
      }
      this.context.log.warn(`Keyword search of "${search.keyword}" on the server failed; local matches only`, error);
    } finally {
      if (this.current === search) this.current = undefined;
    }
  }

  private async searchAll(search: Search, signal: AbortSignal): Promise<{ names: Set<string>; complete: boolean }> {
    const cloudSupport = this.options.cloudSupport();
    const organizations = [...new Set(this.options.organizations(search.customerId))];
    const names = new Set<string>();
    let budget = this.options.maxRequestsPerKeyword ?? MAX_REQUESTS_PER_KEYWORD;
    let complete = true;
    let failure: unknown;
    const permit = async (): Promise<boolean> => {
      if (failure !== undefined || signal.aborted) return false;
      if (budget <= 0) {
        complete = false;
        return false;
      }
      budget -= 1;
      await this.window.take(signal);
      return true;
    };
    await runBounded(organizations, this.options.concurrency ?? REMOTE_SEARCH_CONCURRENCY, async (organization) => {
      try {
        const pages = cloudSupport
          .searchCases(organization, { filter: { keyword: search.keyword }, pageSize: REMOTE_SEARCH_PAGE_SIZE, signal })
          .pages();
        while (await permit()) {
          const next = await pages.next();
          if (next.done) break;
          for (const found of next.value.items) {
            if (found.name?.startsWith(`${organization}/cases/`)) names.add(found.name);
          }
          // The last page: asking the generator again would cost no call, but would spend a permit.
          if (!next.value.nextPageToken) break;
        }
      } catch (error) {
        failure ??= error;
      }
    });
    if (failure !== undefined) throw failure;
    return { names, complete };
  }

  private remember(key: string, matches: Matches): void {
    this.cache.delete(key);
    this.cache.set(key, matches);
    const size = this.options.cacheSize ?? REMOTE_SEARCH_CACHE_SIZE;
    while (this.cache.size > size) this.cache.delete(this.cache.keys().next().value as string);
  }
}

function sameNames(a: ReadonlySet<string> | undefined, b: ReadonlySet<string>): boolean {
  return a !== undefined && a.size === b.size && [...b].every((name) => a.has(name));
}
