import { z } from 'zod';

/**
 * A Desktop OAuth client's ID as Google Cloud console shows it: the project number, a
 * dash, 32 lowercase letters and digits today (bounds kept loose), then the fixed suffix.
 */
export const OAUTH_CLIENT_ID_PATTERN = /^\d{4,20}-[a-z0-9]{8,64}\.apps\.googleusercontent\.com$/;
/**
 * Its secret: `GOCSPX-` and 28 URL-safe characters since 2021; the older ones were 24
 * URL-safe characters without a prefix, and still work.
 */
export const OAUTH_CLIENT_SECRET_PATTERN = /^(GOCSPX-[A-Za-z0-9_-]{20,64}|[A-Za-z0-9_-]{20,40})$/;

/** The longest text either field takes before trimming: well above Google's 72 and 35 characters. */
const MAX_FIELD_CHARS = 200;

export const oauthClientIdSchema = z
  .string()
  .max(MAX_FIELD_CHARS)
  .trim()
  .min(1)
  .regex(OAUTH_CLIENT_ID_PATTERN, 'not a Desktop OAuth client ID (<digits>-<letters>.apps.googleusercontent.com)');
export const oauthClientSecretSchema = z
  .string()
  .max(MAX_FIELD_CHARS)
  .trim()
  .min(1)
  .regex(OAUTH_CLIENT_SECRET_PATTERN, 'not an OAuth client secret (GOCSPX-…)');

/** What the Google connection settings save; no secret: keep the one saved for the same client ID. */
export const oauthClientInputSchema = z.object({
  clientId: oauthClientIdSchema,
  clientSecret: oauthClientSecretSchema.optional(),
});
export type OAuthClientInput = z.input<typeof oauthClientInputSchema>;

/**
 * The backend Partner Desk starts on: the demo (the embedded emulator), or Google with the
 * partner's OAuth client, set by the environment (read-only here) or by the settings.
 * Never the secret itself: only whether one is saved.
 */
export const backendConfigSchema = z.object({
  kind: z.enum(['demo', 'google']),
  source: z.enum(['env', 'settings', 'none']),
  clientId: z.string().max(MAX_FIELD_CHARS).optional(),
  hasClientSecret: z.boolean(),
});
export type BackendConfig = z.infer<typeof backendConfigSchema>;

/** A change's answer: the backend of the next start, and whether Partner Desk restarts on it now. */
export const backendChangeSchema = backendConfigSchema.extend({ restarting: z.boolean() });
export type BackendChange = z.infer<typeof backendChangeSchema>;

export type OAuthClientField = 'clientId' | 'clientSecret';
/** Why a field is refused, as the settings screen words it. */
export type OAuthClientProblem = 'required' | 'too_long' | 'shape';

/** Each field's first problem, or none: the settings screen shows them all at once, before sending. */
export function oauthClientProblems(input: {
  clientId: string;
  clientSecret?: string;
}): Partial<Record<OAuthClientField, OAuthClientProblem>> {
  const parsed = oauthClientInputSchema.safeParse(input);
  if (parsed.success) return {};
  const problems: Partial<Record<OAuthClientField, OAuthClientProblem>> = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0];
    if ((field !== 'clientId' && field !== 'clientSecret') || problems[field]) continue;
    problems[field] = issue.code === 'too_small' ? 'required' : issue.code === 'too_big' ? 'too_long' : 'shape';
  }
  return problems;
}
