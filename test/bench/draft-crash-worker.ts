import { writeSync } from 'node:fs';
import type { DraftContent } from '../../shared/model/draft';
import { openBenchDrafts } from './bench-domain-drafts';

/**
 * The crash loop's child: opens the domain database as the app does and types into a few
 * drafts as fast as commits allow, printing each acknowledged change (after draft:save's
 * commit returned) as `ACK <id> <revision> <length> <last chars>` with a synchronous
 * write, until the parent kills it with SIGKILL. Run bundled by draft-crash-loop.ts.
 */
const CASE = 'organizations/1/cases/1';
const IDS = ['crash-draft-a', 'crash-draft-b', 'crash-draft-c', 'crash-new-case-d'];

const [dataDir = '', seedText = '0'] = process.argv.slice(2);
let seed = Number(seedText) || 1;
const random = () => {
  // xorshift: each child types something different, reproducibly from its seed.
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4294967296;
};

const { drafts } = await openBenchDrafts(dataDir);
writeSync(1, 'READY\n');

const texts = new Map(
  drafts
    .list()
    .map((draft) => [
      draft.id,
      'body' in draft.content ? draft.content.body : draft.content.kind === 'new_case' ? draft.content.details : '',
    ]),
);
for (;;) {
  const id = IDS[Math.floor(random() * IDS.length)]!;
  let text = texts.get(id) ?? '';
  // Typing, with now and then a paste or a select-all-and-delete, so rows grow and shrink across pages.
  const roll = random();
  if (roll < 0.02) text = '';
  else if (roll < 0.05) text += 'pasted '.repeat(Math.floor(random() * 400));
  else text += String.fromCharCode(97 + Math.floor(random() * 26));
  if (text.length > 40_000) text = text.slice(-1_000);
  texts.set(id, text);
  const content: DraftContent = id.startsWith('crash-new-case')
    ? {
        kind: 'new_case',
        step: 'description',
        customerId: null,
        title: 'Crash loop',
        categoryQuery: '',
        classification: null,
        details: text,
        answers: {},
        priority: null,
        languageCode: 'en',
        timeZone: 'UTC',
        localeSource: 'system',
        subscribersText: '',
      }
    : { kind: 'comment', caseName: CASE, body: text };
  const ack = drafts.save(id, content);
  writeSync(1, `ACK ${id} ${ack.revision} ${text.length} ${JSON.stringify(text.slice(-8))}\n`);
}
