import type { Actor, CaseState } from '../../google-wire/google-types';
import type { CommentRecord, Language } from '../store/model';
import { CONVERSATION, GOOGLE_SUPPORT_NAME, type AgentTexts } from './case-texts';
import { Prng } from './prng';

type SeededState = Exclude<CaseState, 'STATE_UNSPECIFIED'>;
type HistoryEvent = keyof AgentTexts;

export interface HistoryPlan {
  events: { kind: HistoryEvent; time: number }[];
  updateTime: number;
  closeTime?: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The conversation a seeded case has had so far, consistent with its state. Pure in
 * (seed, state, createTime, now), so a large data set can rebuild the comments of a
 * case lazily and get exactly what the plan promised.
 */
export function planHistory(seed: number, state: SeededState, createTime: number, now: number): HistoryPlan {
  const prng = new Prng(seed);
  const asked = prng.chance(0.5);
  const thanked = prng.chance(0.6);
  const kinds: HistoryEvent[] = [];
  if (state !== 'NEW') kinds.push('firstReply');
  if (state === 'IN_PROGRESS_GOOGLE_SUPPORT' && asked) kinds.push('askInfo', 'customerInfo');
  if (state === 'ACTION_REQUIRED') kinds.push('askInfo');
  if ((state === 'SOLUTION_PROVIDED' || state === 'CLOSED') && asked) kinds.push('askInfo', 'customerInfo');
  if (state === 'SOLUTION_PROVIDED' || state === 'CLOSED') kinds.push('solution');
  if (state === 'CLOSED' && thanked) kinds.push('customerThanks');

  const gaps = kinds.map((kind) =>
    kind === 'firstReply' ? prng.int(5, 90) * MINUTE : prng.int(40, 2 * 24 * 60) * MINUTE,
  );
  const closeGap = state === 'CLOSED' ? prng.int(60, 3 * 24 * 60) * MINUTE : 0;
  const total = gaps.reduce((sum, gap) => sum + gap, 0) + closeGap;
  const room = Math.max(0, now - 10 * MINUTE - createTime);
  const scale = total > room ? room / total : 1;

  let time = createTime;
  const events = kinds.map((kind, i) => {
    time += Math.floor((gaps[i] ?? 0) * scale);
    return { kind, time };
  });
  if (state === 'CLOSED') {
    const closeTime = time + Math.floor(closeGap * scale);
    return { events, updateTime: closeTime, closeTime };
  }
  return { events, updateTime: time };
}

export function googleSupportActor(language: Language): Actor {
  return { displayName: GOOGLE_SUPPORT_NAME[language], googleSupport: true };
}

/** The comments of a plan, oldest first; ids are unique within the case. */
export function commentsOfPlan(
  caseId: string,
  plan: HistoryPlan,
  language: Language,
  customerSide: Actor,
): CommentRecord[] {
  return plan.events.map((event, index) => ({
    id: commentId(caseId, index),
    createTime: event.time,
    creator:
      event.kind === 'customerInfo' || event.kind === 'customerThanks'
        ? { ...customerSide }
        : googleSupportActor(language),
    body: CONVERSATION[language][event.kind],
  }));
}

export function commentId(caseId: string, index: number): string {
  return `${caseId}${String(index + 1).padStart(3, '0')}`;
}

export { DAY, MINUTE };
