import { CASE_LANGUAGES } from '../../../shared/new-case/case-languages';

export interface Option {
  value: string;
  label: string;
}

/** The case languages named in the UI language ("français", "German"…). */
export function languageOptions(uiLanguage: string): Option[] {
  const names = new Intl.DisplayNames([uiLanguage], { type: 'language' });
  return CASE_LANGUAGES.map((code) => ({ value: code, label: names.of(code) ?? code }));
}

const zoneCache = new Map<string, Option[]>();

/**
 * Every IANA time zone the runtime knows (about 420), named as people read them:
 * "Paris — Central European Time (GMT+01:00)". Built once per UI language: each needs
 * two Intl formatters, about 50 ms for the whole list.
 */
export function timeZoneOptions(uiLanguage: string, now = new Date()): Option[] {
  const cached = zoneCache.get(uiLanguage);
  if (cached) return cached;
  const options = Intl.supportedValuesOf('timeZone').map((zone) => ({
    value: zone,
    label: timeZoneLabel(zone, uiLanguage, now),
  }));
  zoneCache.set(uiLanguage, options);
  return options;
}

export function timeZoneLabel(zone: string, uiLanguage: string, now = new Date()): string {
  const part = (style: 'longGeneric' | 'longOffset') =>
    new Intl.DateTimeFormat(uiLanguage, { timeZone: zone, timeZoneName: style })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName')?.value ?? '';
  const place = zone.split('/').slice(1).join(' / ').replace(/_/g, ' ') || zone;
  const generic = part('longGeneric');
  const offset = part('longOffset');
  // Zones without a generic name (UTC, Etc/GMT+5) would repeat the offset: "UTC (GMT)".
  return !generic || /^(GMT|UTC)/.test(generic) ? `${place} (${offset})` : `${place} — ${generic} (${offset})`;
}

/** A supported zone keeps its option; one the list lacks (an alias) still shows, by its id. */
export function withCurrent(options: Option[], value: string): Option[] {
  return options.some((o) => o.value === value) ? options : [{ value, label: value }, ...options];
}
