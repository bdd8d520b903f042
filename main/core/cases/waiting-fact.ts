import type { CaseDetail, CaseSummary } from '../../../shared/model/case';
import type { WaitingFact } from '../../../shared/model/attention-queue';

/** A case's list fields, and its thread when it was ever fetched (a list sync brings no comments). */
export type WaitingFields = Pick<CaseSummary, 'state' | 'createTime' | 'updateTime'>;
export type WaitingThread = Pick<CaseDetail, 'creator' | 'comments'>;

/**
 * Who a case waits on and since when: a fact from its history, not an SLA.
 *
 * The state decides whose turn it is (Google sets ACTION_REQUIRED or SOLUTION_PROVIDED
 * precisely to hand the case to the team, and moves it back to IN_PROGRESS_GOOGLE_SUPPORT
 * when the team answers; its first reply "we are looking into it" keeps the turn Google's).
 * The history says since when: the last time the side that must answer was last answered —
 * for `team`, when Google last spoke; for `google`, when the team last spoke (a comment, or
 * filing the case). Without the thread, the list fields give it: updateTime is the case's
 * last change. A closed case waits on nobody.
 */
export function waitingFact(detail: WaitingFields, thread?: WaitingThread): WaitingFact | null {
  if (detail.state === 'CLOSED') return null;
  const history = thread ? lastWords(detail, thread) : undefined;
  if (detail.state === 'ACTION_REQUIRED' || detail.state === 'SOLUTION_PROVIDED') {
    return { on: 'team', since: history?.google ?? detail.updateTime };
  }
  // NEW or IN_PROGRESS_GOOGLE_SUPPORT: the team has spoken and Google has not closed the loop.
  if (!history) return { on: 'google', since: detail.updateTime };
  if (history.team === undefined) {
    // Filed by Google itself and never answered by the team: Google spoke last.
    return { on: 'team', since: history.google ?? detail.updateTime };
  }
  return { on: 'google', since: history.team };
}

/** When each side last spoke: comments by creator, and the case's own creation by its creator. */
function lastWords(detail: WaitingFields, thread: WaitingThread): { google?: string; team?: string } {
  let google: string | undefined;
  let team: string | undefined;
  const said = (googleSupport: boolean, time: string) => {
    if (googleSupport) google = later(google, time);
    else team = later(team, time);
  };
  said(thread.creator.googleSupport, detail.createTime);
  for (const comment of thread.comments) said(comment.creator.googleSupport, comment.createTime);
  return { google, team };
}

function later(current: string | undefined, time: string): string {
  return current === undefined || Date.parse(time) > Date.parse(current) ? time : current;
}
