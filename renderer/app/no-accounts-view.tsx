import { useTranslation } from 'react-i18next';
import { DEMO_RESELLER_DOMAINS } from '../../shared/demo-domains';
import { useSettings, useStores } from '../store/stores-context';
import { Button } from '../ui/button';
import { EmptyState } from '../ui/empty-state';

export function NoAccountsView() {
  const { t } = useTranslation();
  const stores = useStores();
  const demo = useSettings((s) => s.appInfo?.backend === 'demo');
  const addDomain = (domain?: string) => stores.ui.getState().showDialog({ kind: 'add-domain', domain });
  return (
    <div className="center-fill welcome">
      <EmptyState
        icon="users"
        title={t('welcome.title')}
        testId="no-accounts"
        headingLevel={1}
        actions={
          <Button variant="primary" icon="plus" onClick={() => addDomain()}>
            {t('accounts.addDomain')}
          </Button>
        }
      >
        <p>{t('welcome.body')}</p>
        <p className="muted">{t('welcome.multiDomain')}</p>
        {demo && (
          <section className="welcome-demo" aria-labelledby="welcome-demo-title" data-testid="demo-domains">
            <h2 id="welcome-demo-title" className="welcome-demo-title">
              {t('welcome.demoTitle')}
            </h2>
            <p>{t('welcome.demoBody')}</p>
            <ul className="welcome-demo-list">
              {DEMO_RESELLER_DOMAINS.map((domain) => (
                <li key={domain}>
                  <Button size="sm" onClick={() => addDomain(domain)} data-testid={`demo-domain-${domain}`}>
                    {t('welcome.demoAdd', { domain })}
                  </Button>
                </li>
              ))}
            </ul>
          </section>
        )}
      </EmptyState>
    </div>
  );
}
