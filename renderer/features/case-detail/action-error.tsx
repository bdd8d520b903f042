import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/app-error';
import { IconButton } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { Icon } from '../../ui/icon';

/** A failed case action next to its control: what did not happen, why, and what to do. */
export function ActionError({
  what,
  error,
  domain,
  onDismiss,
  testId = 'action-error',
}: {
  /** What did not happen, e.g. "The case was not closed." */
  what: string;
  error: AppErrorData;
  domain: string;
  onDismiss?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const text = describeError(t, error, { domain });
  return (
    <div className="action-error" role="alert" data-testid={testId} data-error-code={error.code}>
      <Icon name={error.code === 'offline' ? 'offline' : 'warning'} size={16} className="action-error-icon" />
      <div className="action-error-text">
        <p className="action-error-title">{what}</p>
        <p>{text.title}</p>
        <p className="action-error-remedy">{text.remedy}</p>
      </div>
      {onDismiss && <IconButton icon="close" size="sm" label={t('common.close')} onClick={onDismiss} />}
    </div>
  );
}
