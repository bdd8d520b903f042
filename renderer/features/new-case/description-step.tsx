import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { questionFamilyOf, questionKeysOf } from '../../../shared/new-case/guided-questions';
import { PII_KINDS } from '../../../shared/pii/finding';
import { useStores } from '../../store/stores-context';
import { Banner } from '../../ui/banner';
import { piiReport } from './pii-report';
import type { StepProps } from './step-props';
import { useDescriptionText } from './use-description-text';
import { draftDescription } from '../../store/new-case-store';

/**
 * « Description de la demande : examinez les informations et répondez aux questions posées »,
 * under the seed's warning about personal data. What looks like it is named as it is typed.
 */
export function DescriptionStep({ draft, problemId }: StepProps) {
  const { t } = useTranslation();
  const stores = useStores();
  const text = useDescriptionText();
  const detailsId = useId();
  const hintId = useId();
  const questionsId = useId();
  const family = questionFamilyOf(draft.classification?.displayName ?? '');
  const found = piiReport(
    { title: draft.title, description: draftDescription(draft, text), fileNames: [] },
    draft.customer?.domain,
  ).flatMap((field) => field.findings);
  const kinds = PII_KINDS.filter((kind) => found.some((f) => f.kind === kind));

  return (
    <div className="form">
      <Banner tone="warning" testId="new-case-pii-warning">
        {t('newCase.description.piiWarning')}
      </Banner>
      <div className="field">
        <label htmlFor={detailsId}>{t('newCase.description.detailsLabel')}</label>
        <textarea
          id={detailsId}
          className="input nc-textarea"
          rows={5}
          value={draft.details}
          required
          aria-invalid={problemId ? true : undefined}
          aria-describedby={[hintId, problemId].filter(Boolean).join(' ')}
          onChange={(e) => stores.newCase.getState().update(draft.domain, { details: e.target.value })}
          data-testid="new-case-details"
        />
        <p id={hintId} className="muted nc-hint">
          {t('newCase.description.detailsHint')}
        </p>
      </div>
      <section className="nc-questions" aria-labelledby={questionsId} data-family={family}>
        <h4 id={questionsId} className="nc-subheading">
          {t('newCase.description.questionsHeading')}
        </h4>
        <p className="muted nc-hint">{t('newCase.description.questionsHint')}</p>
        {questionKeysOf(family).map((key) => (
          <div className="field" key={key}>
            <label htmlFor={`${questionsId}-${key}`}>{t(key)}</label>
            <textarea
              id={`${questionsId}-${key}`}
              className="input nc-textarea nc-answer"
              rows={2}
              value={draft.answers[key] ?? ''}
              onChange={(e) => stores.newCase.getState().setAnswer(draft.domain, key, e.target.value)}
              data-testid="new-case-answer"
            />
          </div>
        ))}
      </section>
      {kinds.length > 0 && (
        <p className="nc-pii-live" role="status" data-testid="new-case-pii-live">
          {t('newCase.description.piiFound', { items: kinds.map((kind) => t(`newCase.pii.${kind}`)).join(', ') })}
        </p>
      )}
    </div>
  );
}
