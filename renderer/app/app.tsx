import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import { resolveLanguage } from '../../shared/i18n/resolve-language';
import type { AppStores } from '../store/app-stores';
import { StoresContext, useAccounts, useCoreLink, useSettings, useStores } from '../store/stores-context';
import { NoticeStack } from '../features/notices/notice-stack';
import { Banner } from '../ui/banner';
import { ErrorState } from '../ui/error-state';
import { DialogHost } from './dialog-host';
import { DomainTabBar } from './domain-tab-bar';
import { DomainWorkspace } from './domain-workspace';
import { NoAccountsView } from './no-accounts-view';
import { SkipLink } from './skip-link';
import { useGlobalShortcuts } from './use-global-shortcuts';
import { QueueView } from '../features/queue/queue-view';

const MAIN_ID = 'main-content';

export function App({ stores, i18n }: { stores: AppStores; i18n: i18n }) {
  return (
    <StoresContext.Provider value={stores}>
      <I18nextProvider i18n={i18n}>
        <Shell />
      </I18nextProvider>
    </StoresContext.Provider>
  );
}

function Shell() {
  const stores = useStores();
  const { t, i18n } = useTranslation();
  const language = useSettings((s) => resolveLanguage(s.settings.language, s.appInfo?.systemLocale));
  const theme = useSettings((s) => s.settings.theme);
  const accounts = useAccounts((s) => s.accounts);
  const activeDomain = useAccounts((s) => s.activeDomain);
  const queueActive = useAccounts((s) => s.queueActive);
  const loadError = useAccounts((s) => s.loadError);
  const active = accounts.find((a) => a.domain === activeDomain);
  const coreLost = useCoreLink((s) => s.lost);
  useGlobalShortcuts(stores);

  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className="app">
      <SkipLink target={MAIN_ID} />
      {coreLost && (
        <Banner tone="warning" testId="core-lost">
          <strong>{t('errors.core_lost.title')}</strong> {t('errors.core_lost.remedy')}
        </Banner>
      )}
      <DomainTabBar />
      <NoticeStack />
      {/* The one main landmark: the tab's panel, the welcome screen, or why accounts could not load. */}
      <main id={MAIN_ID} className="app-main" tabIndex={-1}>
        {loadError ? (
          <div className="center-fill">
            <h1 className="visually-hidden">{t('shell.workspace')}</h1>
            <ErrorState error={loadError} onRetry={() => void stores.accounts.getState().load()} />
          </div>
        ) : queueActive && active ? (
          <QueueView />
        ) : active ? (
          <DomainWorkspace key={active.domain} account={active} />
        ) : (
          <NoAccountsView />
        )}
      </main>
      <DialogHost />
    </div>
  );
}
