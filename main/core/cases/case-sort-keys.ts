import { CASE_STATE_VALUES, PRIORITY_VALUES, type CaseState, type Priority } from '../../../shared/model/case';
import type { CaseSort } from '../../../shared/model/case-query';
import { normalizeForSearch } from './search-text';

/** Cases in workflow order: new first, closed last. */
const STATE_RANK = new Map(CASE_STATE_VALUES.map((state, rank) => [state, rank]));
const PRIORITY_RANK = new Map(PRIORITY_VALUES.map((priority, rank) => [priority, rank]));

/**
 * Customer names and categories repeat across thousands of cases: one folded copy of
 * each, instead of one per case (90,000 cases kept in memory, see DomainCache).
 */
const foldedRepeats = new Map<string, string>();
const MAX_FOLDED_REPEATS = 10_000;

/** The folded sort key of a text that repeats across cases (a customer name, a category). */
export function foldRepeated(text: string): string {
  let folded = foldedRepeats.get(text);
  if (folded === undefined) {
    folded = normalizeForSearch(text);
    if (foldedRepeats.size >= MAX_FOLDED_REPEATS) foldedRepeats.clear();
    foldedRepeats.set(text, folded);
  }
  return folded;
}

/** A state's rank in workflow order. */
export function stateRank(state: string): number {
  return STATE_RANK.get(state as CaseState) ?? CASE_STATE_VALUES.length;
}

export function priorityRank(priority: string): number {
  return PRIORITY_RANK.get(priority as Priority) ?? PRIORITY_VALUES.length;
}

export function timeOf(iso: string): number {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Sort keys are numbers and folded strings, computed once per sort for the cases it
 * orders (see SummaryColumns.sortKey), so that sorting 50,000 rows compares plain values
 * instead of parsing dates or collating on every comparison.
 *
 * Orders slots by their keys (`keys[slot]`) in the chosen direction; ties fall back to the
 * most recently updated first, then the name, so the order is total and stable across queries.
 */
export function slotComparator(
  keys: readonly (string | number)[],
  direction: CaseSort['direction'],
  updateTimes: Float64Array,
  nameOf: (slot: number) => string,
): (a: number, b: number) => number {
  const sign = direction === 'asc' ? 1 : -1;
  return (a, b) => {
    const primary = compareValues(keys[a]!, keys[b]!) * sign;
    if (primary !== 0) return primary;
    const recent = updateTimes[b]! - updateTimes[a]!;
    if (recent !== 0) return recent;
    const nameA = nameOf(a);
    const nameB = nameOf(b);
    return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
  };
}

function compareValues(a: string | number, b: string | number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  return 0;
}
