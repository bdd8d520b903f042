import { AppError } from '../../../../shared/app-error';
import type { AccountManager } from '../../accounts/account-manager';
import type { DomainSession } from '../../domain/domain-session';

/** The session of a signed-in domain; every per-domain channel refuses other domains the same way. */
export type RequireSession = (domain: string) => DomainSession;

export function sessionRequirer(accounts: Pick<AccountManager, 'find'>): RequireSession {
  return (domain) => {
    const session = accounts.find(domain);
    if (!session) throw new AppError('not_found', `${domain} is not signed in to Partner Desk.`, { domain });
    return session;
  };
}
