import type { CaseDetail } from '../../shared/model/case';
import { reopenWindow, type ReopenWindow } from '../../shared/model/reopen-window';

/** Why escalation is not offered; the control stays visible, disabled, with this reason in words. */
export type EscalationBlock = 'not_premium' | 'closed' | 'already_escalated';

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
  /**
   * A closed case: reopened by a message while the window lasts, else a follow-up case.
   * Null while open. Its days left count the day under way (shared/model/reopen-window.ts).
   */
  reopen: ReopenWindow | null;
}

/**
 * `premiumSupport` comes from the customers store; null when the customer is not in it
 * (not loaded yet): escalation is then offered and Google's answer decides. `now` may
 * lag behind a case that just changed (the clock ticks every 30 s): the case's own
 * update time is then the better "now".
 */
export function caseActionRules(detail: CaseDetail, premiumSupport: boolean | null, now: number): CaseActionRules {
  const closed = detail.state === 'CLOSED';
  const at = Math.max(now, Date.parse(detail.updateTime) || 0);
  const reopen = reopenWindow(detail, at);
  return {
    closed,
    canChangePriority: !closed,
    canShare: !closed,
    canAttach: !closed,
    canClose: !closed,
    escalationBlock:
      premiumSupport === false ? 'not_premium' : closed ? 'closed' : detail.escalated ? 'already_escalated' : null,
    canSendMessage: !closed || reopen?.open === true,
    reopen,
  };
}
