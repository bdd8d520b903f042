import { AppError } from '../../../shared/app-error';

/** One page as Google returns it: items under some key, and maybe a token for the next. */
export interface Page<T> {
  items: T[];
  nextPageToken?: string;
}

export type PageFetcher<T> = (pageToken: string | undefined) => Promise<Page<T>>;

/**
 * A listing that fetches pages lazily as it is iterated: `for await (const item of
 * listing)` walks every item; `pages()` walks whole pages (to show progress or stop
 * early); `toArray()` collects everything. Nothing is fetched until iteration starts,
 * and breaking out of the loop stops fetching.
 */
export class Paged<T> implements AsyncIterable<T> {
  constructor(private readonly fetchPage: PageFetcher<T>) {}

  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    const seen = new Set<string>();
    let token: string | undefined;
    for (;;) {
      const page = await this.fetchPage(token);
      yield page;
      token = page.nextPageToken || undefined;
      if (token === undefined) return;
      // A server that hands back a token it already gave would make us loop forever.
      if (seen.has(token)) throw new AppError('internal', 'The server repeated a page token; stopping the listing.');
      seen.add(token);
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.items;
  }

  /** Every item, or the first `limit` of them. */
  async toArray(limit = Infinity): Promise<T[]> {
    const all: T[] = [];
    if (limit <= 0) return all;
    for await (const item of this) {
      all.push(item);
      if (all.length >= limit) break;
    }
    return all;
  }
}

/** Builds a Paged listing from a raw fetch and the key its items live under. */
export function paged<R extends { nextPageToken?: string }, T>(
  fetchRaw: (pageToken: string | undefined) => Promise<R>,
  pick: (response: R) => T[] | undefined,
): Paged<T> {
  return new Paged(async (pageToken) => {
    const response = await fetchRaw(pageToken);
    return { items: pick(response) ?? [], nextPageToken: response.nextPageToken };
  });
}
