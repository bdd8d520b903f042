import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error';
import { buildClassificationQuery, buildListFilter, buildSearchQuery, quote } from '../../main/core/api/query-builder';

describe('buildSearchQuery', () => {
  it('is empty without a filter, which lists every case', () => {
    expect(buildSearchQuery()).toBe('');
    expect(buildSearchQuery({ keyword: '   ', priorities: [] })).toBe('');
  });

  it('joins state, priorities, creator, update time and keyword with AND', () => {
    expect(
      buildSearchQuery({
        state: 'OPEN',
        priorities: ['P1', 'P2'],
        creatorEmail: 'alex.morgan@northwind-reseller.example',
        updatedAfter: new Date('2026-01-01T00:00:00.000Z'),
        keyword: 'quota',
      }),
    ).toBe(
      'state=OPEN AND (priority=P1 OR priority=P2) AND creator.email="alex.morgan@northwind-reseller.example" AND updateTime>"2026-01-01T00:00:00Z" AND "quota"',
    );
  });

  it('writes a single priority without parentheses and drops duplicates', () => {
    expect(buildSearchQuery({ priorities: ['P0', 'P0'] })).toBe('priority=P0');
  });

  it('escapes quotes and backslashes inside the keyword', () => {
    expect(buildSearchQuery({ keyword: 'say "hi" \\ bye' })).toBe('"say \\"hi\\" \\\\ bye"');
    expect(quote('a\nb')).toBe('"a b"');
  });

  it('accepts an ISO string as update time and normalises it to UTC', () => {
    expect(buildSearchQuery({ updatedAfter: '2026-03-01T10:00:00+02:00' })).toBe('updateTime>"2026-03-01T08:00:00Z"');
  });

  it.each([
    [{ priorities: ['P9' as never] }, 'priorities'],
    [{ state: 'NEW' as never }, 'state'],
    [{ creatorEmail: 'x" OR state=CLOSED' }, 'creatorEmail'],
    [{ updatedAfter: 'yesterday' }, 'updatedAfter'],
  ])('refuses bad input %j naming the field', (filter, field) => {
    try {
      buildSearchQuery(filter);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('invalid_argument');
      expect((error as AppError).detail?.field).toBe(field);
    }
  });
});

describe('buildListFilter', () => {
  it('builds the same structured terms as search', () => {
    expect(buildListFilter({ state: 'CLOSED', priorities: ['P3'], creatorEmail: 'a@b.example' })).toBe(
      'state=CLOSED AND priority=P3 AND creator.email="a@b.example"',
    );
  });

  it('refuses what cases.list cannot filter by', () => {
    expect(() => buildListFilter({ keyword: 'x' })).toThrowError(/keyword/);
    expect(() => buildListFilter({ updatedAfter: new Date() })).toThrowError(/update time/);
  });
});

describe('buildClassificationQuery', () => {
  it('wraps the words in a display_name wildcard pattern', () => {
    expect(buildClassificationQuery('  Gmail   delivery ')).toBe('display_name:"*Gmail delivery*"');
  });

  it('drops quotes and wildcards, and is empty for nothing', () => {
    expect(buildClassificationQuery('a"b*c\\')).toBe('display_name:"*a b c*"');
    expect(buildClassificationQuery(' " * ')).toBe('');
  });
});
