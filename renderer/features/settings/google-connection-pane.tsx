import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { GOOGLE_CLOUD_CREDENTIALS_URL } from '../../../shared/external-links';
import type { OAuthClientField } from '../../../shared/model/oauth-client';
import { useAccounts, useBackend, useSettings, useStores } from '../../store/stores-context';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { ErrorState } from '../../ui/error-state';

/**
 * The Google connection pane of the settings: the partner's own Desktop OAuth client (ID
 * and secret), or the demo backend. Saving restarts Partner Desk after a confirmation; the
 * secret is typed, never shown back; while the environment sets the client, read-only.
 */
export function GoogleConnectionPane() {
  const { t } = useTranslation();
  const stores = useStores();
  const config = useBackend((s) => s.config);
  const step = useBackend((s) => s.step);
  const error = useBackend((s) => s.error);
  const running = useSettings((s) => s.appInfo?.backend);
  const headingId = useId();
  const backend = stores.backend.getState();

  useEffect(() => {
    void stores.backend.getState().load();
  }, [stores]);

  const status =
    config?.kind === 'google'
      ? running === 'google'
        ? t('googleConnection.statusGoogle')
        : t('googleConnection.statusPending')
      : t('googleConnection.statusDemo');

  return (
    <section
      className="settings-pane google-connection-pane"
      aria-labelledby={headingId}
      data-testid="google-connection-pane"
    >
      <h3 id={headingId} className="settings-pane-heading">
        {t('googleConnection.title')}
      </h3>
      <p className="muted">{t('googleConnection.intro')}</p>
      <a
        className="link"
        href={GOOGLE_CLOUD_CREDENTIALS_URL}
        target="_blank"
        rel="noreferrer"
        data-testid="cloud-credentials-link"
      >
        {t('googleConnection.consoleLink')}
      </a>
      {config && <p data-testid="google-connection-status">{status}</p>}
      {config?.source === 'env' ? (
        <Banner tone="info" testId="google-connection-env">
          <p>
            <strong>{t('googleConnection.envTitle')}</strong> · <code>{config.clientId}</code>
          </p>
          <p>{t('googleConnection.envText')}</p>
          <p>{config.hasClientSecret ? t('googleConnection.envSecret') : t('googleConnection.envNoSecret')}</p>
        </Banner>
      ) : (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            backend.askToSave();
          }}
        >
          <ClientField field="clientId" />
          <ClientField field="clientSecret" secretSaved={config?.hasClientSecret === true} />
          {step === 'confirming' || step === 'saving' ? (
            <Confirmation />
          ) : step === 'restarting' ? (
            <p role="status" data-testid="google-connection-restarting">
              {t('googleConnection.restarting')}
            </p>
          ) : (
            <div className="google-connection-actions">
              <Button type="submit" variant="primary" data-testid="google-connection-save">
                {t('googleConnection.save')}
              </Button>
              {config?.kind === 'google' && (
                <Button onClick={() => backend.askToUseDemo()} data-testid="google-connection-use-demo">
                  {t('googleConnection.useDemo')}
                </Button>
              )}
            </div>
          )}
        </form>
      )}
      {error && <ErrorState error={error} compact />}
    </section>
  );
}

/** One field, labelled, with its hint and (after a refused save) its problem, what was typed kept as it is. */
function ClientField({ field, secretSaved = false }: { field: OAuthClientField; secretSaved?: boolean }) {
  const { t } = useTranslation();
  const stores = useStores();
  const value = useBackend((s) => s.typed[field]);
  const problem = useBackend((s) => s.problems[field]);
  const busy = useBackend((s) => s.step !== 'editing');
  const id = useId();
  const hintId = useId();
  const errorId = useId();
  const secret = field === 'clientSecret';
  const hint = secret
    ? `${secretSaved ? `${t('googleConnection.secretSaved')} ` : ''}${t('googleConnection.clientSecretHint')}`
    : t('googleConnection.clientIdHint');
  return (
    <div className="field">
      <label htmlFor={id}>{t(`googleConnection.${field}`)}</label>
      <input
        id={id}
        className="input"
        type={secret ? 'password' : 'text'}
        autoComplete="off"
        spellCheck={false}
        value={value}
        readOnly={busy}
        aria-invalid={problem !== undefined}
        aria-describedby={problem ? `${errorId} ${hintId}` : hintId}
        onChange={(e) => stores.backend.getState().type(field, e.target.value)}
        data-testid={`oauth-${field}`}
      />
      <p id={hintId} className="muted" data-testid={secret && secretSaved ? 'oauth-secret-saved' : undefined}>
        {hint}
      </p>
      {problem && (
        <p id={errorId} className="field-error" role="alert" data-testid={`oauth-${field}-error`}>
          {t(`googleConnection.problems.${field}.${problem}`)}
        </p>
      )}
    </div>
  );
}

/** What the restart does, said before it happens: the domains of the backend left are signed out. */
function Confirmation() {
  const { t } = useTranslation();
  const stores = useStores();
  const pending = useBackend((s) => s.pending);
  const step = useBackend((s) => s.step);
  const typedId = useBackend((s) => s.typed.clientId.trim());
  const config = useBackend((s) => s.config);
  const running = useSettings((s) => s.appInfo?.backend);
  const domains = useAccounts((s) => s.accounts).map((account) => account.domain);
  // The running client is the saved one: any change of either restarts at once.
  const leaving = pending === 'demo' ? running === 'google' : !(running === 'google' && config?.clientId === typedId);
  const signOut =
    leaving && domains.length > 0
      ? t(domains.length === 1 ? 'googleConnection.confirmSignOutOne' : 'googleConnection.confirmSignOutOther', {
          count: domains.length,
          domains: domains.join(', '),
        })
      : null;
  const saving = step === 'saving';
  return (
    <div className="google-connection-confirm" data-testid="google-connection-confirm">
      <Banner tone="warning">
        <p>{pending === 'demo' ? t('googleConnection.confirmDemo') : t('googleConnection.confirmClient')}</p>
        {signOut && <p>{signOut}</p>}
      </Banner>
      <div className="google-connection-actions">
        <Button
          variant="primary"
          onClick={() => void stores.backend.getState().confirm()}
          disabled={saving}
          data-testid="google-connection-confirm-restart"
        >
          {saving ? t('googleConnection.saving') : t('googleConnection.confirm')}
        </Button>
        <Button onClick={() => stores.backend.getState().cancel()} disabled={saving}>
          {t('common.cancel')}
        </Button>
      </div>
    </div>
  );
}
