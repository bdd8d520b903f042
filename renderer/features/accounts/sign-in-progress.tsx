import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { Button } from '../../ui/button';
import { Spinner } from '../../ui/spinner';
import { useNow } from '../../ui/use-now';

/** How long the core waits for the browser to come back (its DEFAULT_SIGN_IN_TIMEOUT_MS; a test keeps them equal). */
export const SIGN_IN_WAIT_MS = 5 * 60_000;
/**
 * Choosing an account takes a few seconds; past this, the page was likely closed (or never
 * opened): the app cannot see a browser tab close, so it says how to open the page again.
 */
export const NO_ANSWER_HINT_AFTER_MS = 20_000;

export function SignInProgress({ domain, onOpenAgain }: { domain: string; onOpenAgain: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [startedAt] = useState(() => Date.now());
  const now = useNow(1000);
  const elapsed = now - startedAt;
  return (
    <div className="sign-in-progress" data-testid="sign-in-progress">
      <Spinner size={28} />
      <p className="sign-in-progress-title" role="status">
        {t('accounts.finishInBrowser')}
      </p>
      <p className="muted">{t('accounts.finishInBrowserHint', { domain })}</p>
      {elapsed >= NO_ANSWER_HINT_AFTER_MS && (
        <div className="sign-in-no-answer" role="status" data-testid="sign-in-no-answer">
          <p>{t('accounts.noAnswerYet')}</p>
          <Button size="sm" icon="refresh" onClick={onOpenAgain} data-testid="sign-in-open-again">
            {t('accounts.openAgain')}
          </Button>
        </div>
      )}
      <p className="muted sign-in-time-left">
        {t('accounts.waitLeft', { time: format.timeLeft(SIGN_IN_WAIT_MS - elapsed) })}
      </p>
    </div>
  );
}
