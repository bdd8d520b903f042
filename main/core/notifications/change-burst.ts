import type { ChangeKind } from '../../../shared/model/case-change';
import type { CaseState, Priority } from '../../../shared/model/case';

/** One change to one case that the user did not make, as the sync detected it. */
export interface DetectedChange {
  kind: ChangeKind;
  /** The case's resource name. */
  name: string;
  customerId: string;
  customerName: string;
  title: string;
  /** After the change. */
  state: CaseState;
  priority: Priority;
  /** The signed-in user filed the case or is subscribed to it ("only mine" rule). */
  mine: boolean;
  /** When Google made it (the case's updateTime, or the comment's createTime). */
  at: string;
}

/**
 * The changes one sync pass of one domain found. `live`: detected as they happen, each
 * may notify (grouped when several). `catch_up`: the first pass after a long sleep or
 * time offline, and `first_sync`: a domain's first complete listing — one summary, never
 * one notification per case.
 */
export interface ChangeBurst {
  domain: string;
  reason: 'live' | 'catch_up' | 'first_sync';
  changes: DetectedChange[];
  /** Cases needing the team in this domain after the pass (the summary of a first sync names it). */
  attentionCount: number;
}
