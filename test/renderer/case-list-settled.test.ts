import { describe, expect, it } from 'vitest';
import type { CaseQuery } from '../../shared/model/case-query';
import { isSettled, queryKey, shownWindow } from '../../renderer/store/case-list-store';
import { withDeferredCaseQueries } from './deferred-case-queries';
import { settle } from './fake-bridge';

const DOMAIN = 'northwind-reseller.example';

/** The deferred core, with answers that also let the stores settle. */
function setUp() {
  const core = withDeferredCaseQueries();
  const answer = async (index: number, total: number) => {
    core.answer(index, total);
    await settle();
  };
  return { ...core, answer };
}

/** What the e2e waits for: the list settled on exactly this query. */
function settledOn(view: Parameters<typeof isSettled>[0], filters: CaseQuery['filters']): boolean {
  return isSettled(view) && view.currentKey === queryKey({ customerId: undefined, filters, sort: view.sort });
}

describe('the case list’s settled mark', () => {
  it('is not set before the remembered filters and their first answer are in', async () => {
    const { lists, answer, view } = setUp();
    const opening = lists.getState().open(DOMAIN);
    expect(lists.getState().lists[DOMAIN]).toBeUndefined();
    await opening;
    expect(isSettled(view())).toBe(false);
    await answer(0, 250);
    expect(isSettled(view())).toBe(true);
  });

  it('waits for the last filter’s answer, not for an earlier filter whose rows are on screen', async () => {
    const { lists, answer, view } = setUp();
    await lists.getState().open(DOMAIN);
    await answer(0, 250);
    const final = { keyword: 'mail', states: ['NEW' as const], priorities: ['P1' as const] };
    lists.getState().setKeyword(DOMAIN, final.keyword);
    lists.getState().setStates(DOMAIN, final.states);
    lists.getState().setPriorities(DOMAIN, final.priorities);

    // The keyword alone and keyword + state answer first: their rows show, but the list is not settled.
    await answer(1, 21);
    await answer(2, 12);
    expect(shownWindow(view())?.total).toBe(250);
    expect(isSettled(view())).toBe(false);
    expect(settledOn(view(), final)).toBe(false);
    await answer(3, 8);
    expect(shownWindow(view())?.total).toBe(8);
    expect(settledOn(view(), final)).toBe(true);
  });

  it('is unset while the query’s rows are fetched again after cases:changed, and while a scroll fetches a page', async () => {
    const { lists, pending, answer, view, bridge } = setUp();
    await lists.getState().open(DOMAIN);
    await answer(0, 250);
    bridge.emit('cases:changed', { domain: DOMAIN });
    // The old rows stay on screen meanwhile; only the refetch's answer settles the list again.
    expect(shownWindow(view())?.total).toBe(250);
    expect(isSettled(view())).toBe(false);
    await answer(1, 251);
    expect(isSettled(view())).toBe(true);

    // Rows 180–220 lie on pages 1 and 2: settled once both answered.
    lists.getState().showRange(DOMAIN, 180, 220);
    expect(pending.slice(2).map((p) => p.request.offset)).toEqual([100, 200]);
    expect(isSettled(view())).toBe(false);
    await answer(3, 251);
    expect(isSettled(view())).toBe(false);
    await answer(2, 251);
    expect(isSettled(view())).toBe(true);
  });

  it('settles on an error: the answer is that the query failed', async () => {
    const { lists, pending, view } = setUp();
    await lists.getState().open(DOMAIN);
    pending[0]!.answer.reject({ code: 'missing_privilege', message: 'denied' });
    await settle();
    expect(view().error?.code).toBe('missing_privilege');
    expect(isSettled(view())).toBe(true);
  });
});
