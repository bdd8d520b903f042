/**
 * How fast the in-memory case index answers at 50,000 cases: a keystroke in the search
 * box (titles and case numbers; descriptions and comments are the database's, see
 * case-store-bench.ts), a filter change, a sort change, a scroll. Run: npx tsx test/bench/case-query-bench.ts
 */
import { CaseIndex, type IndexQuery } from '../../main/core/cases/case-index';
import { CASE_STATE_VALUES, PRIORITY_VALUES } from '../../shared/model/case';
import { DEFAULT_CASE_SORT, EMPTY_CASE_FILTERS } from '../../shared/model/case-query';

const COUNT = Number(process.env.CASES ?? 50_000);
const WORDS = [
  'gmail',
  'drive',
  'défaillance',
  'calendar',
  'meet',
  'quota',
  'billing',
  'sécurité',
  'sync',
  'export',
  'mailbox',
  'routing',
];

function word(seed: number): string {
  return WORDS[seed % WORDS.length]!;
}

function buildIndex(): CaseIndex {
  const index = new CaseIndex();
  for (let i = 0; i < COUNT; i += 1) {
    const customer = i % 1000;
    index.upsert({
      name: `organizations/${100000 + customer}/cases/${9000000 + i}`,
      domain: 'northwind-reseller.example',
      customerId: `C${customer}`,
      customerName: `Customer ${customer}`,
      title: `${word(i)} ${word(i * 7 + 3)} problem for user ${i % 977}`,
      state: CASE_STATE_VALUES[i % CASE_STATE_VALUES.length]!,
      priority: PRIORITY_VALUES[(i * 3) % PRIORITY_VALUES.length]!,
      category: word(i * 11),
      createTime: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      updateTime: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 500_000) * 60_000).toISOString(),
      escalated: false,
      pending: false,
    });
  }
  return index;
}

function time(label: string, run: () => void, repeat = 1): number {
  const started = performance.now();
  for (let i = 0; i < repeat; i += 1) run();
  const ms = (performance.now() - started) / repeat;
  console.log(`${label.padEnd(58)} ${ms.toFixed(2).padStart(8)} ms`);
  return ms;
}

const base: IndexQuery = { filters: EMPTY_CASE_FILTERS, sort: DEFAULT_CASE_SORT, offset: 0, limit: 100 };
let index!: CaseIndex;
time(`index ${COUNT} cases`, () => {
  index = buildIndex();
});
time('first query (sort by update time)', () => index.query(base));
time('scroll (same query, next window)', () => index.query({ ...base, offset: 20_000 }), 100);
time('state filter change', () =>
  index.query({ ...base, filters: { ...EMPTY_CASE_FILTERS, states: ['ACTION_REQUIRED'] } }),
);
time('sort change (title asc, first time)', () => index.query({ ...base, sort: { key: 'title', direction: 'asc' } }));
/**
 * Typing then erasing a keyword, replayed several times (a filter change in between
 * empties the caches, as a user switching views would); each keystroke reports the
 * median of its replays, so one garbage collection does not pass for the cost.
 */
const typed = 'mailbox problem 12';
const sequence = [...typed].map((_, i) => typed.slice(0, i + 1));
sequence.push(...sequence.slice(0, -1).reverse());
const REPLAYS = 11;
const wall: number[][] = sequence.map(() => []);
const cpu: number[][] = sequence.map(() => []);
for (let replay = 0; replay < REPLAYS; replay += 1) {
  index.query({ ...base, filters: { ...EMPTY_CASE_FILTERS, priorities: [PRIORITY_VALUES[replay % 5]!] } });
  sequence.forEach((keyword, i) => {
    const startedCpu = process.cpuUsage();
    const started = performance.now();
    index.query({ ...base, filters: { ...EMPTY_CASE_FILTERS, keyword } });
    wall[i]!.push(performance.now() - started);
    cpu[i]!.push(process.cpuUsage(startedCpu).user / 1000);
  });
}
const median = (values: number[]) => values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const wallMedians = wall.map(median);
const cpuMedians = cpu.map(median);
// On a busy machine wall time also counts waiting for a CPU; user CPU time is the work done.
sequence.forEach((keyword, i) =>
  console.log(
    `keystroke ${JSON.stringify(keyword).padEnd(22)} median wall ${wallMedians[i]!.toFixed(2).padStart(7)} ms, cpu ${cpuMedians[i]!.toFixed(2).padStart(7)} ms`,
  ),
);
time('keyword pasted at once (no earlier result)', () =>
  index.query({
    ...base,
    sort: { key: 'createTime', direction: 'desc' },
    filters: { ...EMPTY_CASE_FILTERS, keyword: 'routing minutes 5' },
  }),
);
console.log(
  `keystrokes: slowest median ${Math.max(...wallMedians).toFixed(2)} ms wall (cpu ${Math.max(...cpuMedians).toFixed(2)} ms)`,
);
console.log(`keystrokes: median of medians ${median(wallMedians).toFixed(2)} ms wall`);
