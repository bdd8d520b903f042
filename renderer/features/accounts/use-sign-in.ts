import { useCallback } from 'react';
import { useStores } from '../../store/stores-context';

/** Starts a sign-in with the progress dialog open; the dialog closes once it succeeded. */
export function useSignIn() {
  const stores = useStores();
  return useCallback(
    async (domain: string, loginHint?: string) => {
      stores.ui.getState().showDialog({ kind: 'add-domain', domain, email: loginHint });
      const account = await stores.accounts.getState().startSignIn(domain, loginHint);
      if (account) stores.ui.getState().closeDialog();
      return account;
    },
    [stores],
  );
}
