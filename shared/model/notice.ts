import { z } from 'zod';

/**
 * Something the user must be told once, which happened where no view was listening (at
 * start, in the background): a damaged file recovered, a bad entry skipped. The renderer
 * words it from `code` and `facts` in the user's language; dismissing it removes it.
 */
export const NOTICE_CODES = [
  'database_recovered', // facts.domain, facts.salvaged: the domain's database was damaged and moved aside
  'settings_recovered', // facts.source ('last_good' | 'defaults'): the settings file could not be read
  'account_skipped', // facts.entry: an entry of the accounts list could not be restored
  'secrets_unreachable', // facts.domains, facts.reason (keychain_unavailable's): sign-ins not read back at start
] as const;

export const noticeSchema = z.object({
  id: z.string(),
  code: z.enum(NOTICE_CODES),
  facts: z.record(z.string(), z.string()),
  at: z.string(),
});
export type Notice = z.infer<typeof noticeSchema>;
export type NoticeCode = Notice['code'];
