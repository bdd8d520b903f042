import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { caseDetailKey } from '../../store/case-detail-store';
import { useCaseActions, useStores } from '../../store/stores-context';
import { checkSubscriber, type SubscriberProblem } from '../../store/subscriber-emails';
import { Button, IconButton } from '../../ui/button';
import { ActionError } from './action-error';

/** "Case sharing": the addresses Google emails the case's updates to; each change replaces the list. */
export function ShareEditor({
  domain,
  name,
  subscribers,
  editable,
}: {
  domain: string;
  name: string;
  subscribers: readonly string[];
  editable: boolean;
}) {
  const { t } = useTranslation();
  const stores = useStores();
  const key = caseDetailKey(domain, name);
  const busy = useCaseActions((s) => s.cases[key]?.busy ?? null);
  const failed = useCaseActions((s) => (s.cases[key]?.failed?.action === 'share' ? s.cases[key].failed : null));
  const [typed, setTyped] = useState('');
  const [problem, setProblem] = useState<SubscriberProblem | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const headingId = useId();
  const fieldId = useId();
  const problemId = useId();

  const save = async (emails: readonly string[]) => {
    const saved = await stores.caseActions.getState().setSubscribers(domain, name, emails);
    if (saved) setTyped('');
    // The removed address's button is gone: the field is the next place to work from.
    input.current?.focus();
  };
  const add = () => {
    const check = checkSubscriber(typed, subscribers);
    if (!check.ok) {
      setProblem(check.problem);
      input.current?.focus();
      return;
    }
    setProblem(null);
    void save([...subscribers, check.email]);
  };

  return (
    <section className="detail-section" aria-labelledby={headingId} data-testid="case-sharing">
      <h3 id={headingId}>{t('caseDetail.share.title')}</h3>
      <p className="muted">{t('caseDetail.share.description')}</p>
      {subscribers.length === 0 ? (
        <p className="muted">{t('caseDetail.share.nobody')}</p>
      ) : (
        <ul className="subscriber-list">
          {subscribers.map((email) => (
            <li key={email} className="subscriber" data-testid="subscriber">
              <span className="subscriber-email">{email}</span>
              {editable && (
                <IconButton
                  icon="close"
                  size="sm"
                  label={t('caseDetail.share.remove', { email })}
                  disabled={busy !== null}
                  onClick={() => void save(subscribers.filter((s) => s !== email))}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {editable ? (
        <form
          className="share-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            add();
          }}
        >
          <label htmlFor={fieldId} className="share-label">
            {t('caseDetail.share.emailLabel')}
          </label>
          <div className="share-row">
            <input
              id={fieldId}
              ref={input}
              type="email"
              className="input"
              value={typed}
              placeholder={t('caseDetail.share.emailPlaceholder')}
              onChange={(event) => {
                setTyped(event.target.value);
                setProblem(null);
              }}
              aria-invalid={problem !== null}
              aria-describedby={problem ? problemId : undefined}
              data-testid="share-email"
            />
            <Button type="submit" disabled={busy !== null} data-testid="share-add">
              {busy === 'share' ? t('caseDetail.working') : t('caseDetail.share.add')}
            </Button>
          </div>
          {problem && (
            <p id={problemId} className="field-error" data-testid="share-problem">
              {t(`caseDetail.share.problems.${problem}`)}
            </p>
          )}
        </form>
      ) : (
        <p className="muted">{t('caseDetail.share.closedHint')}</p>
      )}
      {failed && (
        <ActionError
          what={t('caseDetail.failedTitle.share')}
          error={failed.error}
          domain={domain}
          onDismiss={() => stores.caseActions.getState().dismissError(domain, name)}
        />
      )}
    </section>
  );
}
