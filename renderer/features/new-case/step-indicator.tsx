import { useTranslation } from 'react-i18next';
import { NEW_CASE_STEPS, type NewCaseStep } from '../../store/new-case-store';
import { Icon } from '../../ui/icon';

/** The portal's steps as a list, the current one marked aria-current="step", the done ones checked. */
export function StepIndicator({ step, reachable }: { step: NewCaseStep; reachable: (step: NewCaseStep) => boolean }) {
  const { t } = useTranslation();
  const current = NEW_CASE_STEPS.indexOf(step);
  return (
    <nav aria-label={t('newCase.stepsLabel')} className="nc-steps-nav">
      <ol className="nc-steps" data-testid="new-case-steps">
        {NEW_CASE_STEPS.map((s, index) => (
          <li
            key={s}
            className={[
              'nc-step',
              index === current && 'is-current',
              index < current && 'is-done',
              !reachable(s) && 'is-todo',
            ]
              .filter(Boolean)
              .join(' ')}
            aria-current={index === current ? 'step' : undefined}
          >
            <span className="nc-step-number" aria-hidden="true">
              {index < current ? <Icon name="check" size={12} /> : index + 1}
            </span>
            <span className="nc-step-label">{t(`newCase.steps.${s}`)}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
