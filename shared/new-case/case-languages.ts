/**
 * Languages Google Workspace support answers cases in (the portal's language list), as
 * BCP 47 codes; names come from Intl.DisplayNames in the UI language.
 */
export const CASE_LANGUAGES = ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'ja', 'ko', 'zh-CN', 'zh-TW'] as const;

/** The supported language closest to an OS locale (fr-CA → fr, zh-Hant-TW → zh-TW), else English. */
export function caseLanguageFor(locale: string | undefined): string {
  if (!locale) return 'en';
  const lower = locale.toLowerCase();
  if (lower.startsWith('zh')) return /(hant|tw|hk|mo)/.test(lower) ? 'zh-TW' : 'zh-CN';
  const base = lower.split(/[-_]/)[0];
  return CASE_LANGUAGES.find((code) => code === base) ?? 'en';
}
