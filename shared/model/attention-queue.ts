import { z } from 'zod';
import { caseRowSchema } from './case-query';

/**
 * Who the case waits on and since when, from its history (who spoke last, and when):
 * `google` — the team spoke last (or filed it) and Google has not answered yet;
 * `team` — Google spoke last, or set ACTION_REQUIRED / SOLUTION_PROVIDED. A fact, not a promise.
 */
export const waitingFactSchema = z.object({ on: z.enum(['google', 'team']), since: z.string() });
export type WaitingFact = z.infer<typeof waitingFactSchema>;

/** A row of the All-domains queue: a case that needs the team, in its own domain's context. */
export const queueRowSchema = caseRowSchema.extend({ waiting: waitingFactSchema.nullable() });
export type QueueRow = z.infer<typeof queueRowSchema>;

/** Rows the queue returns at most: the attention list of every domain, not their whole case lists. */
export const MAX_QUEUE_ROWS = 1000;

export const queueResultSchema = z.object({
  /** ACTION_REQUIRED first, then unread, then the oldest waiting on the team. */
  rows: z.array(queueRowSchema).max(MAX_QUEUE_ROWS),
  /** Rows there are in all (more than `rows` when cut at MAX_QUEUE_ROWS). */
  total: z.number().int().nonnegative(),
});
export type QueueResult = z.infer<typeof queueResultSchema>;
