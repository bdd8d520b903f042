import type { CaseState } from './case';
import { REOPEN_WINDOW_DAYS } from './case-actions';

const DAY_MS = 24 * 60 * 60 * 1000;
export const REOPEN_WINDOW_MS = REOPEN_WINDOW_DAYS * DAY_MS;

export interface ReopenWindow {
  /** When the case was closed: the API has no close time, so the update time of the closed case. */
  closedAt: string;
  /** The last moment a comment still reopens it. */
  deadline: string;
  /** Days left counting the day under way: 30 just after closing, 1 on the last day, 0 once passed. */
  daysLeft: number;
  open: boolean;
}

/**
 * The portal's rule for a closed case: a comment within 30 days of closing reopens it,
 * later the customer must file a new case. Cloud Support v2 exposes no close time, and
 * nothing changes a closed case but a comment (which reopens it), so its `updateTime`
 * is when it was closed; the emulator applies the same rule (`now - closedAt > 30 days`
 * is refused). Null for a case that is not closed, or whose update time is unreadable.
 */
export function reopenWindow(detail: { state: CaseState; updateTime: string }, now: number): ReopenWindow | null {
  if (detail.state !== 'CLOSED') return null;
  const closedAt = Date.parse(detail.updateTime);
  if (!Number.isFinite(closedAt)) return null;
  const deadline = closedAt + REOPEN_WINDOW_MS;
  const open = now <= deadline;
  return {
    closedAt: new Date(closedAt).toISOString(),
    deadline: new Date(deadline).toISOString(),
    daysLeft: open ? Math.max(1, Math.ceil((deadline - now) / DAY_MS)) : 0,
    open,
  };
}
