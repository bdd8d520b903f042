import { describe, expect, it } from 'vitest';
import { SearchCorpus } from '../../main/core/cases/search-corpus';

function marked(corpus: SearchCorpus, token: string, slotCount: number): number[] {
  const found = new Uint32Array(slotCount);
  corpus.mark(token, slotCount, found, 7);
  return [...found.keys()].filter((slot) => found[slot] === 7);
}

describe('SearchCorpus', () => {
  it('finds every slot whose text holds the token, across chunks, never across two slots', () => {
    const texts = Array.from({ length: 2500 }, (_, slot) => (slot % 3 === 0 ? `alpha beta${slot}` : `gamma ${slot}x`));
    texts[1023] = 'ends with alp';
    texts[1024] = 'ha starts the next chunk';
    texts[2000] = '';
    const corpus = new SearchCorpus();
    texts.forEach((text, slot) => corpus.set(slot, text));
    const brute = (token: string) => texts.flatMap((text, slot) => (text.includes(token) ? [slot] : []));
    for (const token of ['alpha', 'a', 'beta1', '1x', 'alpha beta', 'chunk', 'zzz']) {
      expect(marked(corpus, token, texts.length)).toEqual(brute(token));
    }
    expect(marked(corpus, 'alpha', texts.length)).not.toContain(1023);
    for (const slot of [0, 1, 1023, 1024, 2000, 2499]) {
      for (const token of ['alpha', 'beta0', 'alp', 'ha', 'chunk', 'a']) {
        expect(corpus.contains(slot, token)).toBe(texts[slot]!.includes(token));
      }
    }
  });

  it('sees a slot’s new text once set, and keeps the others’', () => {
    const corpus = new SearchCorpus();
    ['one', 'two', 'three'].forEach((text, slot) => corpus.set(slot, text));
    expect(marked(corpus, 'tw', 3)).toEqual([1]);
    corpus.set(1, 'none');
    corpus.set(2, 'twelve');
    expect(marked(corpus, 'tw', 3)).toEqual([2]);
    expect(marked(corpus, 'one', 3)).toEqual([0, 1]);
    // The unchanged slot keeps its text through the rebuild; a cleared one holds nothing.
    corpus.set(1, '');
    expect(corpus.contains(0, 'one')).toBe(true);
    expect(corpus.contains(1, 'one')).toBe(false);
    expect(corpus.contains(2, 'twelve')).toBe(true);
  });
});
