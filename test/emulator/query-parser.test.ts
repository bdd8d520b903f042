import { describe, expect, it } from 'vitest';
import type { QueryTarget } from '../../main/emulator/query/evaluate';
import { matchesQuery } from '../../main/emulator/query/evaluate';
import { parseQuery } from '../../main/emulator/query/parser';
import { QueryError } from '../../main/emulator/query/query-error';

function target(overrides: Partial<Omit<QueryTarget, 'text'>> & { text?: string } = {}): QueryTarget {
  const { text = 'printer on fire\nplease help', ...rest } = overrides;
  return {
    state: 'NEW',
    priority: 'P2',
    creatorEmail: 'alex@example.com',
    updateTime: Date.parse('2026-02-01T00:00:00Z'),
    text: () => text,
    ...rest,
  };
}

const matches = (query: string, t: QueryTarget, mode: 'filter' | 'search' = 'search') =>
  matchesQuery(parseQuery(query, mode), t);

describe('filter and query parser', () => {
  it('reads an empty query as "everything"', () => {
    expect(parseQuery('', 'filter')).toEqual({ kind: 'all' });
    expect(parseQuery('   ', 'search')).toEqual({ kind: 'all' });
  });

  it('parses field conditions joined by AND', () => {
    expect(parseQuery('state=OPEN AND priority=P1', 'filter')).toEqual({
      kind: 'and',
      items: [
        { kind: 'state', value: 'OPEN' },
        { kind: 'priority', value: 'P1' },
      ],
    });
  });

  it('binds OR tighter than AND, as AIP-160 does', () => {
    expect(parseQuery('state=CLOSED AND priority=P1 OR priority=P2', 'filter')).toEqual({
      kind: 'and',
      items: [
        { kind: 'state', value: 'CLOSED' },
        {
          kind: 'or',
          items: [
            { kind: 'priority', value: 'P1' },
            { kind: 'priority', value: 'P2' },
          ],
        },
      ],
    });
  });

  it('lets parentheses regroup', () => {
    const node = parseQuery('(state=NEW AND priority=P1) OR priority=P4', 'filter');
    expect(node.kind).toBe('or');
    expect(matchesQuery(node, target({ state: 'NEW', priority: 'P1' }))).toBe(true);
    expect(matchesQuery(node, target({ state: 'CLOSED', priority: 'P4' }))).toBe(true);
    expect(matchesQuery(node, target({ state: 'CLOSED', priority: 'P1' }))).toBe(false);
  });

  it('treats OPEN as every state but CLOSED, and accepts exact states', () => {
    for (const state of ['NEW', 'IN_PROGRESS_GOOGLE_SUPPORT', 'ACTION_REQUIRED', 'SOLUTION_PROVIDED'] as const) {
      expect(matches('state=OPEN', target({ state }), 'filter')).toBe(true);
    }
    expect(matches('state=OPEN', target({ state: 'CLOSED' }), 'filter')).toBe(false);
    expect(matches('state=ACTION_REQUIRED', target({ state: 'ACTION_REQUIRED' }), 'filter')).toBe(true);
    expect(matches('state=ACTION_REQUIRED', target({ state: 'NEW' }), 'filter')).toBe(false);
  });

  it('maps the deprecated severity Sn to priority Pn', () => {
    expect(parseQuery('severity=S1', 'filter')).toEqual({ kind: 'priority', value: 'P1' });
  });

  it('matches creator.email exactly, case-insensitively', () => {
    expect(matches('creator.email="Alex@Example.com"', target(), 'filter')).toBe(true);
    expect(matches('creator.email="sam@example.com"', target(), 'filter')).toBe(false);
  });

  it('matches bare quoted text as case-insensitive substrings, every word required', () => {
    expect(matches('"PRINTER"', target())).toBe(true);
    expect(matches('"printer help"', target())).toBe(true);
    expect(matches('"printer toner"', target())).toBe(false);
    expect(matches('printer AND state=NEW', target())).toBe(true);
  });

  it('compares update_time with > only', () => {
    expect(matches('update_time>"2026-01-01T00:00:00Z"', target())).toBe(true);
    expect(matches('update_time>"2026-03-01T00:00:00Z"', target())).toBe(false);
    expect(() => parseQuery('update_time<"2026-01-01T00:00:00Z"', 'search')).toThrow(/only ">"/);
  });

  it.each([
    ['state=', /Missing value/],
    ['state=OPENED', /Invalid state "OPENED"/],
    ['priority=P9', /Invalid priority "P9"/],
    ['colour=red', /Unknown field "colour"/],
    ['(state=NEW', /Missing "\)"/],
    ['state=NEW)', /Unexpected "\)"/],
    ['state=NEW AND', /ends where a condition was expected/],
    ['OR state=NEW', /Unexpected OR/],
    ['"unterminated', /Unterminated string/],
    ['state=NEW & priority=P1', /Unexpected character "&"/],
    ['update_time>"yesterday"', /Invalid timestamp/],
    ['priority>P1', /supports only "="/],
  ])('refuses %s, naming the problem', (query, message) => {
    expect(() => parseQuery(query, 'search')).toThrow(QueryError);
    expect(() => parseQuery(query, 'search')).toThrow(message);
  });

  it('keeps free text and update_time to cases.search', () => {
    expect(() => parseQuery('"printer"', 'filter')).toThrow(/only supported by cases.search/);
    expect(() => parseQuery('update_time>"2026-01-01T00:00:00Z"', 'filter')).toThrow(/only supported by cases.search/);
  });
});
