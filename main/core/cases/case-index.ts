import type { CaseSummary, CaseState, Priority } from '../../../shared/model/case';
import type { CaseFilters, CaseSort } from '../../../shared/model/case-query';
import { slotComparator } from './case-sort-keys';
import { SearchCorpus } from './search-corpus';
import { probeFor, SignatureTable, type TokenProbe } from './search-signature';
import { distinctWords, keywordTokens, normalizeForSearch, refines } from './search-text';
import { SummaryColumns } from './summary-columns';

export interface IndexQuery {
  customerId?: string;
  filters: CaseFilters;
  sort: CaseSort;
  offset: number;
  limit: number;
  /**
   * Names of cases known to match the keyword beyond their title and number (their
   * comments, matched on the server). Ignored when the keyword is empty.
   */
  alsoMatching?: ReadonlySet<string>;
  /** The same by row id (see upsert): the cases the database's text index matched. */
  textMatches?: TextMatches;
  /** Names to count among the matches (the unread cases: "mark all read" shows while the view has one). */
  countAmong?: NameCollection;
}

/** A set or a map of case names (only the names are read). */
type NameCollection = Pick<ReadonlySet<string> | ReadonlyMap<string, unknown>, 'size'> & { keys(): Iterable<string> };

/** Row ids of the cases the database's text index matched for a keyword. */
export interface TextMatches {
  readonly rows: Int32Array;
}

export interface IndexResult {
  total: number;
  rows: CaseSummary[];
  /** How many of `countAmong` match the query (0 without it). */
  counted: number;
}

/** Slots of matching cases, in sort order. */
type SlotList = Int32Array<ArrayBuffer>;

interface KeywordMatches {
  tokens: string[];
  matches: SlotList;
  /** The matches joined with the last extra matches given with this keyword (scrolling reuses them). */
  joined?: { alsoMatching?: ReadonlySet<string>; textMatches?: TextMatches; matches: SlotList };
}

interface ShapeCache {
  shape: string;
  version: number;
  /** The slots passing the filters other than the keyword, in sort order. */
  base?: SlotList;
  /** Matches per keyword already computed for this shape, least recently used first. */
  byKeyword: Map<string, KeywordMatches>;
}

const MAX_CACHED_KEYWORDS = 16;
/**
 * Changed cases the sorted orders follow in place (each moved by one binary search)
 * before they are dropped and sorted again at the next query: a sync merging a few cases
 * under a user typing keeps them (re-sorting 45,000 cases takes 20–50 ms, in the way of
 * the next keystroke's query), a first sync writing thousands does not pay an O(n) move each.
 */
const MAX_REORDERS = 256;

interface SortedOrder {
  sort: CaseSort;
  slots: SlotList;
  /** keys[slot]: the slot's sort key (see slotComparator). */
  keys: (string | number)[];
}
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
  private readonly rows = new SummaryColumns();
  /** Slots in use or freed: one past the highest. */
  private slotCount = 0;
  private readonly signatures = new SignatureTable();
  /** Distinct normalized words of title + case number, per slot. */
  private readonly corpus = new SearchCorpus();
  /** found[slot] === foundStamp: the slot's text contains the token of the last corpus sweep. */
  private found = new Uint32Array(0);
  private foundStamp = 0;
  /** slotOfRow[row id] = slot + 1 (0: no such row): joins the text index's matches without a name. */
  private slotOfRow = new Int32Array(0);
  /** rowOfSlot[slot] = the row id given to upsert (0: none). */
  private rowOfSlot = new Int32Array(0);
  /** extra[slot] === extraStamp: the slot is among the extra matches being joined. */
  private extra = new Uint32Array(0);
  private extraStamp = 0;
  private readonly freeSlots: number[] = [];
  private version = 0;
  private sortedVersion = -1;
  private readonly sorted = new Map<string, SortedOrder>();
  private reordersLeft = 0;
  private shapeCache: ShapeCache | null = null;

  get size(): number {
    return this.slotOf.size;
  }

  /** `row`: the case's row id in the database (a positive integer), to join text matches by. */
  upsert(summary: CaseSummary, row = 0): void {
    let slot = this.slotOf.get(summary.name);
    if (slot === undefined) {
      slot = this.freeSlots.pop() ?? this.slotCount++;
      this.slotOf.set(summary.name, slot);
      this.signatures.ensureCapacity(slot + 1);
    }
    this.setRow(slot, row);
    const caseNumber = summary.name.slice(summary.name.lastIndexOf('/') + 1);
    const haystack = distinctWords(normalizeForSearch(`${summary.title}\n${caseNumber}`));
    this.rows.set(slot, summary);
    this.corpus.set(slot, haystack);
    this.signatures.write(slot, haystack);
    this.changed(slot, true);
  }

  remove(name: string): boolean {
    const slot = this.slotOf.get(name);
    if (slot === undefined) return false;
    this.slotOf.delete(name);
    this.setRow(slot, 0);
    this.rows.clear(slot);
    this.corpus.set(slot, '');
    this.freeSlots.push(slot);
    this.changed(slot, false);
    return true;
  }

  /** A new version of the data; the sorted orders follow the slot when they can (see MAX_REORDERS). */
  private changed(slot: number, present: boolean): void {
    const ordersCurrent = this.sortedVersion === this.version && this.reordersLeft > 0;
    this.version += 1;
    if (!ordersCurrent) return;
    this.reordersLeft -= 1;
    for (const order of this.sorted.values()) this.reorder(order, slot, present);
    this.sortedVersion = this.version;
  }

  private reorder(order: SortedOrder, slot: number, present: boolean): void {
    const at = order.slots.indexOf(slot);
    const without = at < 0 ? order.slots : withoutIndex(order.slots, at);
    if (!present) {
      order.slots = without;
      return;
    }
    order.keys[slot] = this.rows.sortKey(slot, order.sort.key);
    const compare = slotComparator(order.keys, order.sort.direction, this.rows.updateTimes, (s) => this.rows.name(s));
    let low = 0;
    let high = without.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(without[middle]!, slot) < 0) low = middle + 1;
      else high = middle;
    }
    order.slots = withSlotAt(without, low, slot);
  }

  clear(): void {
    for (const name of [...this.slotOf.keys()]) this.remove(name);
  }

  private setRow(slot: number, row: number): void {
    if (this.rowOfSlot.length <= slot) this.rowOfSlot = grown(this.rowOfSlot, slot + 1);
    const previous = this.rowOfSlot[slot]!;
    if (previous === row) return;
    if (previous > 0 && this.slotOfRow[previous] === slot + 1) this.slotOfRow[previous] = 0;
    this.rowOfSlot[slot] = row;
    if (row <= 0) return;
    if (this.slotOfRow.length <= row) this.slotOfRow = grown(this.slotOfRow, row + 1);
    this.slotOfRow[row] = slot + 1;
  }

  /** Readies the keyword search for the current data (call when changes settle, e.g. after a sync). */
  prepareSearch(): void {
    this.corpus.prepare(this.slotCount);
  }

  get(name: string): CaseSummary | undefined {
    const slot = this.slotOf.get(name);
    return slot === undefined ? undefined : this.rows.summary(slot);
  }

  /** How many cases each customer has. */
  casesPerCustomer(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const slot of this.slotOf.values()) {
      const customerId = this.rows.customerId(slot);
      counts.set(customerId, (counts.get(customerId) ?? 0) + 1);
    }
    return counts;
  }

  /** The customers with open cases, each true when one of them waits on Google (the sync's tiers). */
  openCustomers(): Map<string, boolean> {
    const open = new Map<string, boolean>();
    for (const slot of this.slotOf.values()) {
      const state = this.rows.state(slot);
      if (state === 'CLOSED') continue;
      const customerId = this.rows.customerId(slot);
      const waitingOnGoogle = state !== 'ACTION_REQUIRED' && state !== 'SOLUTION_PROVIDED';
      open.set(customerId, waitingOnGoogle || open.get(customerId) === true);
    }
    return open;
  }

  countInState(state: CaseState): number {
    let count = 0;
    for (const slot of this.slotOf.values()) if (this.rows.state(slot) === state) count += 1;
    return count;
  }

  query(query: IndexQuery): IndexResult {
    const matches = this.withExtraMatches(query, this.matches(query));
    const end = Math.min(matches.length, query.offset + query.limit);
    const rows: CaseSummary[] = [];
    for (let i = query.offset; i < end; i += 1) rows.push(this.rows.summary(matches[i]!));
    return { total: matches.length, rows, counted: this.countAmong(matches, query.countAmong) };
  }

  /** One pass over the matches (~0.2 ms at 50,000), only when there is something to count. */
  private countAmong(matches: SlotList, names: NameCollection | undefined): number {
    if (!names || names.size === 0) return 0;
    const slots = new Set<number>();
    for (const name of names.keys()) {
      const slot = this.slotOf.get(name);
      if (slot !== undefined) slots.add(slot);
    }
    if (slots.size === 0) return 0;
    let counted = 0;
    for (const slot of matches) if (slots.has(slot)) counted += 1;
    return counted;
  }

  private matches(query: IndexQuery): KeywordMatches {
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
      return hit;
    }
    const cached = this.narrowestCachedBase(tokens);
    const base = cached?.matches ?? this.shapeMatches(query);
    // Tokens the base was already filtered by need no second look.
    const fresh = tokens.filter((token) => !cached?.tokens.includes(token));
    const matches = fresh.length === 0 ? base : this.filterByTokens(base, fresh.map(probeFor));
    const entry = { tokens, matches };
    cache.set(key, entry);
    if (cache.size > MAX_CACHED_KEYWORDS) cache.delete(cache.keys().next().value as string);
    return entry;
  }

  /**
   * Adds the extra matches (`alsoMatching`, `textMatches`) that pass the other filters to
   * the keyword's matches, keeping sort order; remembered with the keyword until the
   * extras given change (the caller keeps the same sets while the data does not change).
   */
  private withExtraMatches(query: IndexQuery, keyword: KeywordMatches): SlotList {
    const { alsoMatching, textMatches } = query;
    const some = (alsoMatching?.size ?? 0) > 0 || (textMatches?.rows.length ?? 0) > 0;
    if (!some || keyword.tokens.length === 0) return keyword.matches;
    const joined = keyword.joined;
    if (joined && joined.alsoMatching === alsoMatching && joined.textMatches === textMatches) return joined.matches;
    const matches = this.joinExtra(query, keyword.matches);
    keyword.joined = { alsoMatching, textMatches, matches };
    return matches;
  }

  private joinExtra(query: IndexQuery, matches: SlotList): SlotList {
    const slotCount = this.slotCount;
    if (this.extra.length < slotCount || this.extraStamp === 0xffffffff) {
      this.extra = new Uint32Array(Math.max(slotCount, this.extra.length));
      this.extraStamp = 0;
    }
    const stamp = (this.extraStamp += 1);
    const extra = this.extra;
    let marked = 0;
    for (const name of query.alsoMatching ?? []) {
      const slot = this.slotOf.get(name);
      if (slot !== undefined) {
        extra[slot] = stamp;
        marked += 1;
      }
    }
    const rows = query.textMatches?.rows ?? new Int32Array(0);
    const slotOfRow = this.slotOfRow;
    for (let i = 0; i < rows.length; i += 1) {
      const slot = (slotOfRow[rows[i]!] ?? 0) - 1;
      if (slot >= 0) {
        extra[slot] = stamp;
        marked += 1;
      }
    }
    if (marked === 0) return matches;
    // Keyword matches are a subsequence of the shape's slots, in the same order: one merge walk.
    const base = this.shapeMatches(query);
    const out = new Int32Array(base.length);
    let count = 0;
    let next = 0;
    for (let i = 0; i < base.length; i += 1) {
      const slot = base[i]!;
      if (next < matches.length && matches[next] === slot) {
        next += 1;
      } else if (extra[slot] !== stamp) {
        continue;
      }
      out[count] = slot;
      count += 1;
    }
    return out.slice(0, count);
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
    // A token of two letters too: its fingerprint needs the whole 176-byte row of each case, the sweep reads text in order.
    const swept =
      slots.length >= CORPUS_MIN_SHARE * this.slotOf.size ? probes.find((probe) => !probe.headOnly) : undefined;
    const stamp = swept ? this.sweep(swept.token) : 0;
    const found = this.found;
    const out = new Int32Array(slots.length);
    let count = 0;
    const signatures = this.signatures;
    const corpus = this.corpus;
    outer: for (let i = 0; i < slots.length; i += 1) {
      const slot = slots[i]!;
      for (let p = 0; p < probes.length; p += 1) {
        const probe = probes[p]!;
        // Found by the sweep: the text holds the token, which the fingerprint could only confirm.
        if (probe === swept) {
          if (found[slot] !== stamp) continue outer;
        } else if (!signatures.allows(slot, probe) || (!probe.exact && !corpus.contains(slot, probe.token))) {
          continue outer;
        }
      }
      out[count] = slot;
      count += 1;
    }
    return out.slice(0, count);
  }

  /** Marks the slots whose text contains `token`; returns the stamp they carry in `found`. */
  private sweep(token: string): number {
    const slotCount = this.slotCount;
    if (this.found.length < slotCount || this.foundStamp === 0xffffffff) {
      this.found = new Uint32Array(Math.max(slotCount, this.found.length));
      this.foundStamp = 0;
    }
    this.foundStamp += 1;
    this.corpus.mark(token, slotCount, this.found, this.foundStamp);
    return this.foundStamp;
  }

  /** The slots of the query's shape (its filters but the keyword), cached with the shape. */
  private shapeMatches(query: IndexQuery): SlotList {
    const cache = this.shapeCache;
    const current = cache !== null && cache.version === this.version && cache.shape === shapeKey(query);
    if (current && cache.base) return cache.base;
    const base = this.filterShape(query);
    if (current) cache.base = base;
    return base;
  }

  private filterShape(query: IndexQuery): SlotList {
    const states = new Set<CaseState>(query.filters.states);
    const priorities = new Set<Priority>(query.filters.priorities);
    const customerId = query.customerId;
    const all = this.sortedBy(query.sort);
    if (states.size === 0 && priorities.size === 0 && customerId === undefined) return all;
    const rows = this.rows;
    return all.filter(
      (slot) =>
        (customerId === undefined || rows.customerId(slot) === customerId) &&
        (states.size === 0 || states.has(rows.state(slot))) &&
        (priorities.size === 0 || priorities.has(rows.priority(slot))),
    );
  }

  private sortedBy(sort: CaseSort): SlotList {
    if (this.sortedVersion !== this.version) {
      this.sorted.clear();
      this.sortedVersion = this.version;
      this.reordersLeft = MAX_REORDERS;
    }
    const key = `${sort.key}:${sort.direction}`;
    let order = this.sorted.get(key);
    if (!order) {
      const slots = Int32Array.from(this.slotOf.values());
      const rows = this.rows;
      const keys = new Array<string | number>(this.slotCount);
      for (const slot of slots) keys[slot] = rows.sortKey(slot, sort.key);
      slots.sort(slotComparator(keys, sort.direction, rows.updateTimes, (slot) => rows.name(slot)));
      order = { sort, slots, keys };
      this.sorted.set(key, order);
    }
    return order.slots;
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

/** A copy of `slots` without the entry at `index` (a new array: a cached result may hold the old one). */
function withoutIndex(slots: SlotList, index: number): SlotList {
  const out = new Int32Array(slots.length - 1);
  out.set(slots.subarray(0, index));
  out.set(slots.subarray(index + 1), index);
  return out;
}

/** A copy of `slots` with `slot` inserted at `index`. */
function withSlotAt(slots: SlotList, index: number, slot: number): SlotList {
  const out = new Int32Array(slots.length + 1);
  out.set(slots.subarray(0, index));
  out[index] = slot;
  out.set(slots.subarray(index), index + 1);
  return out;
}

/** A copy of `array` with room for at least `length` entries (doubling, so appends stay cheap). */
function grown(array: Int32Array<ArrayBuffer>, length: number): Int32Array<ArrayBuffer> {
  const next = new Int32Array(Math.max(length, array.length * 2, 1024));
  next.set(array);
  return next;
}
