import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { RequireSession } from './require-session';

export function caseHandlers(
  requireSession: RequireSession,
): Pick<
  InvokeHandlers,
  'customers:list' | 'cases:query' | 'cases:markAllRead' | 'case:get' | 'sync:now' | 'sync:status'
> {
  return {
    'customers:list': async ({ domain, search }) => requireSession(domain).customers(search),
    'cases:query': async ({ domain, ...query }) => requireSession(domain).query(query),
    'cases:markAllRead': async ({ domain, customerId, filters }) => ({
      marked: requireSession(domain).markAllRead({ customerId, filters }),
    }),
    'case:get': ({ domain, name }) => requireSession(domain).caseReads.open(name),
    'sync:now': ({ domain }) => requireSession(domain).syncNow(),
    'sync:status': async ({ domain }) => requireSession(domain).syncStatus(),
  };
}
