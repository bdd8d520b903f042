import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';

/** The settings' Diagnostics section: each signed-in domain, opening its Diagnostics page. */
export function DiagnosticsSettingsSection() {
  const { t } = useTranslation();
  const stores = useStores();
  const domains = useAccounts((s) => s.accounts.map((account) => account.domain).join('\n'));
  const headingId = useId();
  const list = domains === '' ? [] : domains.split('\n');
  return (
    <section className="settings-pane" aria-labelledby={headingId} data-testid="diagnostics-settings">
      <h3 id={headingId} className="settings-pane-heading">
        {t('diagnostics.settingsHeading')}
      </h3>
      <p className="muted">{t('diagnostics.settingsIntro')}</p>
      {list.length === 0 ? (
        <p className="muted">{t('diagnostics.settingsNone')}</p>
      ) : (
        <ul className="diagnostics-domain-list">
          {list.map((domain) => (
            <li key={domain}>
              <span>{domain}</span>
              <Button
                size="sm"
                icon="activity"
                aria-label={t('diagnostics.settingsOpen', { domain })}
                onClick={() => stores.ui.getState().showDialog({ kind: 'diagnostics', domain })}
                data-testid={`open-diagnostics-${domain}`}
              >
                {t('diagnostics.open')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
