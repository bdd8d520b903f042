import { useTranslation } from 'react-i18next';
import { useStores } from '../store/stores-context';
import { Button } from '../ui/button';
import { EmptyState } from '../ui/empty-state';

export function NoAccountsView() {
  const { t } = useTranslation();
  const stores = useStores();
  return (
    <div className="center-fill welcome">
      <EmptyState
        icon="users"
        title={t('welcome.title')}
        testId="no-accounts"
        actions={
          <Button variant="primary" icon="plus" onClick={() => stores.ui.getState().showDialog({ kind: 'add-domain' })}>
            {t('accounts.addDomain')}
          </Button>
        }
      >
        <p>{t('welcome.body')}</p>
        <p className="muted">{t('welcome.multiDomain')}</p>
      </EmptyState>
    </div>
  );
}
