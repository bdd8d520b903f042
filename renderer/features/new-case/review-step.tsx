import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { parseSubscriberEmails } from '../../../shared/new-case/subscriber-list';
import { useFormat } from '../../i18n/use-format';
import { draftDescription, type NewCaseStep } from '../../store/new-case-store';
import { useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { describeError } from '../../ui/describe-error';
import { Icon } from '../../ui/icon';
import { categoryLabel } from '../case-list/case-labels';
import { languageOptions, timeZoneLabel } from './locale-options';
import { PiiHighlight } from './pii-highlight';
import { piiReport, scanFileName } from './pii-report';
import type { StepProps } from './step-props';
import { useDescriptionText } from './use-description-text';

const SUBMIT_REMEDY_CODES: ReadonlySet<string> = new Set(['quota', 'offline', 'session_expired']);

/** Everything as it will be sent, each part with a way back to its step; then what looks like personal data. */
export function ReviewStep({ draft }: StepProps) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const text = useDescriptionText();
  const description = draftDescription(draft, text);
  const fileNames = draft.attachments.map((f) => f.filename);
  const report = piiReport({ title: draft.title, description, fileNames }, draft.customer?.domain);
  const findingsOf = (field: 'title' | 'description') => report.find((r) => r.field === field)?.findings ?? [];
  const subscribers = parseSubscriberEmails(draft.subscribersText).emails;
  const language = languageOptions(i18n.language).find((o) => o.value === draft.languageCode)?.label;
  const edit = (step: NewCaseStep) => stores.newCase.getState().goTo(draft.domain, step);
  const error = draft.submitError ? describeError(t, draft.submitError, { domain: draft.domain }) : null;
  // A submit is never retried by itself: where the general remedy says otherwise, say what to do here.
  const remedy =
    draft.submitError && SUBMIT_REMEDY_CODES.has(draft.submitError.code)
      ? t(`newCase.submitRemedies.${draft.submitError.code}`, { domain: draft.domain })
      : error?.remedy;

  const row = (step: NewCaseStep, value: ReactNode) => (
    <div className="nc-review-row" key={step}>
      <dt>{t(`newCase.steps.${step}`)}</dt>
      <dd data-testid={`new-case-review-${step}`}>{value}</dd>
      <dd className="nc-review-edit">
        <Button
          variant="ghost"
          size="sm"
          onClick={() => edit(step)}
          aria-label={`${t('newCase.edit')} — ${t(`newCase.steps.${step}`)}`}
        >
          {t('newCase.edit')}
        </Button>
      </dd>
    </div>
  );

  return (
    <div className="form">
      <p className="muted">{t('newCase.review.intro')}</p>
      {error && draft.submitError && (
        <div
          className="error-state error-state-compact"
          role="alert"
          data-testid="new-case-submit-error"
          data-error-code={draft.submitError.code}
        >
          <Icon name={draft.submitError.code === 'offline' ? 'offline' : 'warning'} className="error-state-icon" />
          <div className="error-state-text">
            <p className="error-state-title">
              {t('newCase.review.submitFailed')} {error.title}
            </p>
            <p className="error-state-remedy">
              {remedy} {t('newCase.review.keptTyped')}
            </p>
          </div>
        </div>
      )}
      <section className="nc-pii" aria-labelledby="nc-pii-heading" data-testid="new-case-pii-review">
        <h4 id="nc-pii-heading" className="nc-subheading">
          {report.length > 0 && <Icon name="warning" className="nc-pii-icon" />}
          {t('newCase.review.piiHeading')}
        </h4>
        {report.length === 0 ? (
          <p className="muted">{t('newCase.review.piiNone')}</p>
        ) : (
          <>
            <p>{t('newCase.review.piiIntro')}</p>
            <ul className="nc-pii-list">
              {report.flatMap((field) =>
                [...new Set(field.findings.map((f) => f.kind))].map((kind) => (
                  <li key={`${field.field}-${kind}`} data-testid="new-case-pii-finding" data-kind={kind}>
                    {t(`newCase.pii.${kind}`)} —{' '}
                    {t('newCase.review.piiIn', {
                      field:
                        field.field === 'files'
                          ? t('newCase.review.fileNames')
                          : t(`newCase.steps.${field.field}`).toLowerCase(),
                    })}
                  </li>
                )),
              )}
            </ul>
          </>
        )}
      </section>
      <dl className="nc-review">
        {row(
          'customer',
          draft.customer
            ? `${draft.customer.organizationName || draft.customer.domain} (${draft.customer.domain})`
            : '',
        )}
        {row('product', t('newCase.product.workspace'))}
        {row('title', <PiiHighlight text={draft.title} findings={findingsOf('title')} />)}
        {row('category', draft.classification ? categoryLabel(draft.classification.displayName) : '')}
        {row(
          'description',
          <p className="nc-review-description">
            <PiiHighlight text={description} findings={findingsOf('description')} />
          </p>,
        )}
        {row(
          'attachments',
          draft.attachments.length === 0 ? (
            t('newCase.review.noAttachments')
          ) : (
            <ul className="nc-review-files">
              {draft.attachments.map((file) => (
                <li key={file.fileId}>
                  <PiiHighlight text={file.filename} findings={scanFileName(file.filename, draft.customer?.domain)} /> ·{' '}
                  <span className="muted">{format.bytes(file.sizeBytes)}</span>
                </li>
              ))}
            </ul>
          ),
        )}
        {row(
          'priority',
          draft.priority ? `${t(`priority.${draft.priority}`)} — ${t(`newCase.priority.${draft.priority}`)}` : '',
        )}
        {row('locale', `${language ?? draft.languageCode} · ${timeZoneLabel(draft.timeZone, i18n.language)}`)}
        {row('share', subscribers.length === 0 ? t('newCase.review.noSubscribers') : subscribers.join(', '))}
      </dl>
    </div>
  );
}
