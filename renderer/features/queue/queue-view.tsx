import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueRow } from '../../../shared/model/attention-queue';
import { useFormat } from '../../i18n/use-format';
import { useQueue, useStores } from '../../store/stores-context';
import { Badge } from '../../ui/badge';
import { EmptyState } from '../../ui/empty-state';
import { ErrorState } from '../../ui/error-state';
import { Spinner } from '../../ui/spinner';
import { useNow } from '../../ui/use-now';
import { PRIORITY_TONE, STATE_TONE } from '../case-list/case-labels';
import { openQueueRow } from './open-queue-row';
import { waitingText } from './waiting-text';

export const QUEUE_TAB_ID = 'queue-tab';
export const QUEUE_PANEL_ID = 'queue-panel';

/**
 * The All-domains tab's panel: every signed-in domain's cases that need the team, merged
 * by the core (queue:query). A row opens in its own domain's tab, with that domain's session.
 */
export function QueueView() {
  const { t } = useTranslation();
  const stores = useStores();
  const format = useFormat();
  const now = useNow();
  const result = useQueue((s) => s.result);
  const loading = useQueue((s) => s.loading);
  const error = useQueue((s) => s.error);

  useEffect(() => {
    void stores.queue.getState().load();
  }, [stores]);

  const open = (row: QueueRow) => openQueueRow(stores, row);

  let body;
  if (error && !result) {
    body = <ErrorState error={error} onRetry={() => void stores.queue.getState().load()} />;
  } else if (!result) {
    body = (
      <div className="center-fill">
        <Spinner label={t('queue.loading')} />
      </div>
    );
  } else if (result.rows.length === 0) {
    body = (
      <EmptyState icon="inbox" title={t('queue.emptyTitle')} testId="queue-empty">
        {t('queue.emptyBody')}
      </EmptyState>
    );
  } else {
    body = (
      <div className="queue-table-frame">
        <table className="queue-table" aria-label={t('queue.tableLabel')} data-testid="queue-table">
          <thead>
            <tr>
              <th scope="col">{t('queue.columns.domain')}</th>
              <th scope="col">{t('queue.columns.customer')}</th>
              <th scope="col">{t('queue.columns.title')}</th>
              <th scope="col">{t('queue.columns.state')}</th>
              <th scope="col">{t('queue.columns.priority')}</th>
              <th scope="col">{t('queue.columns.waiting')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr
                key={`${row.domain} ${row.name}`}
                className={row.unread ? 'queue-row is-unread' : 'queue-row'}
                onClick={() => open(row)}
                data-testid="queue-row"
                data-domain={row.domain}
                data-case-name={row.name}
              >
                <td className="queue-domain">{row.domain}</td>
                <td>{row.customerName}</td>
                <th scope="row" className="queue-title">
                  {row.unread && (
                    <span className="unread-dot" title={t('queue.unread')}>
                      <span className="visually-hidden">{t('queue.unread')}</span>
                    </span>
                  )}
                  <button
                    type="button"
                    className="queue-open"
                    aria-label={t('queue.open', { title: row.title, domain: row.domain })}
                    onClick={(event) => {
                      event.stopPropagation();
                      open(row);
                    }}
                  >
                    {row.title}
                  </button>
                </th>
                <td>
                  <Badge tone={STATE_TONE[row.state]}>{t(`state.${row.state}`)}</Badge>
                </td>
                <td>
                  <Badge tone={PRIORITY_TONE[row.priority]}>{t(`priority.${row.priority}`)}</Badge>
                </td>
                <td className="queue-waiting" data-testid="queue-waiting">
                  {row.waiting ? (
                    <time dateTime={row.waiting.since} title={format.dateTime(row.waiting.since)}>
                      {waitingText(row.waiting, now, format.locale, t)}
                    </time>
                  ) : (
                    t('queue.waiting.none')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  }

  return (
    <section
      role="tabpanel"
      id={QUEUE_PANEL_ID}
      aria-labelledby={QUEUE_TAB_ID}
      className="queue-view"
      data-testid="queue-panel"
      data-settled={result !== null && !loading}
    >
      <header className="queue-header">
        <h1>{t('queue.title')}</h1>
        {result && (
          <span className="case-count" data-testid="queue-count" aria-live="polite">
            {t(format.isSingular(result.total) ? 'queue.countOne' : 'queue.countOther', {
              n: format.count(result.total),
            })}
            {result.total > result.rows.length &&
              ` ${t('queue.cut', { shown: format.count(result.rows.length), total: format.count(result.total) })}`}
          </span>
        )}
        {result && loading && <Spinner size={12} />}
      </header>
      {error && result && <ErrorState compact error={error} onRetry={() => void stores.queue.getState().load()} />}
      {body}
    </section>
  );
}
