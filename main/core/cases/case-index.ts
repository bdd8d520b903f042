import type { CaseSummary, CaseState, Priority } from '../../../shared/model/case';
import type { CaseFilters, CaseSort } from '../../../shared/model/case-query';
import { comparatorFor, sortKeysOf, type Sortable } from './case-sort-keys';
import { SearchCorpus } from './search-corpus';
import { probeFor, SignatureTable, type TokenProbe } from './search-signature';
import { distinctWords, keywordTokens, normalizeForSearch, refines } from './search-text';

export interface IndexQuery {
  customerId?: string;
  filters: CaseFilters;
  sort: CaseSort;
  offset: number;
  limit: number;
  /**
   * Names of cases known to match the keyword beyond their title and number (their
   * description or comments, matched by the database's text index or on the server).
   * Ignored when the keyword is empty.
   */
  alsoMatching?: ReadonlySet<string>;
}

export interface IndexResult {
  total: number;
  rows: CaseSummary[];
}

/** Slots of matching cases, in sort order. */
type SlotList = Int32Array;

interface ShapeCache {
  shape: string;
  version: number;
  /** Matches per keyword already computed for this shape, least recently used first. */
  byKeyword: Map<string, { tokens: string[]; matches: SlotList }>;
}

const MAX_CACHED_KEYWORDS = 16;
/**
 * A keyword filter over at least this share of all cases sweeps the whole corpus once
 * instead of testing each case's text: broad early keystrokes, where most cases match.
 */
const CORPUS_MIN_SHARE = 0.25;

/**
 * One domain's case rows in memory, queried by the list: the list columns only, and for
 * the keyword the title and case number (descriptions and comments stay in the database,
 * see `alsoMatching`), so 90,000 rows cost tens of MB. Built to stay fast at 50,000 rows:
 * cases live in numbered slots (parallel arrays, fingerprints in one typed table), so
 * hot loops walk integers instead of objects; each sort order is materialized once per
 * change of the data; the filters other than the keyword (the "shape") are applied
 * once per shape; a keyword that refines an earlier one of the same shape (one more
 * letter typed) filters that earlier result instead of every case; and scrolling (a
 * new window of the same query) is a slice.
 */
export class CaseIndex {
  private readonly slotOf = new Map<string, number>();
  private readonly summaries: (CaseSummary | undefined)[] = [];
  private readonly sortables: (Sortable | undefined)[] = [];
  /** Distinct normalized words of title + case number. */
  private readonly haystacks: string[] = [];
  private readonly signatures = new SignatureTable();
  private readonly corpus = new SearchCorpus((slot) => this.haystacks[slot] ?? '');
  /** found[slot] === foundStamp: the slot's text contains the token of the last corpus sweep. */
  private found = new Uint32Array(0);
  private foundStamp = 0;
  private readonly freeSlots: number[] = [];
  private version = 0;
  private sortedVersion = -1;
  private readonly sorted = new Map<string, SlotList>();
  private shapeCache: ShapeCache | null = null;

  get size(): number {
    return this.slotOf.size;
  }

  upsert(summary: CaseSummary): void {
    let slot = this.slotOf.get(summary.name);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.summaries.length;
      this.slotOf.set(summary.name, slot);
      this.signatures.ensureCapacity(slot + 1);
    }
    const caseNumber = summary.name.slice(summary.name.lastIndexOf('/') + 1);
    const haystack = distinctWords(normalizeForSearch(`${summary.title}\n${caseNumber}`));
    this.summaries[slot] = summary;
    this.sortables[slot] = { name: summary.name, keys: sortKeysOf(summary) };
    this.haystacks[slot] = haystack;
    this.corpus.invalidate(slot);
    this.signatures.write(slot, haystack);
    this.version += 1;
  }

  remove(name: string): boolean {
    const slot = this.slotOf.get(name);
    if (slot === undefined) return false;
    this.slotOf.delete(name);
    this.summaries[slot] = undefined;
    this.sortables[slot] = undefined;
    this.haystacks[slot] = '';
    this.corpus.invalidate(slot);
    this.freeSlots.push(slot);
    this.version += 1;
    return true;
  }

  clear(): void {
    for (const name of [...this.slotOf.keys()]) this.remove(name);
  }

  /** Readies the keyword search for the current data (call when changes settle, e.g. after a sync). */
  prepareSearch(): void {
    this.corpus.prepare(this.summaries.length);
  }

  get(name: string): CaseSummary | undefined {
    const slot = this.slotOf.get(name);
    return slot === undefined ? undefined : this.summaries[slot];
  }

  *allSummaries(): IterableIterator<CaseSummary> {
    for (const slot of this.slotOf.values()) yield this.summaries[slot] as CaseSummary;
  }

  countWhere(predicate: (summary: CaseSummary) => boolean): number {
    let count = 0;
    for (const slot of this.slotOf.values()) if (predicate(this.summaries[slot] as CaseSummary)) count += 1;
    return count;
  }

  query(query: IndexQuery): IndexResult {
    const matches = this.withAlsoMatching(query, this.matches(query));
    const end = Math.min(matches.length, query.offset + query.limit);
    const rows: CaseSummary[] = [];
    for (let i = query.offset; i < end; i += 1) rows.push(this.summaries[matches[i]!] as CaseSummary);
    return { total: matches.length, rows };
  }

  private matches(query: IndexQuery): SlotList {
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
    const cached = this.narrowestCachedBase(tokens);
    const base = cached?.matches ?? this.shapeMatches(query);
    // Tokens the base was already filtered by need no second look.
    const fresh = tokens.filter((token) => !cached?.tokens.includes(token));
    const matches = fresh.length === 0 ? base : this.filterByTokens(base, fresh.map(probeFor));
    cache.set(key, { tokens, matches });
    if (cache.size > MAX_CACHED_KEYWORDS) cache.delete(cache.keys().next().value as string);
    return matches;
  }

  /**
   * Adds the cases named in `alsoMatching` that pass the other filters to the keyword's
   * matches, keeping sort order. Not cached: the set changes independently of the keyword.
   */
  private withAlsoMatching(query: IndexQuery, matches: SlotList): SlotList {
    const names = query.alsoMatching;
    if (!names || names.size === 0 || keywordTokens(query.filters.keyword).length === 0) return matches;
    const extra = new Set<number>();
    for (const name of names) {
      const slot = this.slotOf.get(name);
      if (slot !== undefined) extra.add(slot);
    }
    if (extra.size === 0) return matches;
    // Text matches are a subsequence of the shape's slots, in the same order: one merge walk.
    const base = this.shapeMatches(query);
    const out = new Int32Array(base.length);
    let count = 0;
    let next = 0;
    for (let i = 0; i < base.length; i += 1) {
      const slot = base[i]!;
      if (next < matches.length && matches[next] === slot) {
        next += 1;
      } else if (!extra.has(slot)) {
        continue;
      }
      out[count] = slot;
      count += 1;
    }
    return out.subarray(0, count);
  }

  /** The smallest cached result of this shape that `tokens` refines, if any. */
  private narrowestCachedBase(tokens: string[]): { tokens: string[]; matches: SlotList } | undefined {
    let best: { tokens: string[]; matches: SlotList } | undefined;
    for (const cached of this.shapeCache?.byKeyword.values() ?? []) {
      if (refines(tokens, cached.tokens) && (!best || cached.matches.length < best.matches.length)) best = cached;
    }
    return best;
  }

  /**
   * The hot loop of a keystroke: fingerprints first, the substring test only when they
   * cannot decide. Over most of the cases, one token's substring test is a corpus sweep.
   */
  private filterByTokens(slots: SlotList, probes: TokenProbe[]): SlotList {
    const swept =
      slots.length >= CORPUS_MIN_SHARE * this.slotOf.size ? probes.find((probe) => !probe.exact) : undefined;
    const stamp = swept ? this.sweep(swept.token) : 0;
    const found = this.found;
    const out = new Int32Array(slots.length);
    let count = 0;
    const signatures = this.signatures;
    const haystacks = this.haystacks;
    outer: for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i]!;
      for (let p = 0; p < probes.length; p += 1) {
        const probe = probes[p]!;
        if (!signatures.allows(slot, probe)) continue outer;
        if (probe === swept) {
          if (found[slot] !== stamp) continue outer;
        } else if (!probe.exact && !haystacks[slot]!.includes(probe.token)) continue outer;
      }
      out[count] = slot;
      count += 1;
    }
    return out.slice(0, count);
  }

  /** Marks the slots whose text contains `token`; returns the stamp they carry in `found`. */
  private sweep(token: string): number {
    const slotCount = this.summaries.length;
    if (this.found.length < slotCount || this.foundStamp === 0xffffffff) {
      this.found = new Uint32Array(Math.max(slotCount, this.found.length));
      this.foundStamp = 0;
    }
    this.foundStamp += 1;
    this.corpus.mark(token, slotCount, this.found, this.foundStamp);
    return this.foundStamp;
  }

  private shapeMatches(query: IndexQuery): SlotList {
    const states = new Set<CaseState>(query.filters.states);
    const priorities = new Set<Priority>(query.filters.priorities);
    const customerId = query.customerId;
    const all = this.sortedBy(query.sort);
    if (states.size === 0 && priorities.size === 0 && customerId === undefined) return all;
    return all.filter((slot) => {
      const summary = this.summaries[slot] as CaseSummary;
      return (
        (customerId === undefined || summary.customerId === customerId) &&
        (states.size === 0 || states.has(summary.state)) &&
        (priorities.size === 0 || priorities.has(summary.priority))
      );
    });
  }

  private sortedBy(sort: CaseSort): SlotList {
    if (this.sortedVersion !== this.version) {
      this.sorted.clear();
      this.sortedVersion = this.version;
    }
    const key = `${sort.key}:${sort.direction}`;
    let list = this.sorted.get(key);
    if (!list) {
      const compare = comparatorFor(sort);
      const sortables = this.sortables;
      list = Int32Array.from(this.slotOf.values()).sort((a, b) => compare(sortables[a]!, sortables[b]!));
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
