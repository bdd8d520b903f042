import { describe, expect, it } from 'vitest';
import { createInstance, type TFunction } from 'i18next';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { formatWaitingDuration, sincePoint, waitingText } from '../../renderer/features/queue/waiting-text';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// A Thursday afternoon, local time: the since points are calendar days in the user's zone.
const NOW = new Date(2026, 2, 5, 15, 30).getTime();
/** Intl puts (narrow) no-break spaces between a number and its unit: compared as plain spaces. */
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');

async function translator(language: 'en' | 'fr'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    lng: language,
    resources: { en: { translation: en }, fr: { translation: fr } },
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}

describe('waiting facts in words', () => {
  it('says how long in hours, then days, through Intl in each language', () => {
    expect(plain(formatWaitingDuration(3 * HOUR + 20 * MINUTE, 'fr'))).toBe('3 h');
    expect(plain(formatWaitingDuration(25 * MINUTE, 'en'))).toMatch(/^25 min/);
    expect(plain(formatWaitingDuration(20 * 1000, 'en'))).toMatch(/^1 min/);
    expect(plain(formatWaitingDuration(30 * HOUR, 'en'))).toMatch(/^30 hr/);
    expect(plain(formatWaitingDuration(3 * 24 * HOUR + HOUR, 'fr'))).toBe('3 j');
  });

  it('says since when as a time today, yesterday, a weekday, then a date', () => {
    const at = (day: number, hour: number) => new Date(2026, 2, day, hour, 5).toISOString();
    expect(sincePoint(at(5, 9), NOW, 'fr')).toEqual({ kind: 'time', when: '09:05' });
    expect(sincePoint(at(4, 22), NOW, 'en').kind).toBe('yesterday');
    expect(sincePoint(at(3, 8), NOW, 'en')).toEqual({ kind: 'weekday', when: 'Tuesday' });
    expect(sincePoint(at(3, 8), NOW, 'fr')).toEqual({ kind: 'weekday', when: 'mardi' });
    expect(sincePoint(new Date(2026, 1, 20, 8).toISOString(), NOW, 'fr')).toEqual({ kind: 'date', when: '20 février' });
  });

  it('reads naturally in English and French', async () => {
    const tuesday = new Date(2026, 2, 3, 8, 0).toISOString();
    const threeHoursAgo = new Date(NOW - 3 * HOUR).toISOString();
    const enT = await translator('en');
    const frT = await translator('fr');
    expect(waitingText({ on: 'team', since: tuesday }, NOW, 'en', enT)).toBe('Google is waiting on you since Tuesday');
    expect(waitingText({ on: 'team', since: tuesday }, NOW, 'fr', frT)).toBe(
      'Google attend votre réponse depuis mardi',
    );
    expect(plain(waitingText({ on: 'google', since: threeHoursAgo }, NOW, 'fr', frT))).toBe(
      'En attente de Google depuis 3 h',
    );
    expect(plain(waitingText({ on: 'google', since: threeHoursAgo }, NOW, 'en', enT))).toMatch(
      /^Waiting on Google for 3 hr/,
    );
    const february = new Date(2026, 1, 20, 8).toISOString();
    expect(waitingText({ on: 'team', since: february }, NOW, 'fr', frT)).toBe(
      'Google attend votre réponse depuis le 20 février',
    );
    expect(waitingText({ on: 'team', since: new Date(2026, 2, 4, 9).toISOString() }, NOW, 'fr', frT)).toBe(
      'Google attend votre réponse depuis hier',
    );
  });
});
