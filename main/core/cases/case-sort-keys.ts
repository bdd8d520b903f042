import { CASE_STATE_VALUES, PRIORITY_VALUES, type CaseSummary } from '../../../shared/model/case';
import type { CaseSort } from '../../../shared/model/case-query';
import { normalizeForSearch } from './search-text';

/**
 * Precomputed sort keys of one case, so that sorting 50,000 rows compares numbers and
 * plain strings instead of parsing dates or collating on every comparison.
 */
export interface SortKeys {
  title: string;
  customerName: string;
  category: string;
  state: number;
  priority: number;
  updateTime: number;
  createTime: number;
}

/** Cases in workflow order: new first, closed last. */
const STATE_RANK = new Map(CASE_STATE_VALUES.map((state, rank) => [state, rank]));
const PRIORITY_RANK = new Map(PRIORITY_VALUES.map((priority, rank) => [priority, rank]));

/**
 * Customer names and categories repeat across thousands of cases: one folded copy of
 * each, instead of one per case (90,000 cases kept in memory, see DomainCache).
 */
const foldedRepeats = new Map<string, string>();
const MAX_FOLDED_REPEATS = 10_000;

function foldRepeated(text: string): string {
  let folded = foldedRepeats.get(text);
  if (folded === undefined) {
    folded = normalizeForSearch(text);
    if (foldedRepeats.size >= MAX_FOLDED_REPEATS) foldedRepeats.clear();
    foldedRepeats.set(text, folded);
  }
  return folded;
}

export function sortKeysOf(summary: CaseSummary): SortKeys {
  return {
    title: normalizeForSearch(summary.title),
    customerName: foldRepeated(summary.customerName),
    category: foldRepeated(summary.category),
    state: STATE_RANK.get(summary.state) ?? CASE_STATE_VALUES.length,
    priority: PRIORITY_RANK.get(summary.priority) ?? PRIORITY_VALUES.length,
    updateTime: timeOf(summary.updateTime),
    createTime: timeOf(summary.createTime),
  };
}

function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

export interface Sortable {
  name: string;
  keys: SortKeys;
}

/**
 * Orders by the chosen key in the chosen direction; ties fall back to the most recently
 * updated first, then the name, so the order is total and stable across queries.
 */
export function comparatorFor(sort: CaseSort): (a: Sortable, b: Sortable) => number {
  const sign = sort.direction === 'asc' ? 1 : -1;
  const key = sort.key;
  return (a, b) => {
    const primary = compareValues(a.keys[key], b.keys[key]) * sign;
    if (primary !== 0) return primary;
    const recent = b.keys.updateTime - a.keys.updateTime;
    if (recent !== 0) return recent;
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  };
}

function compareValues(a: string | number, b: string | number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
