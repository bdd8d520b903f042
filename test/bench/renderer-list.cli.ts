import { benchRendererList } from './renderer-list';

// Runs the renderer list bench alone: npx tsx test/bench/renderer-list.cli.ts [casesPerDomain]
const cases = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
if (cases !== undefined && (!Number.isInteger(cases) || cases < 1)) {
  console.error('usage: npx tsx test/bench/renderer-list.cli.ts [casesPerDomain]');
  process.exit(2);
}
const figures = await benchRendererList({ casesPerDomain: cases });
console.table(figures);
process.exit(0);
