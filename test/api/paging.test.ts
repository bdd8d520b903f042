import { describe, expect, it } from 'vitest';
import { Paged, paged } from '../../main/core/api/paging';

function listing(pages: Record<string, { items: number[]; next?: string }>) {
  const asked: (string | undefined)[] = [];
  const result = paged(
    async (token) => {
      asked.push(token);
      const page = pages[token ?? 'first'];
      if (!page) throw new Error(`unknown token ${token}`);
      return { values: page.items, nextPageToken: page.next };
    },
    (response) => response.values,
  );
  return { result, asked };
}

describe('Paged', () => {
  it('walks every page in order, passing each token', async () => {
    const { result, asked } = listing({
      first: { items: [1, 2], next: 'b' },
      b: { items: [3], next: 'c' },
      c: { items: [] },
    });
    expect(await result.toArray()).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'b', 'c']);
  });

  it('fetches nothing until iterated, and stops fetching when the loop breaks', async () => {
    const { result, asked } = listing({ first: { items: [1, 2], next: 'b' }, b: { items: [3] } });
    expect(asked).toEqual([]);
    for await (const item of result) {
      if (item === 2) break;
    }
    expect(asked).toEqual([undefined]);
  });

  it('takes only the first items with a limit', async () => {
    const { result, asked } = listing({ first: { items: [1, 2], next: 'b' }, b: { items: [3, 4] } });
    expect(await result.toArray(3)).toEqual([1, 2, 3]);
    expect(asked).toEqual([undefined, 'b']);
  });

  it('yields whole pages', async () => {
    const { result } = listing({ first: { items: [1], next: 'b' }, b: { items: [2, 3] } });
    const sizes: number[] = [];
    for await (const page of result.pages()) sizes.push(page.items.length);
    expect(sizes).toEqual([1, 2]);
  });

  it('treats a missing item array as an empty page', async () => {
    const empty = paged(
      async () => ({ nextPageToken: undefined }) as { items?: number[]; nextPageToken?: string },
      (r) => r.items,
    );
    expect(await empty.toArray()).toEqual([]);
  });

  it('stops with an error when the server repeats a token', async () => {
    const looping = new Paged<number>(async () => ({ items: [1], nextPageToken: 'same' }));
    await expect(looping.toArray()).rejects.toMatchObject({ code: 'internal' });
  });
});
