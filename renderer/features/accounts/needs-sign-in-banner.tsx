import { useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account';
import { Banner } from '../../ui/banner';
import { Button } from '../../ui/button';
import { useSignIn } from './use-sign-in';

/** The domain's session died: its saved data stays visible, and one click signs it in again. */
export function NeedsSignInBanner({ account }: { account: Account }) {
  const { t } = useTranslation();
  const signIn = useSignIn();
  return (
    <Banner
      tone="warning"
      testId="needs-sign-in-banner"
      actions={
        <Button variant="primary" size="sm" onClick={() => void signIn(account.domain, account.email || undefined)}>
          {t('accounts.signInAgain')}
        </Button>
      }
    >
      <strong>{t('accounts.sessionExpiredTitle', { domain: account.domain })}</strong>{' '}
      {t('accounts.sessionExpiredBody')}
    </Banner>
  );
}
