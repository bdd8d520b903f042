import { useTranslation } from 'react-i18next';
import type { CapabilityProbe } from '../../../shared/model/diagnostics';
import { useFormat } from '../../i18n/use-format';
import { Badge } from '../../ui/badge';
import { Icon } from '../../ui/icon';
import { RemedyList } from './remedy-list';

/** Each capability the app needs, in probe order, with its outcome: ok, refused (Google's words), or not tried (why). */
export function CapabilityList({ probes, domain }: { probes: readonly CapabilityProbe[]; domain: string }) {
  return (
    <ul className="diagnostics-capabilities" data-testid="diagnostics-capabilities">
      {probes.map((probe) => (
        <CapabilityItem key={probe.capability} probe={probe} domain={domain} />
      ))}
    </ul>
  );
}

function CapabilityItem({ probe, domain }: { probe: CapabilityProbe; domain: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { outcome } = probe;
  const duration =
    probe.durationMs === null
      ? null
      : t('diagnostics.outcome.duration', { ms: format.count(Math.round(probe.durationMs)) });
  return (
    <li
      className={`diagnostics-capability is-${outcome.status}`}
      data-testid={`capability-${probe.capability}`}
      data-status={outcome.status}
    >
      <div className="diagnostics-capability-head">
        <Icon
          name={outcome.status === 'ok' ? 'check' : outcome.status === 'refused' ? 'warning' : 'info'}
          size={16}
          className="diagnostics-capability-icon"
        />
        <h4 className="diagnostics-capability-name">{t(`diagnostics.capabilities.names.${probe.capability}`)}</h4>
        <Badge tone={outcome.status === 'ok' ? 'success' : outcome.status === 'refused' ? 'danger' : 'neutral'}>
          {outcome.status === 'ok'
            ? t('diagnostics.outcome.ok')
            : outcome.status === 'refused'
              ? t('diagnostics.outcome.refused')
              : t('diagnostics.outcome.notTried')}
        </Badge>
        {duration && <span className="muted diagnostics-duration">{duration}</span>}
      </div>
      {probe.target !== undefined && (
        <dl className="diagnostics-facts diagnostics-target">
          <dt>{t('diagnostics.outcome.target')}</dt>
          <dd>
            <code>{probe.target}</code>
          </dd>
        </dl>
      )}
      {outcome.status === 'ok' && outcome.count !== undefined && (
        <p className="muted">{t('diagnostics.outcome.okCount', { count: format.count(outcome.count) })}</p>
      )}
      {outcome.status === 'not_tried' && <p className="muted">{t(`diagnostics.notTried.${outcome.reason}`)}</p>}
      {outcome.status === 'refused' && (
        <>
          <p className="diagnostics-google-status" data-testid="google-status">
            <code>
              {outcome.httpStatus === null
                ? t('diagnostics.outcome.noAnswer')
                : t('diagnostics.outcome.httpStatus', { status: outcome.httpStatus })}
            </code>{' '}
            <code>{outcome.googleStatus}</code>
          </p>
          <figure className="diagnostics-google-message">
            <figcaption className="muted">{t('diagnostics.outcome.googleMessage')}</figcaption>
            {/* Google writes its messages in English: a screen reader says them in English. */}
            <blockquote lang="en" data-testid="google-message">
              {outcome.message}
            </blockquote>
          </figure>
          <RemedyList remedies={outcome.remedies} domain={domain} />
        </>
      )}
    </li>
  );
}
