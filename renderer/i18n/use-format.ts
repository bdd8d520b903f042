import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import {
  formatBytes,
  formatCount,
  formatDate,
  formatDateTime,
  formatLanguageAndTimeZone,
  formatRelative,
  formatShortDate,
  formatTimeLeft,
  isSingular,
} from './format';

/** The Intl formatters in the current UI language. */
export function useFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(
    () => ({
      locale,
      dateTime: (iso: string) => formatDateTime(iso, locale),
      date: (iso: string) => formatDate(iso, locale),
      relative: (iso: string, now: number) => formatRelative(iso, now, locale),
      shortDate: (iso: string, now: number) => formatShortDate(iso, now, locale),
      bytes: (bytes: number) => formatBytes(bytes, locale),
      languageAndTimeZone: (languageCode: string, timeZone: string) =>
        formatLanguageAndTimeZone(languageCode, timeZone, locale),
      count: (count: number) => formatCount(count, locale),
      timeLeft: (ms: number) => formatTimeLeft(ms, locale),
      isSingular: (count: number) => isSingular(count, locale),
    }),
    [locale],
  );
}
