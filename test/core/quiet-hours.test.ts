import { describe, expect, it } from 'vitest';
import { isQuietTime } from '../../main/core/notifications/quiet-hours';

/** Local time on a fixed day, as the user reads the clock. */
const at = (hours: number, minutes: number) => new Date(2026, 2, 2, hours, minutes);

describe('quiet hours', () => {
  it('within a day: from start included to end excluded', () => {
    const hours = { enabled: true, start: '12:30', end: '14:00' };
    expect(isQuietTime(hours, at(12, 29))).toBe(false);
    expect(isQuietTime(hours, at(12, 30))).toBe(true);
    expect(isQuietTime(hours, at(13, 59))).toBe(true);
    expect(isQuietTime(hours, at(14, 0))).toBe(false);
  });

  it('across midnight', () => {
    const hours = { enabled: true, start: '20:00', end: '08:00' };
    expect(isQuietTime(hours, at(19, 59))).toBe(false);
    expect(isQuietTime(hours, at(20, 0))).toBe(true);
    expect(isQuietTime(hours, at(23, 59))).toBe(true);
    expect(isQuietTime(hours, at(0, 0))).toBe(true);
    expect(isQuietTime(hours, at(7, 59))).toBe(true);
    expect(isQuietTime(hours, at(8, 0))).toBe(false);
    expect(isQuietTime(hours, at(12, 0))).toBe(false);
  });

  it('from midnight, and until midnight', () => {
    expect(isQuietTime({ enabled: true, start: '00:00', end: '06:00' }, at(0, 0))).toBe(true);
    expect(isQuietTime({ enabled: true, start: '00:00', end: '06:00' }, at(23, 59))).toBe(false);
    expect(isQuietTime({ enabled: true, start: '22:00', end: '00:00' }, at(23, 59))).toBe(true);
    expect(isQuietTime({ enabled: true, start: '22:00', end: '00:00' }, at(0, 0))).toBe(false);
  });

  it('never when disabled, or when start equals end', () => {
    for (const [hours, minutes] of [
      [0, 0],
      [9, 0],
      [21, 0],
    ] as const) {
      expect(isQuietTime({ enabled: false, start: '00:00', end: '23:59' }, at(hours, minutes))).toBe(false);
      expect(isQuietTime({ enabled: true, start: '09:00', end: '09:00' }, at(hours, minutes))).toBe(false);
    }
  });
});
