import { z } from 'zod';
import { DEFAULT_NOTIFICATION_RULES, notificationRulesSchema } from './notification-rules';

export const languageSettingSchema = z.enum(['system', 'en', 'fr']);
export type LanguageSetting = z.infer<typeof languageSettingSchema>;

export const settingsSchema = z.object({
  language: languageSettingSchema,
  theme: z.enum(['system', 'light', 'dark']),
  notifications: notificationRulesSchema,
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = {
  language: 'system',
  theme: 'system',
  notifications: DEFAULT_NOTIFICATION_RULES,
};
