import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { parseSubscriberEmails } from '../../../shared/new-case/subscriber-list';
import { useStores } from '../../store/stores-context';
import type { StepProps } from './step-props';

/** « Partage de la demande »: users or groups kept informed by email (optional). */
export function ShareStep({ draft, problemId }: StepProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const id = useId();
  const hintId = useId();
  const { emails } = parseSubscriberEmails(draft.subscribersText);
  return (
    <div className="form">
      <div className="field">
        <label htmlFor={id}>{t('newCase.share.label')}</label>
        <textarea
          id={id}
          className="input nc-textarea"
          rows={3}
          value={draft.subscribersText}
          aria-invalid={problemId ? true : undefined}
          aria-describedby={[hintId, problemId].filter(Boolean).join(' ')}
          onChange={(e) => stores.newCase.getState().update(draft.domain, { subscribersText: e.target.value })}
          data-testid="new-case-subscribers"
        />
        <p id={hintId} className="muted nc-hint">
          {t('newCase.share.hint')}
        </p>
        {emails.length > 0 && (
          <ul className="nc-emails" aria-label={t('newCase.share.count', { n: emails.length })}>
            {emails.map((email) => (
              <li key={email} className="badge badge-neutral">
                {email}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
