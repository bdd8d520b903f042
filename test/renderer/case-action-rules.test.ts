import { describe, expect, it } from 'vitest';
import { caseActionRules, reopenWindow } from '../../renderer/store/case-action-rules';
import { REOPEN_WINDOW_DAYS } from '../../shared/model/case-actions';
import { makeDetail } from './case-detail-fixtures';

const DAY = 24 * 60 * 60 * 1000;
const CLOSED_AT = Date.parse('2026-10-01T12:00:00Z');

describe('reopen window of a closed case', () => {
  const closed = { state: 'CLOSED' as const, updateTime: new Date(CLOSED_AT).toISOString() };

  it('does not apply to an open case', () => {
    expect(reopenWindow({ ...closed, state: 'ACTION_REQUIRED' }, CLOSED_AT)).toBeNull();
  });

  it('counts the days left from the update time, the last day included', () => {
    expect(reopenWindow(closed, CLOSED_AT)).toMatchObject({ kind: 'open', daysLeft: REOPEN_WINDOW_DAYS });
    expect(reopenWindow(closed, CLOSED_AT + 1)).toMatchObject({ kind: 'open', daysLeft: REOPEN_WINDOW_DAYS });
    expect(reopenWindow(closed, CLOSED_AT + 10 * DAY + 1)).toMatchObject({ daysLeft: REOPEN_WINDOW_DAYS - 10 });
    expect(reopenWindow(closed, CLOSED_AT + 29 * DAY + 1)).toMatchObject({ kind: 'open', daysLeft: 1 });
    // At exactly 30 days the emulator still accepts the comment (it refuses past it).
    expect(reopenWindow(closed, CLOSED_AT + 30 * DAY)).toMatchObject({ kind: 'open', daysLeft: 1 });
    expect(reopenWindow(closed, CLOSED_AT)).toMatchObject({
      closesAt: new Date(CLOSED_AT + REOPEN_WINDOW_DAYS * DAY).toISOString(),
    });
  });

  it('has expired a moment past 30 days', () => {
    expect(reopenWindow(closed, CLOSED_AT + 30 * DAY + 1)).toEqual({ kind: 'expired', closedAt: closed.updateTime });
    expect(reopenWindow(closed, CLOSED_AT + 400 * DAY)?.kind).toBe('expired');
  });

  it('treats an unreadable update time as expired rather than promising a reopen', () => {
    expect(reopenWindow({ state: 'CLOSED', updateTime: 'garbage' }, CLOSED_AT)?.kind).toBe('expired');
  });
});

describe('what a case allows', () => {
  const now = Date.parse('2026-11-20T10:00:00Z');

  it('lets an open case of a Premium customer do everything', () => {
    const rules = caseActionRules(makeDetail({ state: 'IN_PROGRESS_GOOGLE_SUPPORT' }), true, now);
    expect(rules).toEqual({
      closed: false,
      canChangePriority: true,
      canShare: true,
      canAttach: true,
      canClose: true,
      escalationBlock: null,
      canSendMessage: true,
      reopen: null,
    });
  });

  it('refuses escalation without Premium support, whatever the state', () => {
    expect(caseActionRules(makeDetail(), false, now).escalationBlock).toBe('not_premium');
    expect(caseActionRules(makeDetail({ state: 'CLOSED' }), false, now).escalationBlock).toBe('not_premium');
  });

  it('refuses escalating twice, and a closed case', () => {
    expect(caseActionRules(makeDetail({ escalated: true }), true, now).escalationBlock).toBe('already_escalated');
    expect(
      caseActionRules(makeDetail({ state: 'CLOSED', updateTime: '2026-11-19T10:00:00Z' }), true, now),
    ).toMatchObject({ escalationBlock: 'closed' });
  });

  it('leaves escalation to Google when the customer is not known yet', () => {
    expect(caseActionRules(makeDetail(), null, now).escalationBlock).toBeNull();
  });

  it('on a recently closed case: only a message, which reopens it', () => {
    const rules = caseActionRules(makeDetail({ state: 'CLOSED', updateTime: '2026-11-10T10:00:00Z' }), true, now);
    expect(rules).toMatchObject({
      closed: true,
      canChangePriority: false,
      canShare: false,
      canAttach: false,
      canClose: false,
      canSendMessage: true,
      reopen: { kind: 'open', daysLeft: 20 },
    });
  });

  it('on a case closed more than 30 days ago: no message either, a follow-up case instead', () => {
    const rules = caseActionRules(makeDetail({ state: 'CLOSED', updateTime: '2026-10-01T10:00:00Z' }), true, now);
    expect(rules.canSendMessage).toBe(false);
    expect(rules.reopen?.kind).toBe('expired');
  });
});
