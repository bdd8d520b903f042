import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { CaseLocaleStore } from '../../cases/case-locale-store';
import type { DomainSession } from '../../domain/domain-session';

export interface OutboxHandlersDeps {
  /** The session of a signed-in domain; refuses (not_found) a domain that is not. */
  requireSession(domain: string): Pick<DomainSession, 'outbox'>;
  locales: CaseLocaleStore;
}

/** Each domain's outbox, on the session of the domain the request names: no domain reaches another's items. */
export function outboxHandlers(
  deps: OutboxHandlersDeps,
): Pick<InvokeHandlers, 'outbox:list' | 'outbox:submit' | 'outbox:retry' | 'outbox:edit' | 'outbox:discard'> {
  const outbox = (domain: string) => deps.requireSession(domain).outbox;
  return {
    'outbox:list': async ({ domain }) => outbox(domain).list(),
    'outbox:submit': async ({ domain, draftId, submission }) => {
      const item = await outbox(domain).submit(draftId, submission);
      // Accepted (sent or queued): the customer is this domain's, its locale the one chosen.
      if (submission.kind === 'new_case') {
        const { customerId, languageCode, timeZone } = submission.newCase;
        deps.locales.remember(domain, customerId, { languageCode, timeZone });
      }
      return item;
    },
    'outbox:retry': ({ domain, id }) => outbox(domain).retryItem(id),
    'outbox:edit': async ({ domain, id }) => outbox(domain).edit(id),
    'outbox:discard': async ({ domain, id }) => {
      outbox(domain).discard(id);
      return {};
    },
  };
}
