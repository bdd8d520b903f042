import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/app-error';
import { toErrorData } from '../../store/error-data';
import { forgetDomain } from '../../store/wire-events';
import { useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { ErrorState } from '../../ui/error-state';

export function SignOutDialog({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const close = () => stores.ui.getState().closeDialog();

  const confirm = async () => {
    setBusy(true);
    try {
      await stores.accounts.getState().signOut(domain);
      forgetDomain(stores, domain);
      close();
    } catch (failure) {
      setError(toErrorData(failure));
      setBusy(false);
    }
  };

  return (
    <Dialog
      title={t('accounts.signOutTitle', { domain })}
      description={t('accounts.signOutDescription')}
      onClose={close}
      testId="sign-out-dialog"
      footer={
        <>
          <Button onClick={close}>{t('common.cancel')}</Button>
          <Button variant="danger" onClick={() => void confirm()} disabled={busy} data-testid="confirm-sign-out">
            {t('accounts.signOut')}
          </Button>
        </>
      }
    >
      {error && <ErrorState error={error} domain={domain} compact />}
    </Dialog>
  );
}
