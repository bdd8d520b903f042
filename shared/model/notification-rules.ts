import { z } from 'zod';
import { changeKindSchema, CHANGE_KINDS } from './case-change';
import { domainNameSchema } from './domain-name';

/** "HH:MM", 24-hour, local time of the machine. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'not a time of day (HH:MM)');

/**
 * Which changes become OS notifications. Kept with the settings, so they survive
 * restarts; badges and unread marks do not depend on them (a muted domain still counts).
 */
export const notificationRulesSchema = z.object({
  /** Off: no OS notification at all. */
  enabled: z.boolean(),
  /** The kinds of change that notify. */
  kinds: z.array(changeKindSchema).max(CHANGE_KINDS.length),
  /** Only cases the signed-in user filed, or is subscribed to (shared with). */
  onlyMine: z.boolean(),
  /** No notification (so no sound) between start and end; the span may cross midnight. */
  quietHours: z.object({ enabled: z.boolean(), start: clockTimeSchema, end: clockTimeSchema }),
  mutedDomains: z.array(domainNameSchema).max(100),
  mutedCustomers: z.array(z.object({ domain: domainNameSchema, customerId: z.string().min(1).max(100) })).max(2000),
});
export type NotificationRules = z.infer<typeof notificationRulesSchema>;

export const DEFAULT_NOTIFICATION_RULES: NotificationRules = {
  enabled: true,
  kinds: [...CHANGE_KINDS],
  onlyMine: false,
  quietHours: { enabled: false, start: '20:00', end: '08:00' },
  mutedDomains: [],
  mutedCustomers: [],
};
