import type { CaseState, CaseSummary, Priority } from '../../../shared/model/case';
import type { CaseSort } from '../../../shared/model/case-query';
import { foldRepeated, priorityRank, stateRank, timeOf } from './case-sort-keys';
import { normalizeForSearch } from './search-text';

const ESCALATED = 1;
const PENDING = 2;

/**
 * The list rows of a case index, column by column: a slot's CaseSummary is built when a
 * window of the list is read (100 rows), not kept as one object per case. Measured at
 * the scale data set, a summary object cost ~390 B per case; its columns ~200 (shared
 * strings are references, times and flags are numbers in typed arrays).
 */
export class SummaryColumns {
  private readonly names: string[] = [];
  private readonly titles: string[] = [];
  private readonly domains: string[] = [];
  private readonly customerIds: string[] = [];
  private readonly customerNames: string[] = [];
  private readonly states: CaseState[] = [];
  private readonly priorities: Priority[] = [];
  private readonly categories: string[] = [];
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
    this.names[slot] = summary.name;
    this.titles[slot] = summary.title;
    this.domains[slot] = summary.domain;
    this.customerIds[slot] = summary.customerId;
    this.customerNames[slot] = summary.customerName;
    this.states[slot] = summary.state;
    this.priorities[slot] = summary.priority;
    this.categories[slot] = summary.category;
    this.createTimes[slot] = this.encodeTime(slot * 2, summary.createTime);
    this.updateTimeValues[slot] = this.encodeTime(slot * 2 + 1, summary.updateTime);
    this.flags[slot] = (summary.escalated ? ESCALATED : 0) | (summary.pending ? PENDING : 0);
  }

  /** Drops a freed slot's strings. */
  clear(slot: number): void {
    this.names[slot] = '';
    this.titles[slot] = '';
    this.categories[slot] = '';
    this.oddTimes.delete(slot * 2);
    this.oddTimes.delete(slot * 2 + 1);
  }

  summary(slot: number): CaseSummary {
    const flags = this.flags[slot]!;
    return {
      name: this.names[slot]!,
      domain: this.domains[slot]!,
      customerId: this.customerIds[slot]!,
      customerName: this.customerNames[slot]!,
      title: this.titles[slot]!,
      state: this.states[slot]!,
      priority: this.priorities[slot]!,
      category: this.categories[slot]!,
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
    return this.customerIds[slot]!;
  }

  state(slot: number): CaseState {
    return this.states[slot]!;
  }

  priority(slot: number): Priority {
    return this.priorities[slot]!;
  }

  /** The key this slot sorts by: a number or a folded string (see slotComparator). */
  sortKey(slot: number, key: CaseSort['key']): string | number {
    switch (key) {
      case 'title':
        return normalizeForSearch(this.titles[slot]!);
      case 'customerName':
        return foldRepeated(this.customerNames[slot]!);
      case 'category':
        return foldRepeated(this.categories[slot]!);
      case 'state':
        return stateRank(this.states[slot]!);
      case 'priority':
        return priorityRank(this.priorities[slot]!);
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
    const createTimes = new Float64Array(capacity);
    createTimes.set(this.createTimes);
    this.createTimes = createTimes;
    const updateTimes = new Float64Array(capacity);
    updateTimes.set(this.updateTimeValues);
    this.updateTimeValues = updateTimes;
    const flags = new Uint8Array(capacity);
    flags.set(this.flags);
    this.flags = flags;
  }
}
