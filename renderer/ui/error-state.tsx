import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../shared/app-error';
import { Button } from './button';
import { describeError } from './describe-error';
import { Icon } from './icon';

/** An error that says what happened and what to do, with the matching action when there is one. */
export function ErrorState({
  error,
  domain,
  onRetry,
  onSignIn,
  compact = false,
}: {
  error: AppErrorData;
  domain?: string;
  onRetry?: () => void;
  onSignIn?: () => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const text = describeError(t, error, { domain });
  const signIn = error.code === 'session_expired' && onSignIn;
  return (
    <div
      className={compact ? 'error-state error-state-compact' : 'error-state'}
      role="alert"
      data-testid="error-state"
      data-error-code={error.code}
    >
      <Icon
        name={error.code === 'offline' ? 'offline' : 'warning'}
        size={compact ? 16 : 22}
        className="error-state-icon"
      />
      <div className="error-state-text">
        <p className="error-state-title">{text.title}</p>
        <p className="error-state-remedy">{text.remedy}</p>
      </div>
      {(signIn || onRetry) && (
        <div className="error-state-actions">
          {signIn ? (
            <Button variant="primary" size="sm" onClick={onSignIn}>
              {t('accounts.signInAgain')}
            </Button>
          ) : (
            <Button size="sm" icon="refresh" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}
