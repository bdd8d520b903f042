import { z } from 'zod';
import { NEW_CASE_STEPS } from '../new-case/new-case-steps';
import { prioritySchema } from './case';
import { caseClassificationSchema } from './case-actions';

/**
 * Drafts: what the user is typing, kept by the core in the domain's database from the
 * first keystroke (a New case in progress, a message, a priority or share change). The
 * renderer sends the whole content on each change; the core acknowledges once committed.
 */

/** Generous bounds: a draft may exceed Google's limits while being typed, never without one. */
const MAX_DRAFT_TEXT = 100_000;
const text = z.string().max(MAX_DRAFT_TEXT);
const MAX_DRAFT_ANSWERS = 100;

export const draftIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'not a draft id');

/** The New case form as the user left it: where they were, and every field, complete or not. */
export const newCaseDraftContentSchema = z.object({
  kind: z.literal('new_case'),
  step: z.enum(NEW_CASE_STEPS),
  customerId: z.string().max(100).nullable(),
  title: text,
  categoryQuery: z.string().max(500),
  classification: caseClassificationSchema.nullable(),
  details: text,
  /** By question key: a few dozen keys across every family (shared/new-case/guided-questions.ts); 100 is plenty. */
  answers: z
    .record(z.string().max(100), text)
    .refine((answers) => Object.keys(answers).length <= MAX_DRAFT_ANSWERS, 'too many answers'),
  priority: prioritySchema.nullable(),
  languageCode: z.string().max(35),
  timeZone: z.string().max(100),
  localeSource: z.enum(['system', 'customer', 'user']),
  subscribersText: text,
});

export type NewCaseDraftContent = z.infer<typeof newCaseDraftContentSchema>;

export const commentDraftContentSchema = z.object({
  kind: z.literal('comment'),
  caseName: z.string().max(200),
  body: text,
});

export const priorityDraftContentSchema = z.object({
  kind: z.literal('priority'),
  caseName: z.string().max(200),
  priority: prioritySchema,
});

export const shareDraftContentSchema = z.object({
  kind: z.literal('share'),
  caseName: z.string().max(200),
  subscribersText: text,
});

export const draftContentSchema = z.discriminatedUnion('kind', [
  newCaseDraftContentSchema,
  commentDraftContentSchema,
  priorityDraftContentSchema,
  shareDraftContentSchema,
]);
export type DraftContent = z.infer<typeof draftContentSchema>;
export type DraftKind = DraftContent['kind'];

/** A file attached to a draft: copied into the app's data folder when added (see main/core/drafts). */
export const draftFileSchema = z.object({
  fileId: z.string().min(1).max(100),
  name: z.string().max(1000),
  size: z.number().int().nonnegative(),
  mimeType: z.string().max(255),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type DraftFile = z.infer<typeof draftFileSchema>;

export const draftSchema = z.object({
  id: draftIdSchema,
  domain: z.string(),
  content: draftContentSchema,
  files: z.array(draftFileSchema),
  /** Bumped by every committed change: an acknowledgement names the revision it made durable. */
  revision: z.number().int().nonnegative(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;
