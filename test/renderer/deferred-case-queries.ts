import type { CaseQuery, CaseQueryResult } from '../../shared/model/case-query';
import { createPartnerDeskClient } from '../../renderer/ipc/partner-desk-client';
import { createAppStores } from '../../renderer/store/app-stores';
import { wireEvents } from '../../renderer/store/wire-events';
import { DOMAIN } from './case-detail-fixtures';
import { makeResult } from './case-fixtures';
import { createFakeBridge, deferred } from './fake-bridge';

/** App stores over a core whose cases:query answers (or failures) are released by the test, in any order. */
export function withDeferredCaseQueries(options: { total?: number; remembered?: CaseQuery['filters'] } = {}) {
  const pending: { request: CaseQuery; answer: ReturnType<typeof deferred<CaseQueryResult>> }[] = [];
  const bridge = createFakeBridge({
    'filters:get': () => options.remembered ?? { keyword: '', states: [], priorities: [] },
    'filters:set': () => ({}),
    'cases:query': (request: CaseQuery) => {
      const answer = deferred<CaseQueryResult>();
      pending.push({ request, answer });
      return answer.promise;
    },
  });
  const stores = createAppStores(createPartnerDeskClient(bridge));
  wireEvents(stores);
  const lists = stores.caseLists;
  /** Answers the `index`-th query with a page of a `total`-case result. */
  const answer = (index: number, total = options.total ?? 250, title?: (i: number) => string) => {
    const { request } = pending[index]!;
    pending[index]!.answer.resolve(makeResult(request.offset, request.limit, total, title));
  };
  const view = () => lists.getState().lists[DOMAIN]!;
  return { bridge, stores, lists, pending, answer, view };
}
