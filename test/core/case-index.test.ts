import { describe, expect, it } from 'vitest';
import { CaseIndex, type IndexQuery } from '../../main/core/cases/case-index';
import { CASE_STATE_VALUES, PRIORITY_VALUES, type CaseSummary } from '../../shared/model/case';
import { CASE_SORT_KEYS, DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';

const WORDS = ['gmail', 'drive', 'Défaillance', 'calendar', 'meet', 'quota', 'billing', 'sécurité', 'sync', 'export'];

function makeCase(i: number): { summary: CaseSummary } {
  const customer = i % 7;
  return {
    summary: {
      name: `organizations/${100 + customer}/cases/${5000 + i}`,
      domain: 'northwind-reseller.example',
      customerId: `C${customer}`,
      customerName: `Customer ${String.fromCharCode(65 + ((customer * 5) % 7))}`,
      title: `${WORDS[i % WORDS.length]} issue ${i} about ${WORDS[(i + 5) % WORDS.length]} ticket-${i}`,
      state: CASE_STATE_VALUES[i % CASE_STATE_VALUES.length]!,
      priority: PRIORITY_VALUES[(i * 3) % PRIORITY_VALUES.length]!,
      category: WORDS[(i * 7) % WORDS.length]!,
      createTime: new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString(),
      updateTime: new Date(Date.UTC(2026, 2, 1) + ((i * 7919) % 1000) * 60_000).toISOString(),
      escalated: false,
      pending: false,
    },
  };
}

function buildIndex(count: number): { index: CaseIndex; all: ReturnType<typeof makeCase>[] } {
  const index = new CaseIndex();
  const all = Array.from({ length: count }, (_, i) => makeCase(i));
  for (const entry of all) index.upsert(entry.summary);
  return { index, all };
}

const query = (overrides: Partial<IndexQuery> = {}): IndexQuery => ({
  filters: EMPTY_CASE_FILTERS,
  sort: DEFAULT_CASE_SORT,
  offset: 0,
  limit: 1000,
  ...overrides,
});

/** The reference answer: filter each case by brute force, no caches involved. */
function bruteForce(all: ReturnType<typeof makeCase>[], keyword: string): string[] {
  const fold = (text: string) =>
    text
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
  const tokens = fold(keyword).split(/\s+/).filter(Boolean);
  return all
    .filter(({ summary }) => {
      const haystack = fold(`${summary.title}\n${summary.name.split('/').pop()}`);
      return tokens.every((token) => haystack.includes(token));
    })
    .map(({ summary }) => summary.name)
    .sort();
}

describe('CaseIndex', () => {
  it('sorts by last update, newest first, by default', () => {
    const { index } = buildIndex(300);
    const rows = index.query(query()).rows;
    expect(rows).toHaveLength(300);
    for (let i = 1; i < rows.length; i += 1) {
      expect(Date.parse(rows[i - 1]!.updateTime)).toBeGreaterThanOrEqual(Date.parse(rows[i]!.updateTime));
    }
  });

  it('orders by every sort key in both directions', () => {
    const { index } = buildIndex(200);
    const stateRank = (state: string) => CASE_STATE_VALUES.indexOf(state as never);
    const priorityRank = (priority: string) => PRIORITY_VALUES.indexOf(priority as never);
    const valueOf = (row: CaseSummary, key: (typeof CASE_SORT_KEYS)[number]): string | number => {
      if (key === 'state') return stateRank(row.state);
      if (key === 'priority') return priorityRank(row.priority);
      if (key === 'updateTime' || key === 'createTime') return Date.parse(row[key]);
      // Text sorts as a reader expects: accents and case do not matter.
      return row[key]
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
    };
    for (const key of CASE_SORT_KEYS) {
      for (const direction of ['asc', 'desc'] as const) {
        const rows = index.query(query({ sort: { key, direction } })).rows;
        for (let i = 1; i < rows.length; i += 1) {
          const a = valueOf(rows[i - 1]!, key);
          const b = valueOf(rows[i]!, key);
          if (direction === 'asc') expect(a <= b, `${key} ${direction} at ${i}`).toBe(true);
          else expect(a >= b, `${key} ${direction} at ${i}`).toBe(true);
        }
      }
    }
  });

  it('filters by state, priority and customer together', () => {
    const { index, all } = buildIndex(500);
    const result = index.query(
      query({ customerId: 'C3', filters: { keyword: '', states: ['NEW', 'CLOSED'], priorities: ['P1', 'P2'] } }),
    );
    const expected = all.filter(
      ({ summary }) =>
        summary.customerId === 'C3' &&
        ['NEW', 'CLOSED'].includes(summary.state) &&
        ['P1', 'P2'].includes(summary.priority),
    );
    expect(result.total).toBe(expected.length);
    expect(result.total).toBeGreaterThan(0);
    expect(result.rows.map((row) => row.name).sort()).toEqual(expected.map(({ summary }) => summary.name).sort());
  });

  it('finds a keyword in the title or the case number, ignoring case and accents', () => {
    const { index, all } = buildIndex(400);
    for (const keyword of ['DEFAILLANCE', 'securite', 'ticket-17', 'about gmail', 'issue 12', '5012']) {
      const result = index.query(query({ filters: { ...EMPTY_CASE_FILTERS, keyword } }));
      expect(result.rows.map((row) => row.name).sort(), keyword).toEqual(bruteForce(all, keyword));
    }
    expect(index.query(query({ filters: { ...EMPTY_CASE_FILTERS, keyword: 'nothing-like-this' } })).total).toBe(0);
  });

  it('gives while typing and deleting the same answers as a fresh search', () => {
    const { index, all } = buildIndex(600);
    const typed = 'ticket-1 about sync';
    const keystrokes = [...typed].map((_, i) => typed.slice(0, i + 1));
    const sequence = [...keystrokes, ...keystrokes.slice().reverse(), 'sync', 'sync ticket-2', 'ticket-2'];
    for (const keyword of sequence) {
      const result = index.query(query({ filters: { ...EMPTY_CASE_FILTERS, keyword } }));
      expect(result.rows.map((row) => row.name).sort(), JSON.stringify(keyword)).toEqual(bruteForce(all, keyword));
    }
  });

  it('returns the requested window of the sorted rows with the total', () => {
    const { index } = buildIndex(250);
    const full = index.query(query()).rows.map((row) => row.name);
    const window = index.query(query({ offset: 100, limit: 30 }));
    expect(window.total).toBe(250);
    expect(window.rows.map((row) => row.name)).toEqual(full.slice(100, 130));
    expect(index.query(query({ offset: 240, limit: 30 })).rows).toHaveLength(10);
    expect(index.query(query({ offset: 400, limit: 30 })).rows).toHaveLength(0);
  });

  it('answers with the new data after a case changes, even for a cached query', () => {
    const { index } = buildIndex(50);
    const keywordQuery = query({ filters: { ...EMPTY_CASE_FILTERS, keyword: 'brand-new-word' } });
    expect(index.query(keywordQuery).total).toBe(0);
    const changed = makeCase(3);
    index.upsert({ ...changed.summary, title: 'brand-new-word', updateTime: '2027-01-01T00:00:00Z' });
    expect(index.query(keywordQuery).rows.map((row) => row.name)).toEqual([changed.summary.name]);
    expect(index.query(query()).rows[0]!.name).toBe(changed.summary.name);
    expect(index.size).toBe(50);
    index.remove(changed.summary.name);
    expect(index.query(keywordQuery).total).toBe(0);
    expect(index.size).toBe(49);
  });

  it('keeps every sort order right through changes, removals and reused slots between queries, as a fresh index', () => {
    const { index, all } = buildIndex(400);
    const live = new Map(all.map(({ summary }) => [summary.name, summary]));
    const sorts = CASE_SORT_KEYS.flatMap((key) => (['asc', 'desc'] as const).map((direction) => ({ key, direction })));
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    // Beyond the changes followed in place (256), the orders are sorted again: both paths are walked.
    for (let step = 0; step < 600; step += 1) {
      const names = [...live.keys()];
      const name = names[random(names.length)]!;
      const kind = random(10);
      if (kind === 0) {
        index.remove(name);
        live.delete(name);
      } else if (kind === 1) {
        const added = makeCase(1000 + step).summary;
        index.upsert(added);
        live.set(added.name, added);
      } else {
        const changed = {
          ...live.get(name)!,
          updateTime: new Date(Date.UTC(2026, 3, 1) + random(500) * 60_000).toISOString(),
          priority: PRIORITY_VALUES[random(PRIORITY_VALUES.length)]!,
          title: `${WORDS[random(WORDS.length)]} changed ${step}`,
        };
        index.upsert(changed);
        live.set(name, changed);
      }
      if (step % 3 === 0) index.query(query({ sort: sorts[random(sorts.length)]! }));
    }
    const fresh = new CaseIndex();
    for (const summary of live.values()) fresh.upsert(summary);
    for (const sort of sorts) {
      const names = (target: CaseIndex) => target.query(query({ sort })).rows.map((row) => row.name);
      expect(names(index), `${sort.key} ${sort.direction}`).toEqual(names(fresh));
    }
    expect(index.query(query()).total).toBe(live.size);
  });

  it('adds the cases named as also matching to a keyword search, in sort order and within the other filters', () => {
    const { index, all } = buildIndex(300);
    const keyword = 'gmail';
    const textMatches = bruteForce(all, keyword);
    const extra = all.filter(({ summary }) => !textMatches.includes(summary.name)).slice(0, 5);
    const alsoMatching = new Set([...extra.map(({ summary }) => summary.name), 'organizations/1/cases/unknown']);
    const filters = { ...EMPTY_CASE_FILTERS, keyword };
    const result = index.query(query({ filters, alsoMatching }));
    const names = result.rows.map((row) => row.name);
    expect([...names].sort()).toEqual([...textMatches, ...extra.map(({ summary }) => summary.name)].sort());
    expect(result.total).toBe(names.length);
    expect(names).toEqual(
      index
        .query(query())
        .rows.map((row) => row.name)
        .filter((name) => names.includes(name)),
    );
    const customerId = extra[0]!.summary.customerId;
    const ofCustomer = index.query(query({ customerId, filters, alsoMatching })).rows;
    expect(ofCustomer.every((row) => row.customerId === customerId)).toBe(true);
    expect(ofCustomer.map((row) => row.name)).toContain(extra[0]!.summary.name);
    expect(index.query(query({ filters, alsoMatching: new Set() })).total).toBe(textMatches.length);
    expect(index.query(query({ alsoMatching })).total).toBe(300);
  });

  it('joins the text index matches by row id, following upserts, removals and reused slots', () => {
    const index = new CaseIndex();
    const all = Array.from({ length: 300 }, (_, i) => makeCase(i));
    // Row ids as a database gives them: not the slot numbers.
    const rowOf = (i: number) => 1000 + i * 3;
    all.forEach((entry, i) => index.upsert(entry.summary, rowOf(i)));
    const keyword = 'gmail';
    const filters = { ...EMPTY_CASE_FILTERS, keyword };
    const titleMatches = bruteForce(all, keyword);
    const extraIndexes = all.flatMap(({ summary }, i) => (titleMatches.includes(summary.name) ? [] : [i])).slice(0, 4);
    const textMatches = { rows: Int32Array.from([...extraIndexes.map(rowOf), 999_999]) };
    const expected = [...titleMatches, ...extraIndexes.map((i) => all[i]!.summary.name)].sort();
    const names = () => index.query(query({ filters, textMatches })).rows.map((row) => row.name);
    expect([...names()].sort()).toEqual(expected);
    // Asked again (scrolling), the same join answers.
    expect([...names()].sort()).toEqual(expected);
    // A removed case leaves; its slot, reused by a case with another row, does not answer for the old row.
    const [gone, kept] = [extraIndexes[0]!, extraIndexes[1]!];
    index.remove(all[gone]!.summary.name);
    const newcomer = makeCase(5000).summary;
    index.upsert({ ...newcomer, title: 'unrelated' }, 77);
    expect(names()).not.toContain(all[gone]!.summary.name);
    expect(names()).not.toContain(newcomer.name);
    expect(names()).toContain(all[kept]!.summary.name);
    // A case given a new row id answers for that one only.
    index.upsert(all[kept]!.summary, 5);
    expect(names()).not.toContain(all[kept]!.summary.name);
    expect(
      index.query(query({ filters, textMatches: { rows: Int32Array.from([5]) } })).rows.map((r) => r.name),
    ).toContain(all[kept]!.summary.name);
  });

  it('gives every row back exactly as written, times included, whatever their form', () => {
    const { index, all } = buildIndex(20);
    const odd = [
      { ...all[3]!.summary, createTime: '2026-01-01T00:00:00Z', updateTime: '2026-03-01T10:00:00.000+02:00' },
      { ...all[4]!.summary, escalated: true, pending: true, updateTime: 'not a time' },
    ];
    odd.forEach((summary) => index.upsert(summary));
    const expected = [...all.slice(0, 3), ...all.slice(5)].map(({ summary }) => summary).concat(odd);
    const byName = new Map(index.query(query()).rows.map((row) => [row.name, row]));
    for (const summary of expected) {
      expect(byName.get(summary.name)).toEqual(summary);
      expect(index.get(summary.name)).toEqual(summary);
    }
    // A row written again in the ISO form reads back in that form.
    index.upsert(all[3]!.summary);
    expect(index.get(all[3]!.summary.name)).toEqual(all[3]!.summary);
    // An unreadable time sorts as the oldest.
    expect(index.query(query({ sort: { key: 'updateTime', direction: 'desc' } })).rows.at(-1)!.name).toBe(odd[1]!.name);
  });
});
