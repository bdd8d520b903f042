import type { CaseSummary, CaseState, Priority } from '../../../shared/model/case';
import type { CaseFilters, CaseSort } from '../../../shared/model/case-query';
import { comparatorFor, sortKeysOf, type SortKeys } from './case-sort-keys';
import { keywordTokens, matchesTokens, normalizeForSearch, refines } from './search-text';

/** What the index needs of a case: the row, plus the text the keyword searches. */
export interface IndexInput {
  summary: CaseSummary;
  /** Description, comment bodies… everything beyond the title the keyword should find. */
  searchText: string;
}

interface Entry {
  name: string;
  summary: CaseSummary;
  keys: SortKeys;
  /** Normalized title + case number + searchText, built once per change of the case. */
  haystack: string;
}

export interface IndexQuery {
  customerId?: string;
  filters: CaseFilters;
  sort: CaseSort;
  offset: number;
  limit: number;
}

export interface IndexResult {
  total: number;
  rows: CaseSummary[];
}

interface ShapeCache {
  shape: string;
  version: number;
  /** Matches per keyword already computed for this shape, most recent last. */
  byKeyword: Map<string, { tokens: string[]; matches: Entry[] }>;
}

const MAX_CACHED_KEYWORDS = 16;

/**
 * One domain's cases in memory, queried by the list. Built to stay fast at 50,000 rows:
 * each sort order is materialized once per change of the data; the filters other than
 * the keyword (the "shape") are applied once per shape; and a keyword that refines an
 * earlier one of the same shape (typing one more letter) filters that earlier result
 * instead of every case. Scrolling (a new window of the same query) is a slice.
 */
export class CaseIndex {
  private readonly entries = new Map<string, Entry>();
  private version = 0;
  private sortedVersion = -1;
  private readonly sorted = new Map<string, Entry[]>();
  private shapeCache: ShapeCache | null = null;

  get size(): number {
    return this.entries.size;
  }

  upsert(input: IndexInput): void {
    const summary = input.summary;
    const caseNumber = summary.name.slice(summary.name.lastIndexOf('/') + 1);
    this.entries.set(summary.name, {
      name: summary.name,
      summary,
      keys: sortKeysOf(summary),
      haystack: normalizeForSearch(`${summary.title}\n${caseNumber}\n${input.searchText}`),
    });
    this.version += 1;
  }

  remove(name: string): boolean {
    const removed = this.entries.delete(name);
    if (removed) this.version += 1;
    return removed;
  }

  clear(): void {
    this.entries.clear();
    this.version += 1;
  }

  get(name: string): CaseSummary | undefined {
    return this.entries.get(name)?.summary;
  }

  *summaries(): IterableIterator<CaseSummary> {
    for (const entry of this.entries.values()) yield entry.summary;
  }

  countWhere(predicate: (summary: CaseSummary) => boolean): number {
    let count = 0;
    for (const entry of this.entries.values()) if (predicate(entry.summary)) count += 1;
    return count;
  }

  query(query: IndexQuery): IndexResult {
    const matches = this.matches(query);
    return {
      total: matches.length,
      rows: matches.slice(query.offset, query.offset + query.limit).map((entry) => entry.summary),
    };
  }

  private matches(query: IndexQuery): Entry[] {
    const shape = shapeKey(query);
    if (!this.shapeCache || this.shapeCache.shape !== shape || this.shapeCache.version !== this.version) {
      this.shapeCache = { shape, version: this.version, byKeyword: new Map() };
    }
    const cache = this.shapeCache.byKeyword;
    const tokens = keywordTokens(query.filters.keyword);
    const key = tokens.join(' ');
    const hit = cache.get(key);
    if (hit) {
      cache.delete(key);
      cache.set(key, hit);
      return hit.matches;
    }
    const base = this.narrowestCachedBase(tokens) ?? this.shapeMatches(query);
    const matches = tokens.length === 0 ? base : base.filter((entry) => matchesTokens(entry.haystack, tokens));
    cache.set(key, { tokens, matches });
    if (cache.size > MAX_CACHED_KEYWORDS) cache.delete(cache.keys().next().value as string);
    return matches;
  }

  /** The smallest cached result of this shape that `tokens` refines, if any. */
  private narrowestCachedBase(tokens: string[]): Entry[] | undefined {
    let best: Entry[] | undefined;
    for (const cached of this.shapeCache?.byKeyword.values() ?? []) {
      if (refines(tokens, cached.tokens) && (!best || cached.matches.length < best.length)) best = cached.matches;
    }
    return best;
  }

  private shapeMatches(query: IndexQuery): Entry[] {
    const states = new Set<CaseState>(query.filters.states);
    const priorities = new Set<Priority>(query.filters.priorities);
    const customerId = query.customerId;
    const all = this.sortedBy(query.sort);
    if (states.size === 0 && priorities.size === 0 && customerId === undefined) return all;
    return all.filter(
      ({ summary }) =>
        (customerId === undefined || summary.customerId === customerId) &&
        (states.size === 0 || states.has(summary.state)) &&
        (priorities.size === 0 || priorities.has(summary.priority)),
    );
  }

  private sortedBy(sort: CaseSort): Entry[] {
    if (this.sortedVersion !== this.version) {
      this.sorted.clear();
      this.sortedVersion = this.version;
    }
    const key = `${sort.key}:${sort.direction}`;
    let list = this.sorted.get(key);
    if (!list) {
      list = [...this.entries.values()].sort(comparatorFor(sort));
      this.sorted.set(key, list);
    }
    return list;
  }
}

function shapeKey(query: IndexQuery): string {
  return JSON.stringify([
    query.customerId ?? null,
    [...new Set(query.filters.states)].sort(),
    [...new Set(query.filters.priorities)].sort(),
    query.sort.key,
    query.sort.direction,
  ]);
}
