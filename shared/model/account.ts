import { z } from 'zod';
import { appErrorSchema } from '../app-error';

/** One signed-in reseller domain: a tab. Never carries a token. */
export const accountSchema = z.object({
  domain: z.string(),
  email: z.string(),
  displayName: z.string(),
  /** `needs_sign_in`: the refresh token died; only this domain asks to sign in again. */
  status: z.enum(['signed_in', 'needs_sign_in']),
  /** Cases waiting on the team (ACTION_REQUIRED), for the tab badge. */
  attentionCount: z.number().int().nonnegative(),
  /** The reseller privilege the last sync was refused for (Google's English name), until a sync succeeds. */
  missingPrivilege: z.string().optional(),
});
export type Account = z.infer<typeof accountSchema>;

export const syncStatusSchema = z.object({
  domain: z.string(),
  state: z.enum(['idle', 'syncing', 'offline', 'error']),
  lastSyncedAt: z.string().nullable(),
  error: appErrorSchema.optional(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
