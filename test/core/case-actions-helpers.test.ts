import { describe, expect, it } from 'vitest';
import { CaseLocaleStore } from '../../main/core/cases/case-locale-store';
import { REOPEN_WINDOW_DAYS } from '../../shared/model/case-actions';
import { REOPEN_WINDOW_MS, reopenWindow } from '../../shared/model/reopen-window';
import { MemoryKeyValueStore } from './helpers/memory-stores';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('reopenWindow', () => {
  const closedAt = Date.parse('2026-03-02T09:00:00.000Z');
  const closed = { state: 'CLOSED' as const, updateTime: new Date(closedAt).toISOString() };

  it('is open for 30 days after closing, to the millisecond, and counts the days left with the day under way', () => {
    expect(REOPEN_WINDOW_MS).toBe(REOPEN_WINDOW_DAYS * DAY_MS);
    expect(reopenWindow(closed, closedAt)).toEqual({
      closedAt: closed.updateTime,
      deadline: '2026-04-01T09:00:00.000Z',
      daysLeft: 30,
      open: true,
    });
    expect(reopenWindow(closed, closedAt + DAY_MS + 1)).toMatchObject({ open: true, daysLeft: 29 });
    expect(reopenWindow(closed, closedAt + REOPEN_WINDOW_MS)).toMatchObject({ open: true, daysLeft: 1 });
    expect(reopenWindow(closed, closedAt + REOPEN_WINDOW_MS + 1)).toMatchObject({ open: false, daysLeft: 0 });
  });

  it('does not apply to an open case or an unreadable time', () => {
    expect(reopenWindow({ ...closed, state: 'SOLUTION_PROVIDED' }, closedAt)).toBeNull();
    expect(reopenWindow({ ...closed, updateTime: '' }, closedAt)).toBeNull();
  });
});

describe('CaseLocaleStore', () => {
  it('remembers the last language and time zone per customer, per domain, across instances', () => {
    const store = new MemoryKeyValueStore();
    const locales = new CaseLocaleStore(store);
    locales.remember('a.example', 'C1', { languageCode: 'fr', timeZone: 'Europe/Paris' });
    locales.remember('a.example', 'C2', { languageCode: 'en', timeZone: 'America/New_York' });
    locales.remember('a.example', 'C1', { languageCode: 'de', timeZone: 'Europe/Berlin' });
    locales.remember('b.example', 'C1', { languageCode: 'ja', timeZone: 'Asia/Tokyo' });
    const again = new CaseLocaleStore(store);
    expect(again.localeFor('a.example', 'C1')).toEqual({ languageCode: 'de', timeZone: 'Europe/Berlin' });
    expect(again.localeFor('a.example', 'C2')).toEqual({ languageCode: 'en', timeZone: 'America/New_York' });
    expect(again.localeFor('b.example', 'C1')).toEqual({ languageCode: 'ja', timeZone: 'Asia/Tokyo' });
    expect(again.localeFor('b.example', 'C2')).toBeNull();
    again.forgetDomain('a.example');
    expect(again.localeFor('a.example', 'C1')).toBeNull();
    expect(again.localeFor('b.example', 'C1')).not.toBeNull();
  });

  it('reads an unreadable entry as none, and starts it over', () => {
    const store = new MemoryKeyValueStore();
    store.set('caseLocales.a.example', { C1: { languageCode: 42 } });
    const locales = new CaseLocaleStore(store);
    expect(locales.localeFor('a.example', 'C1')).toBeNull();
    locales.remember('a.example', 'C2', { languageCode: 'fr', timeZone: 'Europe/Paris' });
    expect(locales.localeFor('a.example', 'C2')).toEqual({ languageCode: 'fr', timeZone: 'Europe/Paris' });
  });
});
