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
    const corpus = new SearchCorpus((slot) => texts[slot] ?? '');
    const brute = (token: string) => texts.flatMap((text, slot) => (text.includes(token) ? [slot] : []));
    for (const token of ['alpha', 'a', 'beta1', '1x', 'alpha beta', 'chunk', 'zzz']) {
      expect(marked(corpus, token, texts.length)).toEqual(brute(token));
    }
    expect(marked(corpus, 'alpha', texts.length)).not.toContain(1023);
  });

  it('sees a slot’s new text once the slot is invalidated', () => {
    const texts = ['one', 'two', 'three'];
    const corpus = new SearchCorpus((slot) => texts[slot] ?? '');
    expect(marked(corpus, 'tw', 3)).toEqual([1]);
    texts[1] = 'none';
    texts[2] = 'twelve';
    corpus.invalidate(1);
    corpus.invalidate(2);
    expect(marked(corpus, 'tw', 3)).toEqual([2]);
    expect(marked(corpus, 'one', 3)).toEqual([0, 1]);
  });
});
