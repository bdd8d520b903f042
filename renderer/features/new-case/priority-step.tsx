import { useTranslation } from 'react-i18next';
import { PRIORITY_VALUES } from '../../../shared/model/case';
import { useStores } from '../../store/stores-context';
import type { StepProps } from './step-props';

/** « Sélectionnez un niveau de gravité »: each level with what it means, in plain words. */
export function PriorityStep({ draft, problemId }: StepProps) {
  const { t } = useTranslation();
  const stores = useStores();
  return (
    <fieldset className="nc-choices" aria-describedby={problemId}>
      <legend className="nc-legend">{t('newCase.priority.legend')}</legend>
      {PRIORITY_VALUES.map((priority) => (
        <label
          key={priority}
          className={draft.priority === priority ? 'nc-choice is-selected' : 'nc-choice'}
          data-testid={`new-case-priority-${priority}`}
        >
          <input
            type="radio"
            name="new-case-priority"
            value={priority}
            checked={draft.priority === priority}
            onChange={() => stores.newCase.getState().update(draft.domain, { priority })}
          />
          <span className="nc-choice-text">
            <span className="nc-choice-title">{t(`priority.${priority}`)}</span>
            <span className="nc-choice-sub">{t(`newCase.priority.${priority}`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
