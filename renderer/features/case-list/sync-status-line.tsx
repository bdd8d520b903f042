import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/model/account';
import { useFormat } from '../../i18n/use-format';
import { useCoreLink, useStores } from '../../store/stores-context';
import { IconButton } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { Icon } from '../../ui/icon';
import { Spinner } from '../../ui/spinner';

/**
 * "Updated 2 min ago", "Refreshing…", "Offline — showing saved cases" (only while the
 * domain is offline), "Could not refresh: <cause>" on any other failure, or that the
 * app's core stopped (then nothing else here is true any more). Follows sync:status, so
 * it recovers with the first pass that goes through.
 */
export function SyncStatusLine({
  domain,
  status,
  syncedAt,
  now,
  errorShownAbove,
}: {
  domain: string;
  status: SyncStatus | undefined;
  syncedAt: string | null;
  now: number;
  /** The list or the banner already shows the error in full: say only that the cases are not fresh. */
  errorShownAbove: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const last = status?.lastSyncedAt ?? syncedAt;
  const coreLost = useCoreLink((s) => s.lost);

  let content;
  if (coreLost) {
    content = (
      <span className="sync-error">
        <Icon name="warning" size={14} /> {t('sync.coreLost')}
      </span>
    );
  } else if (status?.state === 'syncing') {
    content = <Spinner label={t('sync.syncing')} size={12} />;
  } else if (status?.state === 'offline') {
    content = (
      <span className="sync-offline">
        <Icon name="offline" size={14} /> {t('sync.offline')}
      </span>
    );
  } else if (status?.state === 'error' && status.error) {
    const text = describeError(t, status.error, { domain });
    const full = `${t('sync.couldNotRefresh', { cause: text.title })} ${text.remedy}`;
    // The banner or the list already says it in full: here only that the cases are not fresh.
    const short = [
      status.error.code === 'session_expired'
        ? t('sync.pausedForSignIn')
        : t('sync.couldNotRefresh', { cause: text.title }),
      last ? t('sync.updated', { when: format.relative(last, now) }) : null,
    ]
      .filter(Boolean)
      .join(' · ');
    content = (
      <span className="sync-error" title={full}>
        <Icon name="warning" size={14} /> {errorShownAbove ? short : full}
      </span>
    );
  } else {
    content = <span>{last ? t('sync.updated', { when: format.relative(last, now) }) : t('sync.never')}</span>;
  }

  return (
    <div
      className="sync-status"
      data-testid="sync-status"
      data-sync-state={coreLost ? 'core-lost' : (status?.state ?? 'unknown')}
    >
      <span role="status" className="sync-status-text">
        {content}
      </span>
      <IconButton
        icon="refresh"
        size="sm"
        label={t('sync.refreshNow')}
        disabled={status?.state === 'syncing' || coreLost}
        onClick={() => void stores.sync.getState().syncNow(domain)}
        data-testid="sync-now"
      />
    </div>
  );
}
