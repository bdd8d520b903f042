import { z } from 'zod';
import { appErrorSchema } from '../app-error';
import { prioritySchema } from './case';

/**
 * What the renderer sends to act on cases. The renderer never holds a file's bytes or
 * chooses a path: main stages a file the user picked in a native dialog or dropped on
 * the window and hands back a `fileId`; uploads name that id only.
 */

export const ESCALATION_REASON_VALUES = ['RESOLUTION_TIME', 'TECHNICAL_EXPERTISE', 'BUSINESS_IMPACT'] as const;
export const escalationReasonSchema = z.enum(ESCALATION_REASON_VALUES);
export type EscalationReasonValue = z.infer<typeof escalationReasonSchema>;

/** Google's limit on a comment's body (Comment.body). */
export const MAX_COMMENT_CHARS = 12_800;
/** The portal's reopen window: a comment on a case closed at most this long ago reopens it. */
export const REOPEN_WINDOW_DAYS = 30;

export const caseClassificationSchema = z.object({ id: z.string().min(1).max(200), displayName: z.string().max(500) });
export type CaseClassificationChoice = z.infer<typeof caseClassificationSchema>;

export const subscriberEmailSchema = z.email().max(254);

/** A file main has checked (regular, readable, within the size limit) and will stream on upload. */
export const stagedFileSchema = z.object({
  fileId: z.string().min(1).max(100),
  filename: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  mimeType: z.string(),
});
export type StagedFile = z.infer<typeof stagedFileSchema>;

export const newCaseSchema = z.object({
  customerId: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(500),
  classification: caseClassificationSchema,
  description: z.string().trim().min(1).max(30_000),
  priority: prioritySchema,
  languageCode: z.string().min(2).max(35),
  timeZone: z.string().min(1).max(100),
  subscriberEmailAddresses: z.array(subscriberEmailSchema).max(100),
  /** Uploaded one after the other once the case exists; each reports `transfer:progress`. */
  attachments: z
    .array(z.object({ fileId: stagedFileSchema.shape.fileId, transferId: z.string().min(1).max(100) }))
    .max(20),
});
export type NewCase = z.infer<typeof newCaseSchema>;

/** Language and time zone last used for a customer (the New case step prefills them). */
export const caseLocaleSchema = z.object({ languageCode: z.string(), timeZone: z.string() });
export type CaseLocale = z.infer<typeof caseLocaleSchema>;

export const transferProgressSchema = z.object({
  domain: z.string(),
  transferId: z.string(),
  direction: z.enum(['upload', 'download']),
  /** The case the attachment belongs to. */
  caseName: z.string(),
  filename: z.string(),
  transferredBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** Why it failed, with the final `failed` state. */
  error: appErrorSchema.optional(),
});
export type TransferProgress = z.infer<typeof transferProgressSchema>;
