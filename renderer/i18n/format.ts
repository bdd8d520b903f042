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
        unitDisplay: 'short',
        maximumFractionDigits: unit === 0 ? 0 : 1,
      }),
  );
  return format.format(value);
}

export function formatCount(count: number, locale: string): string {
  return cached(`count|${locale}`, () => new Intl.NumberFormat(locale)).format(count);
}

/** Whether a count takes the singular in this language (French: 0 and 1; English: 1). */
export function isSingular(count: number, locale: string): boolean {
  return cached(`plural|${locale}`, () => new Intl.PluralRules(locale)).select(count) === 'one';
}
