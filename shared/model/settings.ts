import { z } from 'zod';

export const languageSettingSchema = z.enum(['system', 'en', 'fr']);
export type LanguageSetting = z.infer<typeof languageSettingSchema>;

export const settingsSchema = z.object({
  language: languageSettingSchema,
  theme: z.enum(['system', 'light', 'dark']),
});
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { language: 'system', theme: 'system' };
