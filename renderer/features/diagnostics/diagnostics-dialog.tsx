import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { EMPTY_DIAGNOSTICS_VIEW } from '../../store/diagnostics-store';
import { useAccounts, useDiagnostics, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { ErrorState } from '../../ui/error-state';
import { Spinner } from '../../ui/spinner';
import { AccountSection } from './account-section';
import { CapabilityList } from './capability-list';
import { CopyReportButton } from './copy-report-button';
import { RecentErrors } from './recent-errors';
import { SyncSection } from './sync-section';
import { DiagnosticsSection } from './diagnostics-section';

/**
 * One domain's Diagnostics page: runs diagnostics:run when it opens and on "Run again",
 * and shows everything the core found (account, capabilities with Google's refusals and
 * the seed's remedies, sync and traffic, the last API errors).
 */
export function DiagnosticsDialog({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  const format = useFormat();
  const view = useDiagnostics((s) => s.views[domain]) ?? EMPTY_DIAGNOSTICS_VIEW;
  const signedIn = useAccounts((s) => s.accounts.some((account) => account.domain === domain));
  const close = () => stores.ui.getState().closeDialog();
  const run = () => void stores.diagnostics.getState().run(domain);

  useEffect(() => {
    void stores.diagnostics.getState().run(domain);
  }, [stores, domain]);
  // A domain signed out meanwhile leaves nothing of itself on screen.
  useEffect(() => {
    if (!signedIn) stores.ui.getState().closeDialog();
  }, [signedIn, stores]);

  const { diagnostics, running, error } = view;
  return (
    <Dialog
      title={t('diagnostics.title', { domain })}
      description={t('diagnostics.intro')}
      onClose={close}
      testId="diagnostics-dialog"
      width={820}
      footer={<Button onClick={close}>{t('common.done')}</Button>}
    >
      <div
        className="diagnostics"
        aria-busy={running}
        data-testid="diagnostics"
        data-state={running ? 'running' : error ? 'error' : diagnostics ? 'done' : 'idle'}
      >
        <div className="diagnostics-toolbar">
          <Button icon="refresh" onClick={run} disabled={running} data-testid="diagnostics-run">
            {t('diagnostics.runAgain')}
          </Button>
          {diagnostics && !running && <CopyReportButton key={diagnostics.ranAt} diagnostics={diagnostics} />}
          <div className="diagnostics-toolbar-spacer" />
          {running ? (
            <Spinner label={t('diagnostics.running')} />
          ) : (
            diagnostics && (
              <span className="muted">{t('diagnostics.ranAt', { when: format.dateTime(diagnostics.ranAt) })}</span>
            )
          )}
        </div>
        {error && (
          <div className="diagnostics-failed">
            <p className="diagnostics-failed-title">{t('diagnostics.failed')}</p>
            <ErrorState error={error} domain={domain} onRetry={run} />
          </div>
        )}
        {diagnostics && (
          <>
            <AccountSection diagnostics={diagnostics} />
            <DiagnosticsSection heading={t('diagnostics.capabilities.heading')}>
              <CapabilityList probes={diagnostics.probes} domain={domain} />
            </DiagnosticsSection>
            <SyncSection diagnostics={diagnostics} />
            <RecentErrors errors={diagnostics.recentErrors} domain={domain} />
          </>
        )}
      </div>
    </Dialog>
  );
}
