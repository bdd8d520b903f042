import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account';
import type { CaseSummary } from '../../../shared/model/case';
import type { CaseSort } from '../../../shared/model/case-query';
import { useFormat } from '../../i18n/use-format';
import { isSettled, shownWindow } from '../../store/case-list-store';
import { useCaseLists, useCustomers, useStores, useSync, useUi } from '../../store/stores-context';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { Spinner } from '../../ui/spinner';
import { useDelayedFlag } from '../../ui/use-delayed-flag';
import { useNow } from '../../ui/use-now';
import { useSignIn } from '../accounts/use-sign-in';
import { DraftsButton } from '../drafts/drafts-button';
import { NewCaseButton } from '../new-case/new-case-button';
import { OutboxButton } from '../outbox/outbox-button';
import { CaseFilters } from './case-filters';
import { CaseTable } from './case-table';
import { SyncStatusLine } from './sync-status-line';
import { UnreadLegend } from './unread-legend';

/** A query answered sooner than this shows no spinner: most keystrokes answer well within it. */
const SEARCHING_HINT_DELAY_MS = 150;

export function CaseListView({ account }: { account: Account }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const signIn = useSignIn();
  const now = useNow();
  const { domain } = account;
  const view = useCaseLists((s) => s.lists[domain]);
  const status = useSync((s) => s.statuses[domain]);
  const openName = useUi((s) => s.openCase[domain] ?? null);
  // From every customer listed so far: a customer search that hides the selected one must not change what is said of it.
  const customer = useCustomers((s) => (view?.customerId ? s.lists[domain]?.seen[view.customerId] : undefined));

  useEffect(() => {
    void stores.caseLists.getState().open(domain);
    void stores.sync.getState().load(domain);
  }, [stores, domain]);

  const onRange = useCallback(
    (first: number, last: number) => stores.caseLists.getState().showRange(domain, first, last),
    [stores, domain],
  );
  const onOpen = useCallback((row: CaseSummary) => stores.ui.getState().openCaseIn(domain, row.name), [stores, domain]);
  const onClose = useCallback(() => stores.ui.getState().openCaseIn(domain, null), [stores, domain]);
  const onSort = useCallback(
    (key: CaseSort['key']) => stores.caseLists.getState().sortBy(domain, key),
    [stores, domain],
  );

  const queryWindow = shownWindow(view);
  const settled = view !== undefined && isSettled(view);
  const waiting = view !== undefined && view.currentKey !== view.shownKey && !view.error;
  const searching = useDelayedFlag(waiting, SEARCHING_HINT_DELAY_MS);
  const heading = view?.customerId ? (customer?.organizationName ?? t('cases.customerCases')) : t('customers.myCases');
  const filtered = view
    ? view.filters.keyword !== '' || view.filters.states.length > 0 || view.filters.priorities.length > 0
    : false;

  const noAccess = customer?.access === 'not_granted';
  // Signed in a moment ago: nothing saved yet, the first sync is running.
  const firstSync = status?.state === 'syncing' && !status.lastSyncedAt && !queryWindow?.syncedAt;
  // Nothing was ever fetched (first sync running, or it failed), or nothing can be (no reseller access): "0 cases" would be untrue.
  const countUnknown =
    queryWindow?.total === 0 &&
    (noAccess || firstSync || (status?.state === 'error' && !status.lastSyncedAt && !queryWindow.syncedAt));
  const customerLabel = customer ? customer.organizationName || customer.domain : '';
  let body;
  if (!view || !queryWindow) {
    body = view?.error ? (
      <ErrorState
        error={view.error}
        domain={domain}
        onRetry={() => stores.caseLists.getState().retry(domain)}
        onSignIn={() => void signIn(domain, account.email)}
      />
    ) : (
      <div className="center-fill">
        <Spinner label={t('cases.loading')} />
      </div>
    );
  } else if (queryWindow.total === 0 && !view.error && noAccess) {
    body = (
      <EmptyState icon="warning" title={t('customers.noAccessTitle', { customer: customerLabel })} testId="no-access">
        {t('customers.noAccessRemedy')}
      </EmptyState>
    );
  } else if (queryWindow.total === 0 && !view.error) {
    body = filtered ? (
      <EmptyState
        icon="search"
        title={t('cases.noMatchTitle')}
        testId="cases-empty"
        actions={<Button onClick={() => stores.caseLists.getState().clearFilters(domain)}>{t('filters.clear')}</Button>}
      >
        {t('cases.noMatchBody')}
      </EmptyState>
    ) : status?.state === 'error' && status.error ? (
      <ErrorState
        error={status.error}
        domain={domain}
        onRetry={() => void stores.sync.getState().syncNow(domain)}
        onSignIn={() => void signIn(domain, account.email)}
      />
    ) : firstSync ? (
      <div className="center-fill">
        <Spinner label={t('cases.firstSync')} />
      </div>
    ) : (
      <EmptyState title={t('cases.noneTitle')} testId="cases-empty">
        {status?.state === 'offline' ? t('cases.noneOffline') : t('cases.noneBody')}
      </EmptyState>
    );
  } else {
    body = (
      <>
        {view.error && (
          <ErrorState
            error={view.error}
            domain={domain}
            compact
            onRetry={() => stores.caseLists.getState().retry(domain)}
            onSignIn={() => void signIn(domain, account.email)}
          />
        )}
        <CaseTable
          queryWindow={queryWindow}
          sort={view.sort}
          openName={openName}
          now={now}
          onSort={onSort}
          onRange={onRange}
          onOpen={onOpen}
          onClose={onClose}
        />
      </>
    );
  }

  return (
    <section
      className="case-list"
      aria-labelledby={`case-list-heading-${domain}`}
      data-testid="case-list"
      data-settled={settled}
      data-query-key={settled ? view.currentKey : undefined}
    >
      <header className="case-list-header">
        <div className="case-list-title">
          <h1 id={`case-list-heading-${domain}`}>{heading}</h1>
          {queryWindow?.total !== null && queryWindow !== null && !countUnknown && (
            <span className="case-count" data-testid="case-count" aria-live="polite">
              {t(format.isSingular(queryWindow.total ?? 0) ? 'cases.countOne' : 'cases.countOther', {
                n: format.count(queryWindow.total ?? 0),
              })}
            </span>
          )}
          {searching && <Spinner size={12} />}
          <DraftsButton domain={domain} />
          <OutboxButton domain={domain} />
          <NewCaseButton domain={domain} customer={customer} />
        </div>
        {view && <CaseFilters domain={domain} filters={view.filters} />}
        <UnreadLegend domain={domain} queryWindow={queryWindow} />
      </header>
      {noAccess && queryWindow?.total !== 0 && (
        <Banner tone="warning" testId="no-access-banner">
          <strong>{t('customers.noAccessTitle', { customer: customerLabel })}</strong> {t('customers.noAccessRemedy')}
        </Banner>
      )}
      <div className="case-list-body">{body}</div>
      <SyncStatusLine
        domain={domain}
        status={status}
        syncedAt={queryWindow?.syncedAt ?? null}
        now={now}
        errorShownAbove={
          (queryWindow?.total === 0 && !filtered && status?.state === 'error') ||
          (account.status === 'needs_sign_in' && status?.error?.code === 'session_expired')
        }
      />
    </section>
  );
}
