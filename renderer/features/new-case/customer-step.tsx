import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/app-error';
import type { Customer } from '../../../shared/model/customer';
import { toErrorData } from '../../store/error-data';
import { useStores } from '../../store/stores-context';
import { ErrorState } from '../../ui/error-state';
import { Spinner } from '../../ui/spinner';
import type { StepProps } from './step-props';

/** A reseller may have a thousand customers: the search narrows, the list shows this many at most. */
const SHOWN_CUSTOMERS = 100;

function matches(customer: Customer, search: string): boolean {
  const needle = search.trim().toLowerCase();
  return (
    needle === '' ||
    customer.organizationName.toLowerCase().includes(needle) ||
    customer.domain.toLowerCase().includes(needle)
  );
}

/** « Créer une demande pour le compte de »: customers without reseller access are listed greyed, with the remedy. */
export function CustomerStep({ draft, problemId }: StepProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const { domain } = draft;
  const [all, setAll] = useState<readonly Customer[] | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [search, setSearch] = useState('');
  const searchId = useId();
  const reasonId = useId();
  const remedyId = useId();

  // Its own full list, searched here: the side pane's search must not narrow (or be reset by) this step.
  const fetchAll = useCallback(
    () => stores.client.invoke('customers:list', { domain }).then(setAll, (e: unknown) => setError(toErrorData(e))),
    [stores, domain],
  );
  useEffect(() => void fetchAll(), [fetchAll]);
  const retry = () => {
    setError(null);
    void fetchAll();
  };

  const shown = (all ?? []).filter((c) => matches(c, search)).slice(0, SHOWN_CUSTOMERS);
  const anyBlocked = shown.some((c) => c.access === 'not_granted');

  return (
    <div className="form">
      <p className="muted">{t('newCase.customer.intro')}</p>
      <div className="field">
        <label htmlFor={searchId}>{t('newCase.customer.search')}</label>
        <input
          id={searchId}
          className="input"
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="new-case-customer-search"
        />
      </div>
      {error && <ErrorState error={error} domain={domain} compact onRetry={retry} />}
      {!all && !error && <Spinner label={t('newCase.customer.loading')} />}
      {all && shown.length === 0 && <p className="muted">{t('newCase.customer.noMatch')}</p>}
      {shown.length > 0 && (
        <fieldset className="nc-choices nc-customers" aria-describedby={problemId}>
          <legend className="visually-hidden">{t('newCase.customer.listLabel')}</legend>
          {shown.map((customer) => {
            const blocked = customer.access === 'not_granted';
            const checked = draft.customer?.customerId === customer.customerId;
            return (
              <label
                key={customer.customerId}
                className={['nc-choice', blocked && 'is-disabled', checked && 'is-selected'].filter(Boolean).join(' ')}
                data-testid={`new-case-customer-${customer.customerId}`}
                data-access={customer.access}
              >
                <input
                  type="radio"
                  name="new-case-customer"
                  value={customer.customerId}
                  checked={checked}
                  disabled={blocked}
                  aria-describedby={blocked ? `${reasonId}-${customer.customerId} ${remedyId}` : undefined}
                  onChange={() => void stores.newCase.getState().selectCustomer(domain, customer)}
                />
                <span className="nc-choice-text">
                  <span className="nc-choice-title">{customer.organizationName || customer.domain}</span>
                  <span className="nc-choice-sub">
                    {customer.domain}
                    {customer.premiumSupport && ` · ${t('customers.premium')}`}
                  </span>
                  {blocked && (
                    <span id={`${reasonId}-${customer.customerId}`} className="nc-choice-reason">
                      {t('newCase.customer.noAccess')}
                    </span>
                  )}
                  {customer.access === 'unknown' && (
                    <span className="nc-choice-sub">{t('newCase.customer.accessUnknown')}</span>
                  )}
                </span>
              </label>
            );
          })}
        </fieldset>
      )}
      {anyBlocked && (
        <p id={remedyId} className="nc-remedy" data-testid="new-case-no-access-remedy">
          {t('newCase.customer.noAccessRemedy')}
        </p>
      )}
    </div>
  );
}
