import type { LanguageSetting } from '../model/settings';

export const UI_LANGUAGES = ['en', 'fr'] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number];

/** 'system' follows the OS locale; anything not French falls back to English. */
export function resolveLanguage(setting: LanguageSetting, systemLocale: string | undefined): UiLanguage {
  if (setting !== 'system') return setting;
  return systemLocale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
