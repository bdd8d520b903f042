import { useTranslation } from 'react-i18next';
import type { Diagnostics } from '../../../shared/model/diagnostics';
import { DiagnosticsSection } from './diagnostics-section';

/** Who is signed in where, against which backend and endpoints, with which OAuth scopes. */
export function AccountSection({ diagnostics }: { diagnostics: Diagnostics }) {
  const { t } = useTranslation();
  const endpoints = Object.entries(diagnostics.endpoints);
  return (
    <DiagnosticsSection heading={t('diagnostics.account.heading')} testId="diagnostics-account">
      <dl className="diagnostics-facts">
        <dt>{t('diagnostics.account.user')}</dt>
        <dd data-testid="diagnostics-user">{diagnostics.email}</dd>
        <dt>{t('diagnostics.account.domain')}</dt>
        <dd>{diagnostics.domain}</dd>
        <dt>{t('diagnostics.account.backend')}</dt>
        <dd data-testid="diagnostics-backend" data-backend={diagnostics.backend}>
          {diagnostics.backend === 'demo'
            ? t('diagnostics.account.backendDemo')
            : t('diagnostics.account.backendGoogle')}
        </dd>
        <dt>{t('diagnostics.account.endpoints')}</dt>
        <dd>
          <ul className="diagnostics-plain-list">
            {endpoints.map(([name, url]) => (
              <li key={name}>
                <span className="muted">{name}</span> <code>{url}</code>
              </li>
            ))}
          </ul>
        </dd>
        <dt>{t('diagnostics.account.scopes')}</dt>
        <dd>
          {diagnostics.scopes.length === 0 ? (
            <span className="muted">{t('diagnostics.account.noScopes')}</span>
          ) : (
            <ul className="diagnostics-plain-list" data-testid="diagnostics-scopes">
              {diagnostics.scopes.map((scope) => (
                <li key={scope}>
                  <code>{scope}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </dl>
    </DiagnosticsSection>
  );
}
