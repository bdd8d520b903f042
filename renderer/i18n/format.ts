/** Dates, sizes and counts through Intl, in the UI language. Formatters are cached: building one costs far more than using it. */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.PluralRules>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat | Intl.PluralRules>(
  key: string,
  create: () => T,
): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) cache.set(key, (formatter = create()));
  return formatter;
}

const dateTimeFormat = (locale: string, options: Intl.DateTimeFormatOptions) =>
  cached(`dt|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));

function parse(iso: string): Date | null {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDateTime(iso: string, locale: string): string {
  const date = parse(iso);
  return date ? dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date) : '';
}

export function formatDate(iso: string, locale: string): string {
  const date = parse(iso);
  return date ? dateTimeFormat(locale, { dateStyle: 'medium' }).format(date) : '';
}

/** A compact date for list columns: the year only when it is not this year's. */
export function formatShortDate(iso: string, now: number, locale: string): string {
  const date = parse(iso);
  if (!date) return '';
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  return dateTimeFormat(locale, sameYear ? { month: 'short', day: 'numeric' } : { dateStyle: 'medium' }).format(date);
}

/** "2 min ago", "yesterday", then a compact date past a week. */
export function formatRelative(iso: string, now: number, locale: string): string {
  const date = parse(iso);
  if (!date) return '';
  const elapsed = date.getTime() - now;
  const format = cached(`rt|${locale}`, () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto', style: 'short' }));
  const abs = Math.abs(elapsed);
  if (abs < MINUTE) return format.format(0, 'second');
  if (abs < HOUR) return format.format(Math.round(elapsed / MINUTE), 'minute');
  if (abs < DAY) return format.format(Math.round(elapsed / HOUR), 'hour');
  if (abs < 7 * DAY) return format.format(Math.round(elapsed / DAY), 'day');
  return formatShortDate(iso, now, locale);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

/**
 * "302 bytes", "1 byte", "1.4 MB"; "302 octets", "1,4 Mo". Bytes are written out: their
 * short form is "byte" in English whatever the count, and has no plural.
 */
export function formatBytes(bytes: number, locale: string): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const format = cached(
    `bytes|${locale}|${unit}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: BYTE_UNITS[unit],
        unitDisplay: unit === 0 ? 'long' : 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }),
  );
  return format.format(value);
}

/** "English", "anglais"; a code Intl does not know is shown as it is. */
export function formatLanguageName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames(locale, { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * "Pacific Time (Los Angeles)", "heure du Pacifique nord-américain (Los Angeles)": the zone's
 * generic name (the same in summer and winter) and its city from the IANA id. Zones without a
 * generic name (UTC) take their long one; an id Intl refuses is shown as it is.
 */
export function formatTimeZoneName(timeZone: string, locale: string): string {
  const nameIn = (style: 'longGeneric' | 'long') =>
    new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: style })
      // Today's date: some zones had no generic name decades ago (Paris in 1970).
      .formatToParts(Date.now())
      .find((part) => part.type === 'timeZoneName')?.value;
  let name: string | undefined;
  try {
    name = nameIn('longGeneric');
    if (!name || /^(GMT|UTC)/.test(name)) name = nameIn('long');
  } catch {
    return timeZone;
  }
  if (!name) return timeZone;
  const city = timeZone.includes('/') ? timeZone.split('/').pop()?.replace(/_/g, ' ') : undefined;
  return city && !name.includes(city) ? `${name} (${city})` : name;
}

/** The case's language and time zone in words, "—" for what is missing. */
export function formatLanguageAndTimeZone(languageCode: string, timeZone: string, locale: string): string {
  const language = languageCode ? formatLanguageName(languageCode, locale) : '—';
  const zone = timeZone ? formatTimeZoneName(timeZone, locale) : '—';
  return `${language} · ${zone}`;
}

export function formatCount(count: number, locale: string): string {
  return cached(`count|${locale}`, () => new Intl.NumberFormat(locale)).format(count);
}

/** Whether a count takes the singular in this language (French: 0 and 1; English: 1). */
export function isSingular(count: number, locale: string): boolean {
  return cached(`plural|${locale}`, () => new Intl.PluralRules(locale)).select(count) === 'one';
}

/** Time left on a wait, as a person reads it: "4 minutes", then "45 seconds" in the last minute. */
export function formatTimeLeft(ms: number, locale: string): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const [value, unit] = seconds >= 60 ? [Math.ceil(seconds / 60), 'minute'] : [seconds, 'second'];
  return cached(
    `left|${locale}|${unit}`,
    () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }),
  ).format(value);
}
