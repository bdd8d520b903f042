import './styles.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { createI18n } from './i18n/create-i18n';
import { resolveLanguage } from '../shared/i18n/resolve-language';
import { findBridge } from './ipc/bridge';
import { createPartnerDeskClient } from './ipc/partner-desk-client';
import { reportUncaughtFailures } from './ipc/renderer-log';
import { createAppStores } from './store/app-stores';
import { wireEvents } from './store/wire-events';

async function start(container: HTMLElement): Promise<void> {
  const bridge = findBridge();
  if (!bridge) {
    // Opened outside Partner Desk (no preload, no preview shim): nothing can work.
    const i18n = createI18n(resolveLanguage('system', navigator.language));
    container.textContent = i18n.t('startup.noBridge');
    return;
  }
  const client = createPartnerDeskClient(bridge);
  reportUncaughtFailures(window, client.log);
  const stores = createAppStores(client);
  wireEvents(stores);
  // Told once: what main posted before this window listened (a damaged file recovered at start).
  void stores.notices.getState().load();
  // A reload or a closing window sends what waits for the next frame now: the core commits it even if this page is gone.
  window.addEventListener('pagehide', () => stores.draftSaver.flushAll());
  await Promise.all([stores.settings.getState().load(), stores.accounts.getState().load()]);
  const { settings, appInfo } = stores.settings.getState();
  const i18n = createI18n(resolveLanguage(settings.language, appInfo?.systemLocale ?? navigator.language));
  document.documentElement.dataset.theme = settings.theme;
  createRoot(container).render(<App stores={stores} i18n={i18n} />);
}

const root = document.getElementById('root');
if (root) void start(root);
