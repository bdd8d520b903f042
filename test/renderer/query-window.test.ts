import { describe, expect, it } from 'vitest';
import {
  applyPage,
  emptyWindow,
  markInFlight,
  markStale,
  pageLimit,
  pagesForRange,
  pagesToFetch,
  releasePage,
  rowAt,
  trimPages,
} from '../../renderer/store/query-window';
import { makeResult } from './case-fixtures';

const SIZE = 100;

describe('pagesForRange', () => {
  it('covers the visible rows with whole pages', () => {
    expect(pagesForRange(0, 30, 50_000, SIZE)).toEqual([0]);
    expect(pagesForRange(95, 130, 50_000, SIZE)).toEqual([0, 1]);
    expect(pagesForRange(49_990, 50_010, 50_000, SIZE)).toEqual([499]);
  });

  it('asks for the first page while the total is unknown, and for nothing when empty', () => {
    expect(pagesForRange(0, 40, null, SIZE)).toEqual([0]);
    expect(pagesForRange(0, 40, 0, SIZE)).toEqual([]);
  });
});

describe('query window', () => {
  it('fetches a page once, then serves its rows', () => {
    let window = emptyWindow('k');
    expect(pagesToFetch(window, [0, 1])).toEqual([0, 1]);
    window = markInFlight(window, 0, 1);
    expect(pagesToFetch(window, [0, 1])).toEqual([1]);
    window = applyPage(window, 0, 1, makeResult(0, SIZE, 250), SIZE);
    expect(window.total).toBe(250);
    expect(pagesToFetch(window, [0, 1])).toEqual([1]);
    expect(rowAt(window, 42, SIZE)?.title).toBe('Case 42');
    expect(rowAt(window, 142, SIZE)).toBeUndefined();
  });

  it('asks a new query for the rows on screen, then completes the page when rows past them are wanted', () => {
    let window = emptyWindow('k');
    expect(pageLimit(window, 0, 29, SIZE)).toBe(30);
    window = applyPage(window, 0, 1, makeResult(0, 30, 250), SIZE);
    expect(pageLimit(window, 0, 29, SIZE)).toBe(SIZE);
    expect(pagesToFetch(window, [0], 29, SIZE)).toEqual([]);
    expect(pagesToFetch(window, [0], 30, SIZE)).toEqual([0]);
  });

  it('counts a short last page as complete', () => {
    const window = applyPage(emptyWindow('k'), 0, 1, makeResult(0, SIZE, 12), SIZE);
    expect(pagesToFetch(window, [0], 40, SIZE)).toEqual([]);
  });

  it('keeps the newest answer when answers arrive out of order', () => {
    let window = emptyWindow('k');
    window = markInFlight(window, 0, 1);
    window = markInFlight(window, 0, 2);
    window = applyPage(
      window,
      0,
      2,
      makeResult(0, SIZE, 10, (i) => `new ${i}`),
      SIZE,
    );
    window = applyPage(
      window,
      0,
      1,
      makeResult(0, SIZE, 99, (i) => `old ${i}`),
      SIZE,
    );
    expect(rowAt(window, 0, SIZE)?.title).toBe('new 0');
    expect(window.total).toBe(10);
  });

  it('takes the total from the newest answer of any page', () => {
    let window = emptyWindow('k');
    window = applyPage(window, 1, 5, makeResult(100, SIZE, 300), SIZE);
    window = applyPage(window, 0, 4, makeResult(0, SIZE, 280), SIZE);
    expect(window.total).toBe(300);
  });

  it('drops pages past the end when the result set shrinks', () => {
    let window = emptyWindow('k');
    window = applyPage(window, 0, 1, makeResult(0, SIZE, 250), SIZE);
    window = applyPage(window, 2, 2, makeResult(200, SIZE, 250), SIZE);
    window = applyPage(window, 0, 3, makeResult(0, SIZE, 120), SIZE);
    expect(window.pages[2]).toBeUndefined();
    expect(window.total).toBe(120);
  });

  it('after a change, keeps the rows visible but fetches them again', () => {
    let window = emptyWindow('k');
    window = applyPage(window, 0, 1, makeResult(0, SIZE, 250), SIZE);
    window = markStale(window, 1);
    expect(rowAt(window, 0, SIZE)?.title).toBe('Case 0');
    expect(pagesToFetch(window, [0])).toEqual([0]);
    window = markInFlight(window, 0, 2);
    expect(pagesToFetch(window, [0])).toEqual([]);
    window = applyPage(
      window,
      0,
      2,
      makeResult(0, SIZE, 250, (i) => `fresh ${i}`),
      SIZE,
    );
    expect(pagesToFetch(window, [0])).toEqual([]);
    expect(rowAt(window, 0, SIZE)?.title).toBe('fresh 0');
  });

  it('lets a failed page be asked for again', () => {
    let window = markInFlight(emptyWindow('k'), 3, 7);
    expect(pagesToFetch(window, [3])).toEqual([]);
    window = releasePage(window, 3, 7);
    expect(pagesToFetch(window, [3])).toEqual([3]);
  });

  it('keeps only the pages nearest to the screen', () => {
    let window = emptyWindow('k');
    for (const page of [0, 1, 2, 10, 11, 12])
      window = applyPage(window, page, page + 1, makeResult(page * SIZE, SIZE, 5_000), SIZE);
    window = trimPages(window, 11, 3);
    expect(
      Object.keys(window.pages)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([10, 11, 12]);
    expect(pagesToFetch(window, [0])).toEqual([0]);
    expect(trimPages(window, 0, 3)).toBe(window);
  });
});
