import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_TITLE_CHARS } from '../../store/new-case-store';
import { useStores } from '../../store/stores-context';
import type { StepProps } from './step-props';

export function TitleStep({ draft, problemId }: StepProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const id = useId();
  const hintId = useId();
  return (
    <div className="form">
      <div className="field">
        <label htmlFor={id}>{t('newCase.titleStep.label')}</label>
        <input
          id={id}
          className="input"
          value={draft.title}
          maxLength={MAX_TITLE_CHARS}
          required
          aria-invalid={problemId ? true : undefined}
          aria-describedby={[hintId, problemId].filter(Boolean).join(' ')}
          onChange={(e) => stores.newCase.getState().update(draft.domain, { title: e.target.value })}
          data-testid="new-case-title"
        />
        <p id={hintId} className="muted nc-hint">
          {t('newCase.titleStep.hint')}
        </p>
      </div>
    </div>
  );
}
