import { useTranslation } from 'react-i18next';
import type { SyncStatus } from '../../../shared/model/account';
import { useFormat } from '../../i18n/use-format';
import { useStores } from '../../store/stores-context';
import { IconButton } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { Icon } from '../../ui/icon';
import { Spinner } from '../../ui/spinner';

/** "Updated 2 min ago", "Refreshing…", "Offline — showing saved cases", or the error and its remedy. */
export function SyncStatusLine({
  domain,
  status,
  syncedAt,
  now,
  remedyShownAbove,
}: {
  domain: string;
  status: SyncStatus | undefined;
  syncedAt: string | null;
  now: number;
  /** The list already shows the error in full: say only what happened here. */
  remedyShownAbove: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const last = status?.lastSyncedAt ?? syncedAt;

  let content;
  if (status?.state === 'syncing') {
    content = <Spinner label={t('sync.syncing')} size={12} />;
  } else if (status?.state === 'offline') {
    content = (
      <span className="sync-offline">
        <Icon name="offline" size={14} /> {t('sync.offline')}
      </span>
    );
  } else if (status?.state === 'error' && status.error) {
    const text = describeError(t, status.error, { domain });
    content = (
      <span className="sync-error" title={text.remedy}>
        <Icon name="warning" size={14} /> {remedyShownAbove ? text.title : `${text.title} — ${text.remedy}`}
      </span>
    );
  } else {
    content = <span>{last ? t('sync.updated', { when: format.relative(last, now) }) : t('sync.never')}</span>;
  }

  return (
    <div className="sync-status" data-testid="sync-status" data-sync-state={status?.state ?? 'unknown'}>
      <span role="status" className="sync-status-text">
        {content}
      </span>
      <IconButton
        icon="refresh"
        size="sm"
        label={t('sync.refreshNow')}
        disabled={status?.state === 'syncing'}
        onClick={() => void stores.sync.getState().syncNow(domain)}
        data-testid="sync-now"
      />
    </div>
  );
}
