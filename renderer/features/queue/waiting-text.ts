import type { TFunction } from 'i18next';
import type { WaitingFact } from '../../../shared/model/attention-queue';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const unitFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function unitFormat(locale: string, unit: 'minute' | 'hour' | 'day'): Intl.NumberFormat {
  const key = `${locale}|${unit}`;
  let format = unitFormats.get(key);
  if (!format)
    unitFormats.set(key, (format = new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' })));
  return format;
}

function dateFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) dateFormats.set(key, (format = new Intl.DateTimeFormat(locale, options)));
  return format;
}

/** How long, as a person says it: "25 min", "3 hr" / "3 h", then whole days past two days ("4 days" / "4 j"). */
export function formatWaitingDuration(ms: number, locale: string): string {
  const elapsed = Math.max(ms, MINUTE);
  if (elapsed < HOUR) return unitFormat(locale, 'minute').format(Math.floor(elapsed / MINUTE));
  if (elapsed < 2 * DAY) return unitFormat(locale, 'hour').format(Math.floor(elapsed / HOUR));
  return unitFormat(locale, 'day').format(Math.floor(elapsed / DAY));
}

/** Since when, as a point in the week: a time today, "yesterday", a weekday this week, else a date. */
export function sincePoint(
  iso: string,
  now: number,
  locale: string,
): { kind: 'time' | 'yesterday' | 'weekday' | 'date'; when: string } {
  const date = new Date(iso);
  const days = calendarDaysBetween(date, new Date(now));
  if (days <= 0) return { kind: 'time', when: dateFormat(locale, { timeStyle: 'short' }).format(date) };
  if (days === 1) return { kind: 'yesterday', when: '' };
  if (days < 7) return { kind: 'weekday', when: dateFormat(locale, { weekday: 'long' }).format(date) };
  const sameYear = date.getFullYear() === new Date(now).getFullYear();
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { day: 'numeric', month: 'long' }
    : { day: 'numeric', month: 'long', year: 'numeric' };
  return { kind: 'date', when: dateFormat(locale, options).format(date) };
}

/** "Waiting on Google for 3 hr" / "Google is waiting on you since Tuesday", in the UI language; a fact, not an SLA. */
export function waitingText(fact: WaitingFact, now: number, locale: string, t: TFunction): string {
  if (fact.on === 'google') {
    return t('queue.waiting.onGoogle', { duration: formatWaitingDuration(now - Date.parse(fact.since), locale) });
  }
  const point = sincePoint(fact.since, now, locale);
  return t(`queue.waiting.onTeam.${point.kind}`, { when: point.when });
}

/** Local calendar days from `from` to `to` (0: the same day). */
function calendarDaysBetween(from: Date, to: Date): number {
  const start = new Date(from.getFullYear(), from.getMonth(), from.getDate()).getTime();
  const end = new Date(to.getFullYear(), to.getMonth(), to.getDate()).getTime();
  return Math.round((end - start) / DAY);
}
