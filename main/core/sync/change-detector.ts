import type { CaseAttachment, CaseComment, CaseDetail, CaseState } from '../../../shared/model/case';
import type { ChangeKind } from '../../../shared/model/case-change';
import type { ChangeBurst, DetectedChange } from '../notifications/change-burst';
import { carriesSomeReference } from '../outbox/client-reference';

/** States whose arrival tells the team something: Google waits on them, proposes a solution, or closed. */
export const NOTIFIED_STATES: ReadonlySet<CaseState> = new Set(['ACTION_REQUIRED', 'SOLUTION_PROVIDED', 'CLOSED']);

/** One change of a case, before it is named for the notification (see toDetectedChange). */
export interface CaseChange {
  kind: ChangeKind;
  /** When Google made it: the case's updateTime, or the comment's or attachment's createTime. */
  at: string;
}

/**
 * What changed in a case's fields between the cached copy and a listing of it: a new
 * case (unless this app filed it: its description carries a client reference tag), a
 * state reaching ACTION_REQUIRED, SOLUTION_PROVIDED or CLOSED, a priority change, an
 * escalation. A listing no newer than the cached copy (a page read before an action's
 * answer was recorded) changes nothing. Who made the change is for the caller to judge.
 */
export function fieldChanges(before: CaseDetail | undefined, after: CaseDetail): CaseChange[] {
  if (!before)
    return after.pending || carriesSomeReference(after.description) ? [] : [{ kind: 'new_case', at: after.updateTime }];
  if (!isLater(after.updateTime, before.updateTime)) return [];
  const at = after.updateTime;
  const changes: CaseChange[] = [];
  if (after.state !== before.state && NOTIFIED_STATES.has(after.state)) changes.push({ kind: 'state', at });
  if (after.priority !== before.priority) changes.push({ kind: 'priority', at });
  if (after.escalated && !before.escalated) changes.push({ kind: 'escalation', at });
  return changes;
}

/** The listing says the case changed since the cached copy: its thread may hold something new. */
export function threadMayHaveChanged(before: CaseDetail | undefined, after: CaseDetail): boolean {
  return before !== undefined && isLater(after.updateTime, before.updateTime);
}

/**
 * Comments and attachments Google support added after the cached copy: created by
 * Google after its updateTime, and not in its thread. The user's own messages and files
 * are never Google's, so they never count.
 */
export function threadChanges(
  before: CaseDetail,
  thread: { comments: readonly CaseComment[]; attachments: readonly CaseAttachment[] },
): CaseChange[] {
  const known = new Set([...before.comments, ...before.attachments].map((item) => item.name));
  const fresh = (item: CaseComment | CaseAttachment) =>
    item.creator.googleSupport && !known.has(item.name) && isLater(item.createTime, before.updateTime);
  return [
    ...thread.comments.filter(fresh).map((comment) => ({ kind: 'comment' as const, at: comment.createTime })),
    ...thread.attachments.filter(fresh).map((file) => ({ kind: 'attachment' as const, at: file.createTime })),
  ];
}

/** A change as the notifications see it; `mine`: the user filed the case or is subscribed to it. */
export function toDetectedChange(change: CaseChange, detail: CaseDetail, userEmail: string): DetectedChange {
  const email = userEmail.toLowerCase();
  const mine =
    email !== '' &&
    (detail.creator.email?.toLowerCase() === email ||
      detail.subscriberEmailAddresses.some((subscriber) => subscriber.toLowerCase() === email));
  return {
    kind: change.kind,
    name: detail.name,
    customerId: detail.customerId,
    customerName: detail.customerName,
    title: detail.title,
    state: detail.state,
    priority: detail.priority,
    mine,
    at: change.at,
  };
}

/** `time` is after `than`; RFC 3339 times of different precisions compare as instants. */
export function isLater(time: string, than: string): boolean {
  const a = Date.parse(time);
  const b = Date.parse(than);
  return Number.isFinite(a) && Number.isFinite(b) ? a > b : time > than;
}

/**
 * Which burst a sync pass announces, if any: a domain's first complete sync is summed up
 * (no per-case changes: every case would be "new"); a catch-up pass always says what it
 * found, even nothing (the attention count then stands alone); a live pass only when it
 * found something.
 */
export function burstReason(pass: {
  firstSync: boolean;
  catchUp: boolean;
  changes: number;
}): ChangeBurst['reason'] | undefined {
  if (pass.firstSync) return 'first_sync';
  if (pass.catchUp) return 'catch_up';
  return pass.changes > 0 ? 'live' : undefined;
}
