import { describe, expect, it } from 'vitest';
import { waitingFact, type WaitingThread } from '../../../main/core/cases/waiting-fact';
import type { CaseComment, CaseState } from '../../../shared/model/case';

const CREATED = '2026-03-02T08:00:00Z';
const UPDATED = '2026-03-05T17:30:00Z';
const fields = (state: CaseState) => ({ state, createTime: CREATED, updateTime: UPDATED });
const team = { displayName: 'Alex', googleSupport: false };
const google = { displayName: 'Google support', googleSupport: true };
const comment = (n: number, googleSupport: boolean, createTime: string): CaseComment => ({
  name: `organizations/1/cases/2/comments/${n}`,
  body: `Comment ${n}`,
  createTime,
  creator: googleSupport ? google : team,
});
const thread = (...comments: CaseComment[]): WaitingThread => ({ creator: team, comments });

describe('waitingFact', () => {
  it('waits on nobody once the case is closed, whatever was said last', () => {
    expect(waitingFact(fields('CLOSED'))).toBeNull();
    expect(waitingFact(fields('CLOSED'), thread(comment(1, true, '2026-03-03T10:00:00Z')))).toBeNull();
  });

  it('hands ACTION_REQUIRED and SOLUTION_PROVIDED to the team, since Google last spoke', () => {
    // Comments out of order: the latest Google word counts, not the last in the array.
    const history = thread(
      comment(1, true, '2026-03-02T09:00:00Z'),
      comment(3, true, '2026-03-04T11:15:00Z'),
      comment(2, false, '2026-03-03T10:00:00Z'),
    );
    for (const state of ['ACTION_REQUIRED', 'SOLUTION_PROVIDED'] as const) {
      expect(waitingFact(fields(state), history)).toEqual({ on: 'team', since: '2026-03-04T11:15:00Z' });
    }
  });

  it('falls back to the last update when Google never spoke or the thread was never read', () => {
    expect(waitingFact(fields('ACTION_REQUIRED'), thread())).toEqual({ on: 'team', since: UPDATED });
    expect(waitingFact(fields('SOLUTION_PROVIDED'))).toEqual({ on: 'team', since: UPDATED });
    expect(waitingFact(fields('IN_PROGRESS_GOOGLE_SUPPORT'))).toEqual({ on: 'google', since: UPDATED });
  });

  it('waits on Google since the team filed a NEW case', () => {
    expect(waitingFact(fields('NEW'), thread())).toEqual({ on: 'google', since: CREATED });
  });

  it('waits on Google since the team last spoke while Google works on it, even after its first reply', () => {
    const answered = thread(comment(1, true, '2026-03-02T08:05:00Z'), comment(2, false, '2026-03-03T14:00:00Z'));
    expect(waitingFact(fields('IN_PROGRESS_GOOGLE_SUPPORT'), answered)).toEqual({
      on: 'google',
      since: '2026-03-03T14:00:00Z',
    });
    const firstReplyOnly = thread(comment(1, true, '2026-03-02T08:05:00Z'));
    expect(waitingFact(fields('IN_PROGRESS_GOOGLE_SUPPORT'), firstReplyOnly)).toEqual({ on: 'google', since: CREATED });
  });

  it('waits on the team when Google filed the case and the team never answered', () => {
    const byGoogle: WaitingThread = { creator: google, comments: [] };
    expect(waitingFact(fields('NEW'), byGoogle)).toEqual({ on: 'team', since: CREATED });
    const answered: WaitingThread = { creator: google, comments: [comment(1, false, '2026-03-02T09:00:00Z')] };
    expect(waitingFact(fields('NEW'), answered)).toEqual({ on: 'google', since: '2026-03-02T09:00:00Z' });
  });
});
