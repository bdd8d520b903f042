import { useTranslation } from 'react-i18next';
import { Spinner } from '../../ui/spinner';

export function SignInProgress({ domain }: { domain: string }) {
  const { t } = useTranslation();
  return (
    <div className="sign-in-progress" data-testid="sign-in-progress">
      <Spinner size={28} />
      <p className="sign-in-progress-title" role="status">
        {t('accounts.finishInBrowser')}
      </p>
      <p className="muted">{t('accounts.finishInBrowserHint', { domain })}</p>
    </div>
  );
}
