import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/app-error';
import { useFormat } from '../../i18n/use-format';
import { toErrorData } from '../../store/error-data';
import { loadPendingWork, type PendingWork } from '../../store/pending-work';
import { forgetDomain } from '../../store/wire-events';
import { useStores } from '../../store/stores-context';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { ErrorState } from '../../ui/error-state';
import { pendingWorkText } from './pending-work-text';

/** Asks first, naming what unsent work (drafts, outbox) signing out would delete. */
export function SignOutDialog({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [work, setWork] = useState<PendingWork | null>(null);
  const close = () => stores.ui.getState().closeDialog();

  useEffect(() => {
    let current = true;
    void loadPendingWork(stores.client, domain).then((loaded) => {
      if (current) setWork(loaded);
    });
    return () => {
      current = false;
    };
  }, [stores.client, domain]);

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

  const loss = work && pendingWorkText(t, work, format.isSingular);
  return (
    <Dialog
      title={t('accounts.signOutTitle', { domain })}
      description={t('accounts.signOutDescription')}
      onClose={close}
      testId="sign-out-dialog"
      footer={
        <>
          <Button onClick={close}>{t('common.cancel')}</Button>
          {/* Not before the check answered: the user confirms knowing what is lost. */}
          <Button
            variant="danger"
            onClick={() => void confirm()}
            disabled={busy || !work}
            data-testid="confirm-sign-out"
          >
            {t('accounts.signOut')}
          </Button>
        </>
      }
    >
      {!work && <p data-testid="sign-out-checking">{t('accounts.signOutChecking')}</p>}
      {loss && (
        <Banner tone="warning" testId="sign-out-loss">
          {loss}
        </Banner>
      )}
      {error && <ErrorState error={error} domain={domain} compact />}
    </Dialog>
  );
}
