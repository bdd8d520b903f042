import type { CaseDetail } from '../../shared/model/case';
import { REOPEN_WINDOW_DAYS } from '../../shared/model/case-actions';

const DAY_MS = 24 * 60 * 60 * 1000;
const REOPEN_WINDOW_MS = REOPEN_WINDOW_DAYS * DAY_MS;

/** Why escalation is not offered; the control stays visible, disabled, with this reason in words. */
export type EscalationBlock = 'not_premium' | 'closed' | 'already_escalated';

/** A closed case: reopened by a message while the window lasts, else a follow-up case. */
export type ReopenWindow = { kind: 'open'; daysLeft: number; closesAt: string } | { kind: 'expired'; closedAt: string };

/** What the portal lets a reseller do on a case now (BACKEND.md §4 rules 9–10), as the emulator enforces it. */
export interface CaseActionRules {
  closed: boolean;
  /** Priority, sharing and attachments: Google refuses them on a closed case. */
  canChangePriority: boolean;
  canShare: boolean;
  canAttach: boolean;
  canClose: boolean;
  /** null when escalation is possible. */
  escalationBlock: EscalationBlock | null;
  /** A message: always on an open case, on a closed one only within the reopen window. */
  canSendMessage: boolean;
  /** null while the case is open. */
  reopen: ReopenWindow | null;
}

/**
 * The reopen window, counted from the closed case's updateTime (the API has no close
 * time; closing is its last update). The emulator refuses a comment once more than 30
 * days have passed, so the last day still counts as one day left.
 */
export function reopenWindow(detail: Pick<CaseDetail, 'state' | 'updateTime'>, now: number): ReopenWindow | null {
  if (detail.state !== 'CLOSED') return null;
  const closedAt = Date.parse(detail.updateTime);
  if (Number.isNaN(closedAt)) return { kind: 'expired', closedAt: detail.updateTime };
  const remainingMs = closedAt + REOPEN_WINDOW_MS - now;
  if (remainingMs < 0) return { kind: 'expired', closedAt: detail.updateTime };
  return {
    kind: 'open',
    daysLeft: Math.max(1, Math.ceil(remainingMs / DAY_MS)),
    closesAt: new Date(closedAt + REOPEN_WINDOW_MS).toISOString(),
  };
}

/**
 * `premiumSupport` comes from the customers store; null when the customer is not in it
 * (not loaded yet): escalation is then offered and Google's answer decides.
 */
export function caseActionRules(detail: CaseDetail, premiumSupport: boolean | null, now: number): CaseActionRules {
  const closed = detail.state === 'CLOSED';
  const reopen = reopenWindow(detail, now);
  return {
    closed,
    canChangePriority: !closed,
    canShare: !closed,
    canAttach: !closed,
    canClose: !closed,
    escalationBlock:
      premiumSupport === false ? 'not_premium' : closed ? 'closed' : detail.escalated ? 'already_escalated' : null,
    canSendMessage: !closed || reopen?.kind === 'open',
    reopen,
  };
}
