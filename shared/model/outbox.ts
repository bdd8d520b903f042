import { z } from 'zod';
import { appErrorSchema } from '../app-error';
import { prioritySchema } from './case';
import { MAX_COMMENT_CHARS, newCaseSchema, subscriberEmailSchema } from './case-actions';
import { draftIdSchema } from './draft';

/**
 * The outbox: submissions kept until Google has them, exactly once. Each carries a client
 * reference (`[PD-XXXXXX]`, visible in the description or message) that lets a retry
 * after an ambiguous failure find out whether the earlier attempt landed.
 */

/** What the client reference adds to a message: a blank line and `[PD-XXXXXX]`. */
export const CLIENT_REFERENCE_CHARS = 13;
/** The longest message the user may write: Google's limit, less the reference it carries. */
export const MAX_MESSAGE_CHARS = MAX_COMMENT_CHARS - CLIENT_REFERENCE_CHARS;

/**
 * What the renderer submits: the final payload, composed in the user's language. A new
 * case's `attachments` are staged files, uploaded once the case exists (a draft's own
 * copied files take their place when the submission names a draft that has some).
 */
export const outboxSubmissionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('new_case'), newCase: newCaseSchema }),
  z.object({
    kind: z.literal('comment'),
    caseName: z.string().max(200),
    body: z.string().trim().min(1).max(MAX_MESSAGE_CHARS),
  }),
  z.object({ kind: z.literal('priority'), caseName: z.string().max(200), priority: prioritySchema }),
  z.object({
    kind: z.literal('share'),
    caseName: z.string().max(200),
    subscriberEmailAddresses: z.array(subscriberEmailSchema).max(100),
  }),
]);
export type OutboxSubmission = z.infer<typeof outboxSubmissionSchema>;

/**
 * `queued`: waiting to be sent (offline, or behind an earlier item of the same case);
 * `sending`: a request is in flight; `sent`: Google has it (`result`); `failed`: stopped
 * by a refusal retrying cannot fix (`error`), kept so the user can edit or discard it.
 */
export const outboxStateSchema = z.enum(['queued', 'sending', 'sent', 'failed']);
export type OutboxState = z.infer<typeof outboxStateSchema>;

export const outboxItemSchema = z.object({
  id: z.string().min(1).max(64),
  domain: z.string(),
  /** The draft it came from, restored by "edit". */
  draftId: draftIdSchema.nullable(),
  submission: outboxSubmissionSchema,
  reference: z.string(),
  state: outboxStateSchema,
  attempts: z.number().int().nonnegative(),
  /** The last failure: why it is waiting (queued) or stopped (failed). */
  error: appErrorSchema.optional(),
  /** When sent: the case it made or changed. */
  result: z.object({ caseName: z.string() }).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OutboxItem = z.infer<typeof outboxItemSchema>;
