import { z } from 'zod';

/** Case states and priorities as Google names them (see main/google-wire/google-types.ts). */
export const caseStateSchema = z.enum([
  'NEW',
  'IN_PROGRESS_GOOGLE_SUPPORT',
  'ACTION_REQUIRED',
  'SOLUTION_PROVIDED',
  'CLOSED',
]);
export type CaseState = z.infer<typeof caseStateSchema>;
export const CASE_STATE_VALUES = caseStateSchema.options;

export const prioritySchema = z.enum(['P0', 'P1', 'P2', 'P3', 'P4']);
export type Priority = z.infer<typeof prioritySchema>;
export const PRIORITY_VALUES = prioritySchema.options;

export const actorSchema = z.object({
  displayName: z.string(),
  email: z.string().optional(),
  googleSupport: z.boolean(),
});
export type Actor = z.infer<typeof actorSchema>;

/** One row of a case list: what the list shows, sorts and filters on. */
export const caseSummarySchema = z.object({
  /** Google's resource name, e.g. organizations/123/cases/456: the case's identity. */
  name: z.string(),
  /** The reseller domain whose session owns this row. */
  domain: z.string(),
  customerId: z.string(),
  customerName: z.string(),
  title: z.string(),
  state: caseStateSchema,
  priority: prioritySchema,
  category: z.string(),
  createTime: z.string(),
  updateTime: z.string(),
  escalated: z.boolean(),
  /** Filed from this app and not yet listed by the API (search indexing delay). */
  pending: z.boolean(),
});
export type CaseSummary = z.infer<typeof caseSummarySchema>;

export const commentSchema = z.object({
  name: z.string(),
  body: z.string(),
  createTime: z.string(),
  creator: actorSchema,
});
export type CaseComment = z.infer<typeof commentSchema>;

export const attachmentSchema = z.object({
  name: z.string(),
  filename: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  createTime: z.string(),
  creator: actorSchema,
});
export type CaseAttachment = z.infer<typeof attachmentSchema>;

export const caseDetailSchema = caseSummarySchema.extend({
  description: z.string(),
  classificationId: z.string(),
  timeZone: z.string(),
  languageCode: z.string(),
  subscriberEmailAddresses: z.array(z.string()),
  contactEmail: z.string(),
  creator: actorSchema,
  comments: z.array(commentSchema),
  attachments: z.array(attachmentSchema),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;
