import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isDomainName } from '../../../shared/model/domain-name';
import { useAccounts, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { ErrorState } from '../../ui/error-state';
import { SignInProgress } from './sign-in-progress';
import { useSignIn } from './use-sign-in';

export function AddDomainDialog({
  initialDomain = '',
  initialEmail = '',
}: {
  initialDomain?: string;
  initialEmail?: string;
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const flow = useAccounts((s) => s.signIn);
  const signIn = useSignIn();
  const [domain, setDomain] = useState(initialDomain);
  const [email, setEmail] = useState(initialEmail);
  const [invalid, setInvalid] = useState<string | null>(null);
  const domainId = useId();
  const emailId = useId();
  const errorId = useId();

  const waiting = flow.phase === 'waiting';
  // Opened from a "needs sign-in" banner: the domain is already a tab.
  const known = useAccounts((s) => s.accounts.some((a) => a.domain === initialDomain));
  const close = () => {
    if (waiting) void stores.accounts.getState().cancelSignIn();
    stores.accounts.getState().dismissSignInError();
    stores.ui.getState().closeDialog();
  };

  // The browser page was closed or lost: a new sign-in opens a new one (the core allows one at a time).
  const openAgain = async (signInDomain: string) => {
    await stores.accounts.getState().cancelSignIn();
    void signIn(signInDomain, email.trim() || undefined);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cleanDomain = domain.trim().toLowerCase();
    const cleanEmail = email.trim();
    // The contract's rule, checked here so an obvious typo is caught before the browser opens.
    if (!isDomainName(cleanDomain)) return setInvalid(t('accounts.invalidDomain'));
    if (cleanEmail && !cleanEmail.toLowerCase().endsWith(`@${cleanDomain}`)) {
      return setInvalid(t('accounts.emailNotInDomain', { domain: cleanDomain }));
    }
    setInvalid(null);
    void signIn(cleanDomain, cleanEmail || undefined);
  };

  return (
    <Dialog
      title={known ? t('accounts.signInAgainTitle', { domain: initialDomain }) : t('accounts.addTitle')}
      description={waiting ? undefined : t('accounts.addDescription')}
      onClose={close}
      testId="add-domain-dialog"
      footer={
        waiting ? (
          <Button onClick={close} data-testid="cancel-sign-in">
            {t('common.cancel')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('common.cancel')}</Button>
            <Button variant="primary" type="submit" form="add-domain-form" data-testid="add-domain-submit">
              {t('accounts.signInWithGoogle')}
            </Button>
          </>
        )
      }
    >
      {waiting ? (
        <SignInProgress domain={flow.domain} onOpenAgain={() => void openAgain(flow.domain)} />
      ) : (
        <form id="add-domain-form" className="form" onSubmit={submit} noValidate>
          <div className="field">
            <label htmlFor={domainId}>{t('accounts.domainLabel')}</label>
            <input
              id={domainId}
              className="input"
              value={domain}
              onChange={(e) => setDomain(e.target.value)}
              placeholder={t('accounts.domainPlaceholder')}
              autoFocus
              autoComplete="off"
              spellCheck={false}
              aria-invalid={invalid !== null}
              aria-describedby={invalid ? errorId : undefined}
              data-testid="add-domain-domain"
            />
          </div>
          <div className="field">
            <label htmlFor={emailId}>
              {t('accounts.emailLabel')} <span className="muted">{t('common.optional')}</span>
            </label>
            <input
              id={emailId}
              className="input"
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              placeholder={t('accounts.emailPlaceholder')}
              autoComplete="off"
              spellCheck={false}
              data-testid="add-domain-email"
            />
          </div>
          {invalid && (
            <p id={errorId} className="field-error" role="alert">
              {invalid}
            </p>
          )}
          {flow.phase === 'failed' && <ErrorState error={flow.error} domain={flow.domain} compact />}
        </form>
      )}
    </Dialog>
  );
}
