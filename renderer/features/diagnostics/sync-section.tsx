import { useTranslation } from 'react-i18next';
import type { Diagnostics } from '../../../shared/model/diagnostics';
import { useFormat } from '../../i18n/use-format';
import { DiagnosticsSection } from './diagnostics-section';

/** The domain's recent health: its last sync pass and how much it asked of Google in the last hour. */
export function SyncSection({ diagnostics }: { diagnostics: Diagnostics }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { sync } = diagnostics;
  return (
    <DiagnosticsSection heading={t('diagnostics.sync.heading')} testId="diagnostics-sync">
      <dl className="diagnostics-facts">
        <dt>{t('diagnostics.sync.lastSync')}</dt>
        <dd>
          {sync.lastSyncedAt === null ? (
            t('diagnostics.sync.never')
          ) : (
            <time dateTime={sync.lastSyncedAt}>{format.dateTime(sync.lastSyncedAt)}</time>
          )}
        </dd>
        <dt>{t('diagnostics.sync.duration')}</dt>
        <dd>
          {sync.lastDurationMs === null
            ? '—'
            : t('diagnostics.outcome.duration', { ms: format.count(Math.round(sync.lastDurationMs)) })}
        </dd>
        <dt>{t('diagnostics.sync.state')}</dt>
        <dd data-sync-state={sync.state}>{t(`diagnostics.sync.states.${sync.state}`)}</dd>
        <dt>{t('diagnostics.sync.requestsLastHour')}</dt>
        <dd data-testid="diagnostics-requests">{format.count(diagnostics.requestsLastHour)}</dd>
      </dl>
    </DiagnosticsSection>
  );
}
