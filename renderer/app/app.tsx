import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { i18n } from 'i18next';
import { resolveLanguage } from '../../shared/i18n/resolve-language';
import type { AppStores } from '../store/app-stores';
import { StoresContext, useAccounts, useSettings, useStores } from '../store/stores-context';
import { ErrorState } from '../ui/error-state';
import { DialogHost } from './dialog-host';
import { DomainTabBar } from './domain-tab-bar';
import { DomainWorkspace } from './domain-workspace';
import { NoAccountsView } from './no-accounts-view';
import { useGlobalShortcuts } from './use-global-shortcuts';

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
  const { i18n } = useTranslation();
  const language = useSettings((s) => resolveLanguage(s.settings.language, s.appInfo?.systemLocale));
  const theme = useSettings((s) => s.settings.theme);
  const accounts = useAccounts((s) => s.accounts);
  const activeDomain = useAccounts((s) => s.activeDomain);
  const loadError = useAccounts((s) => s.loadError);
  const active = accounts.find((a) => a.domain === activeDomain);
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
      <DomainTabBar />
      {loadError ? (
        <div className="center-fill">
          <ErrorState error={loadError} onRetry={() => void stores.accounts.getState().load()} />
        </div>
      ) : active ? (
        <DomainWorkspace key={active.domain} account={active} />
      ) : (
        <NoAccountsView />
      )}
      <DialogHost />
    </div>
  );
}
