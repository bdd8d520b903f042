import type { CaseState, CaseSummary, Priority } from '../../../shared/model/case';
import type { CaseSort } from '../../../shared/model/case-query';
import { foldRepeated, priorityRank, stateRank, timeOf } from './case-sort-keys';
import { normalizeForSearch } from './search-text';

const ESCALATED = 1;
const PENDING = 2;

/**
 * The list rows of a case index, column by column: a slot's CaseSummary is built when a
 * window of the list is read (100 rows), not kept as one object per case. Measured at
 * the scale data set, a summary object cost ~390 B per case; its columns ~160 (the name
 * and title strings, then numbers in typed arrays: times, flags, codes of repeated values).
 */
export class SummaryColumns {
  private readonly names: string[] = [];
  private readonly titles: string[] = [];
  /** The columns whose values repeat (domain, customer, state, priority, category): codes into `values`. */
  private readonly values = new ValueTable();
  private domains = new Int32Array(0);
  /** A customer's id and name together: they change together. */
  private customers = new Int32Array(0);
  private states = new Int32Array(0);
  private priorities = new Int32Array(0);
  private categories = new Int32Array(0);
  private createTimes = new Float64Array(0);
  private updateTimeValues = new Float64Array(0);
  private flags = new Uint8Array(0);
  /**
   * Times whose text is not the ISO form of their value (another offset, no milliseconds…),
   * kept as given so a row reads back exactly as written; key: slot * 2 (+ 1 for updateTime).
   */
  private readonly oddTimes = new Map<number, string>();

  /** Update times (ms) per slot: the tie-break of every sort order. */
  get updateTimes(): Float64Array {
    return this.updateTimeValues;
  }

  set(slot: number, summary: CaseSummary): void {
    if (this.flags.length <= slot) this.grow(slot + 1);
    const values = this.values;
    this.names[slot] = summary.name;
    this.titles[slot] = summary.title;
    this.domains[slot] = values.code(summary.domain);
    this.customers[slot] = values.code(summary.customerId, summary.customerName);
    this.states[slot] = values.code(summary.state);
    this.priorities[slot] = values.code(summary.priority);
    this.categories[slot] = values.code(summary.category);
    this.createTimes[slot] = this.encodeTime(slot * 2, summary.createTime);
    this.updateTimeValues[slot] = this.encodeTime(slot * 2 + 1, summary.updateTime);
    this.flags[slot] = (summary.escalated ? ESCALATED : 0) | (summary.pending ? PENDING : 0);
  }

  /** Drops a freed slot's strings. */
  clear(slot: number): void {
    this.names[slot] = '';
    this.titles[slot] = '';
    this.oddTimes.delete(slot * 2);
    this.oddTimes.delete(slot * 2 + 1);
  }

  summary(slot: number): CaseSummary {
    const flags = this.flags[slot]!;
    const values = this.values;
    return {
      name: this.names[slot]!,
      domain: values.first(this.domains[slot]!),
      customerId: values.first(this.customers[slot]!),
      customerName: values.second(this.customers[slot]!),
      title: this.titles[slot]!,
      state: values.first(this.states[slot]!) as CaseState,
      priority: values.first(this.priorities[slot]!) as Priority,
      category: values.first(this.categories[slot]!),
      createTime: this.decodeTime(slot * 2, this.createTimes[slot]!),
      updateTime: this.decodeTime(slot * 2 + 1, this.updateTimeValues[slot]!),
      escalated: (flags & ESCALATED) !== 0,
      pending: (flags & PENDING) !== 0,
    };
  }

  name(slot: number): string {
    return this.names[slot]!;
  }

  customerId(slot: number): string {
    return this.values.first(this.customers[slot]!);
  }

  state(slot: number): CaseState {
    return this.values.first(this.states[slot]!) as CaseState;
  }

  priority(slot: number): Priority {
    return this.values.first(this.priorities[slot]!) as Priority;
  }

  /** The key this slot sorts by: a number or a folded string (see slotComparator). */
  sortKey(slot: number, key: CaseSort['key']): string | number {
    switch (key) {
      case 'title':
        return normalizeForSearch(this.titles[slot]!);
      case 'customerName':
        return foldRepeated(this.values.second(this.customers[slot]!));
      case 'category':
        return foldRepeated(this.values.first(this.categories[slot]!));
      case 'state':
        return stateRank(this.state(slot));
      case 'priority':
        return priorityRank(this.priority(slot));
      case 'updateTime':
        return this.updateTimeValues[slot]!;
      case 'createTime':
        return this.createTimes[slot]!;
    }
  }

  private encodeTime(key: number, text: string): number {
    const ms = timeOf(text);
    if (new Date(ms).toISOString() === text) this.oddTimes.delete(key);
    else this.oddTimes.set(key, text);
    return ms;
  }

  private decodeTime(key: number, ms: number): string {
    return this.oddTimes.get(key) ?? new Date(ms).toISOString();
  }

  private grow(length: number): void {
    const capacity = Math.max(length, this.flags.length * 2, 1024);
    this.domains = resized(this.domains, capacity);
    this.customers = resized(this.customers, capacity);
    this.states = resized(this.states, capacity);
    this.priorities = resized(this.priorities, capacity);
    this.categories = resized(this.categories, capacity);
    this.createTimes = resized(this.createTimes, capacity);
    this.updateTimeValues = resized(this.updateTimeValues, capacity);
    this.flags = resized(this.flags, capacity);
  }
}

type Column = Int32Array<ArrayBuffer> | Float64Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

function resized<T extends Column>(column: T, capacity: number): T {
  const next = new (column.constructor as new (length: number) => T)(capacity);
  next.set(column);
  return next;
}

/**
 * Distinct values (or pairs of values) of the repeating columns, numbered: 1,000 customers,
 * a few states, priorities and categories, one domain. Never shrinks: a value no row uses
 * any more (a renamed customer) is one entry among hundreds.
 */
class ValueTable {
  private readonly codes = new Map<string, number>();
  private readonly firsts: string[] = [];
  private readonly seconds: string[] = [];

  code(first: string, second = ''): number {
    // A NUL never occurs in either value: the key of a pair is unambiguous.
    const key = second ? `${first}\u0000${second}` : first;
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.firsts.length;
      this.codes.set(key, code);
      this.firsts.push(first);
      this.seconds.push(second);
    }
    return code;
  }

  first(code: number): string {
    return this.firsts[code]!;
  }

  second(code: number): string {
    return this.seconds[code]!;
  }
}
