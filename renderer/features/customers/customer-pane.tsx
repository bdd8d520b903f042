import { useCallback, useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account';
import { useCaseLists, useCustomers, useStores, useSync } from '../../store/stores-context';
import { IconButton } from '../../ui/button';
import { ErrorState } from '../../ui/error-state';
import { Icon } from '../../ui/icon';
import { Spinner } from '../../ui/spinner';
import { useSignIn } from '../accounts/use-sign-in';
import { CustomerList } from './customer-list';

/** The left pane: "My cases", then the domain's customers (searchable), then who is signed in. */
export function CustomerPane({ account }: { account: Account }) {
  const { t } = useTranslation();
  const stores = useStores();
  const { domain } = account;
  const scope = useCaseLists((s) => s.lists[domain]?.customerId);
  const list = useCustomers((s) => s.lists[domain]);
  const syncError = useSync((s) => s.statuses[domain]?.error);
  // Signed in a moment ago: the first sync is still listing the customers.
  const firstSync = useSync((s) => s.statuses[domain]?.state === 'syncing' && !s.statuses[domain]?.lastSyncedAt);
  const signIn = useSignIn();
  const searchId = useId();

  useEffect(() => {
    if (!stores.customers.getState().lists[domain]) void stores.customers.getState().load(domain);
  }, [stores, domain]);

  const select = useCallback(
    (customerId: string | undefined) => {
      stores.caseLists.getState().setScope(domain, customerId);
      stores.ui.getState().openCaseIn(domain, null);
    },
    [stores, domain],
  );

  return (
    <nav className="side-pane" aria-label={t('customers.paneLabel')} data-testid="customer-pane">
      <div className="side-section">
        <button
          type="button"
          className="side-item"
          aria-current={scope === undefined ? 'page' : undefined}
          onClick={() => select(undefined)}
          data-testid="my-cases"
        >
          <Icon name="inbox" />
          <span className="side-item-label">{t('customers.myCases')}</span>
        </button>
      </div>
      <div className="side-section side-section-grow">
        <h2 className="side-heading">{t('customers.myCustomers')}</h2>
        <div className="side-search">
          <Icon name="search" size={14} className="side-search-icon" />
          <label htmlFor={searchId} className="visually-hidden">
            {t('customers.search')}
          </label>
          <input
            id={searchId}
            className="input input-sm"
            type="search"
            placeholder={t('customers.search')}
            value={list?.search ?? ''}
            onChange={(e) => void stores.customers.getState().load(domain, e.target.value)}
            data-testid="customer-search"
          />
        </div>
        {list?.error && (
          <ErrorState
            error={list.error}
            domain={domain}
            compact
            onRetry={() => void stores.customers.getState().load(domain)}
          />
        )}
        {!list?.customers && !list?.error && <Spinner label={t('common.loading')} />}
        {list?.customers?.length === 0 &&
          (list.search ? (
            <p className="side-empty">{t('customers.noMatch')}</p>
          ) : syncError ? (
            // Nothing saved and the sync failed (e.g. a missing privilege): say why, not "no customers".
            <div className="side-error" data-testid="customers-error">
              <p className="side-empty">{t('customers.noneBecauseError')}</p>
              <ErrorState
                error={syncError}
                domain={domain}
                compact
                onRetry={() => void stores.sync.getState().syncNow(domain)}
                onSignIn={() => void signIn(domain, account.email)}
              />
            </div>
          ) : firstSync ? (
            <Spinner label={t('common.loading')} />
          ) : (
            <p className="side-empty">{t('customers.none')}</p>
          ))}
        {list?.customers && list.customers.length > 0 && (
          <CustomerList domain={domain} customers={list.customers} selectedId={scope} onSelect={select} />
        )}
      </div>
      <div className="side-account">
        <div className="side-account-text">
          <span className="side-account-name">{account.displayName || account.email}</span>
          <span className="side-account-email">{account.email}</span>
        </div>
        <IconButton
          icon="logOut"
          label={t('accounts.signOutOf', { domain })}
          onClick={() => stores.ui.getState().showDialog({ kind: 'sign-out', domain })}
          data-testid="sign-out"
        />
      </div>
    </nav>
  );
}
