import { AppError } from '../../../../shared/app-error';
import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { DomainSession } from '../../domain/domain-session';

type DraftChannels =
  | 'drafts:list'
  | 'draft:save'
  | 'draft:discard'
  | 'draft:restore'
  | 'draft:duplicate'
  | 'draft:attach'
  | 'draft:detach';

export interface DraftHandlersDeps {
  /** The session of a signed-in domain; refuses (not_found) a domain that is not. */
  requireSession(domain: string): Pick<DomainSession, 'drafts'>;
  /** Every signed-in domain but this one: a draft id of one is refused on another. */
  otherSessions(domain: string): Iterable<Pick<DomainSession, 'drafts'>>;
}

/** Drafts, each on the database of the domain the request names. */
export function draftHandlers(deps: DraftHandlersDeps): Pick<InvokeHandlers, DraftChannels> {
  const drafts = (domain: string) => deps.requireSession(domain).drafts;
  return {
    'drafts:list': async ({ domain }) => drafts(domain).list(),
    'draft:save': async ({ domain, id, content }) => {
      const own = drafts(domain);
      // Each domain has its own database: without this, another domain's id would start a new draft here.
      if (!own.has(id)) {
        for (const other of deps.otherSessions(domain)) {
          if (other.drafts.has(id)) {
            throw new AppError('not_found', `Draft ${id} is not one of ${domain}'s.`, { reason: 'draft_not_found' });
          }
        }
      }
      return own.save(id, content);
    },
    'draft:discard': async ({ domain, id }) => {
      drafts(domain).discard(id);
      return {};
    },
    'draft:restore': async ({ domain, id }) => drafts(domain).restore(id),
    'draft:duplicate': async ({ domain, id }) => drafts(domain).duplicate(id),
    'draft:attach': ({ domain, id, fileId }) => drafts(domain).attach(id, fileId),
    'draft:detach': async ({ domain, id, fileId }) => {
      await drafts(domain).detach(id, fileId);
      return {};
    },
  };
}
