import { subscriberEmailSchema } from '../../shared/model/case-actions';

/** The contract's cap on a case's subscriber list (case:setSubscribers). */
export const MAX_SUBSCRIBERS = 100;

export type SubscriberProblem = 'empty' | 'invalid' | 'duplicate' | 'too_many';

/**
 * Checks an address typed into the share field before it is added: a user's or a
 * group's email (the API cannot tell them apart), once, within the list's cap.
 * Addresses compare case-insensitively; the one kept is trimmed and lower-cased.
 */
export function checkSubscriber(
  typed: string,
  current: readonly string[],
): { ok: true; email: string } | { ok: false; problem: SubscriberProblem } {
  const email = typed.trim().toLowerCase();
  if (!email) return { ok: false, problem: 'empty' };
  if (!subscriberEmailSchema.safeParse(email).success) return { ok: false, problem: 'invalid' };
  if (current.some((existing) => existing.toLowerCase() === email)) return { ok: false, problem: 'duplicate' };
  if (current.length >= MAX_SUBSCRIBERS) return { ok: false, problem: 'too_many' };
  return { ok: true, email };
}
