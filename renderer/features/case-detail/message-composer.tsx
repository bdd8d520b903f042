import { useId, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_MESSAGE_CHARS } from '../../../shared/model/outbox';
import { useFormat } from '../../i18n/use-format';
import { caseDetailKey } from '../../store/case-detail-store';
import { useCaseActions, useSettings, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { ActionError } from './action-error';

/**
 * The message to support under the history. Ctrl/Cmd+Enter sends. The text lives in the
 * store: it survives leaving the case and a failed send, and is cleared only once sent.
 * On a closed case within the reopen window, sending reopens it.
 */
export function MessageComposer({ domain, name, reopens }: { domain: string; name: string; reopens: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const key = caseDetailKey(domain, name);
  const text = useCaseActions((s) => s.drafts[key] ?? '');
  const busy = useCaseActions((s) => s.cases[key]?.busy ?? null);
  const failed = useCaseActions((s) => {
    const f = s.cases[key]?.failed;
    return f && (f.action === 'message' || f.action === 'reopen') ? f : null;
  });
  const modifier = useSettings((s) => (s.appInfo?.platform === 'darwin' ? '⌘' : 'Ctrl'));
  const fieldId = useId();
  const counterId = useId();
  const hintId = useId();
  const area = useRef<HTMLTextAreaElement>(null);

  const over = text.length - MAX_MESSAGE_CHARS;
  const canSend = text.trim() !== '' && over <= 0 && busy === null;

  const send = async () => {
    if (!canSend) return;
    const sent = await stores.caseActions.getState().sendMessage(domain, name, text, reopens);
    if (sent) area.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void send();
    }
  };

  return (
    <form
      className="composer"
      data-testid="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label htmlFor={fieldId} className="composer-label">
        {reopens ? t('caseDetail.composer.reopenLabel') : t('caseDetail.composer.label')}
      </label>
      <textarea
        id={fieldId}
        ref={area}
        className="input textarea"
        rows={4}
        value={text}
        placeholder={t('caseDetail.composer.placeholder')}
        onChange={(event) => stores.caseActions.getState().setDraft(domain, name, event.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={over > 0}
        aria-describedby={`${counterId} ${hintId}`}
        data-testid="composer-text"
      />
      <div className="composer-footer">
        <span id={counterId} className={over > 0 ? 'composer-counter is-over' : 'composer-counter'}>
          {over > 0
            ? t('caseDetail.composer.tooLong', { over: format.count(over) })
            : t('caseDetail.composer.counter', {
                count: format.count(text.length),
                max: format.count(MAX_MESSAGE_CHARS),
              })}
        </span>
        <span id={hintId} className="composer-hint">
          {t('caseDetail.composer.shortcut', { modifier })}
        </span>
        <Button
          type="submit"
          variant="primary"
          size="sm"
          disabled={!canSend}
          aria-busy={busy === 'message' || busy === 'reopen'}
          data-testid="composer-send"
        >
          {busy === 'message' || busy === 'reopen'
            ? t('caseDetail.working')
            : reopens
              ? t('caseDetail.composer.sendAndReopen')
              : t('caseDetail.composer.send')}
        </Button>
      </div>
      {failed && (
        <ActionError
          what={t(`caseDetail.failedTitle.${failed.action}`)}
          error={failed.error}
          domain={domain}
          onDismiss={() => stores.caseActions.getState().dismissError(domain, name)}
        />
      )}
    </form>
  );
}
