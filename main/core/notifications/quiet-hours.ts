import type { NotificationRules } from '../../../shared/model/notification-rules';

type QuietHours = NotificationRules['quietHours'];

function minutesOf(clockTime: string): number {
  const [hours, minutes] = clockTime.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/**
 * Whether `at` (read in the machine's local time, as the user set the hours) falls in the
 * quiet hours: from `start` included to `end` excluded, across midnight when `end` comes
 * first (20:00 → 08:00). Equal start and end make an empty span, never a whole day.
 */
export function isQuietTime(quietHours: QuietHours, at: Date): boolean {
  if (!quietHours.enabled) return false;
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  const now = at.getHours() * 60 + at.getMinutes();
  return start <= end ? now >= start && now < end : now >= start || now < end;
}
