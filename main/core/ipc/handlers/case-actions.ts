import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { CaseLocaleStore } from '../../cases/case-locale-store';
import type { DomainSession } from '../../domain/domain-session';

export interface CaseActionHandlersDeps {
  /** The session of a signed-in domain; refuses (not_found) a domain that is not. */
  requireSession(domain: string): Pick<DomainSession, 'caseActions' | 'attachments'>;
  locales: CaseLocaleStore;
}

/** Filing and managing cases, each on the session of the domain the request names. */
export function caseActionHandlers(
  deps: CaseActionHandlersDeps,
): Pick<
  InvokeHandlers,
  | 'classifications:search'
  | 'case:localeFor'
  | 'case:create'
  | 'case:setPriority'
  | 'case:close'
  | 'case:escalate'
  | 'case:comment'
  | 'case:setSubscribers'
> {
  const actions = (domain: string) => deps.requireSession(domain).caseActions;
  return {
    'classifications:search': ({ domain, query }) => actions(domain).searchClassifications(query),
    'case:localeFor': async ({ domain, customerId }) => {
      deps.requireSession(domain);
      return deps.locales.localeFor(domain, customerId);
    },
    'case:create': async ({ domain, case: input }) => {
      const detail = await actions(domain).create(input);
      // Remembered once the case is filed: the customer is then known to be this domain's.
      deps.locales.remember(domain, input.customerId, { languageCode: input.languageCode, timeZone: input.timeZone });
      // Its staged files upload once it exists, one after the other, each with its own
      // transfer:progress; a failed upload does not undo the case.
      if (input.attachments.length > 0) {
        void deps.requireSession(domain).attachments.uploadAll(detail.name, input.attachments);
      }
      return detail;
    },
    'case:setPriority': ({ domain, name, priority }) => actions(domain).setPriority(name, priority),
    'case:close': ({ domain, name }) => actions(domain).close(name),
    'case:escalate': ({ domain, name, reason, justification }) => actions(domain).escalate(name, reason, justification),
    'case:comment': ({ domain, name, body }) => actions(domain).comment(name, body),
    'case:setSubscribers': ({ domain, name, emails }) => actions(domain).setSubscribers(name, emails),
  };
}
