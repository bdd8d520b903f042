import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { AccountManager } from '../../accounts/account-manager';
import type { RequireSession } from './require-session';

export interface AccountHandlersDeps {
  accounts: Pick<AccountManager, 'list' | 'signIn' | 'cancelSignIn' | 'signOut' | 'reorder'>;
  requireSession: RequireSession;
}

export function accountHandlers({
  accounts,
  requireSession,
}: AccountHandlersDeps): Pick<
  InvokeHandlers,
  'accounts:list' | 'account:signIn' | 'account:cancelSignIn' | 'account:signOut' | 'accounts:reorder'
> {
  return {
    'accounts:list': async () => accounts.list(),
    'account:signIn': ({ domain, loginHint }) => accounts.signIn(domain, loginHint),
    'account:cancelSignIn': async () => ({ cancelled: accounts.cancelSignIn() }),
    'account:signOut': async ({ domain }) => {
      requireSession(domain);
      await accounts.signOut(domain);
      return {};
    },
    'accounts:reorder': async ({ domains }) => accounts.reorder(domains),
  };
}
