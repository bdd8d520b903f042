import { describe, expect, it } from 'vitest';
import { caseActionRules } from '../../renderer/store/case-action-rules';
import { makeDetail } from './case-detail-fixtures';

const DAY = 24 * 60 * 60 * 1000;

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
      reopen: { open: true, daysLeft: 20, closedAt: '2026-11-10T10:00:00.000Z', deadline: '2026-12-10T10:00:00.000Z' },
    });
  });

  it('counts the days left from the closed case’s update time, the day under way included', () => {
    const closedAt = Date.parse('2026-10-21T10:00:00Z');
    const detail = makeDetail({ state: 'CLOSED', updateTime: new Date(closedAt).toISOString() });
    expect(caseActionRules(detail, true, closedAt).reopen).toMatchObject({ open: true, daysLeft: 30 });
    expect(caseActionRules(detail, true, closedAt + 1).reopen).toMatchObject({ open: true, daysLeft: 30 });
    expect(caseActionRules(detail, true, closedAt + DAY + 1).reopen).toMatchObject({ daysLeft: 29 });
    expect(caseActionRules(detail, true, closedAt + 29 * DAY + 1).reopen).toMatchObject({ daysLeft: 1 });
    expect(caseActionRules(detail, true, closedAt + 30 * DAY).reopen).toMatchObject({ open: true, daysLeft: 1 });
    // A clock that lags behind the case's own update (it ticks every 30 s) counts from the update.
    expect(caseActionRules(detail, true, closedAt - 20_000).reopen).toMatchObject({ open: true, daysLeft: 30 });
    expect(caseActionRules(detail, true, closedAt + 30 * DAY).canSendMessage).toBe(true);
    expect(caseActionRules(detail, true, closedAt + 30 * DAY + 1).canSendMessage).toBe(false);
  });

  it('on a case closed more than 30 days ago: no message either, a follow-up case instead', () => {
    const rules = caseActionRules(makeDetail({ state: 'CLOSED', updateTime: '2026-10-01T10:00:00Z' }), true, now);
    expect(rules.canSendMessage).toBe(false);
    expect(rules.reopen?.open).toBe(false);
  });
});
