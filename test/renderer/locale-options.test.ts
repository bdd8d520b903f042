import { describe, expect, it } from 'vitest';
import { timeZoneLabel } from '../../renderer/features/new-case/locale-options';

const WINTER = new Date('2026-01-15T12:00:00Z');

describe('time zone labels of the New case locale step', () => {
  it('names a zone by its place, its generic name and its offset', () => {
    const label = timeZoneLabel('America/Los_Angeles', 'en', WINTER);
    expect(label.startsWith('Los Angeles — ')).toBe(true);
    expect(label).toContain('Pacific');
    expect(label.endsWith('(GMT-08:00)')).toBe(true);
  });

  it('does not repeat the offset for a zone without a generic name', () => {
    for (const zone of ['UTC', 'Etc/GMT+5']) {
      const label = timeZoneLabel(zone, 'en', WINTER);
      expect(label).not.toContain('—');
      expect(label.match(/GMT/g)?.length ?? 0, label).toBeLessThanOrEqual(2);
      expect(label.match(/\(/g)).toHaveLength(1);
    }
  });
});
