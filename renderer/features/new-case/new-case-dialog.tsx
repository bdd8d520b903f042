import { useEffect, useId, useRef, useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { parseSubscriberEmails } from '../../../shared/new-case/subscriber-list';
import {
  MAX_ATTACHMENTS,
  MAX_TITLE_CHARS,
  NEW_CASE_STEPS,
  stepProblem,
  type NewCaseStep,
} from '../../store/new-case-store';
import { useNewCase, useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';
import { AttachmentsStep } from './attachments-step';
import { CategoryStep } from './category-step';
import { CustomerStep } from './customer-step';
import { DescriptionStep } from './description-step';
import { LocaleStep } from './locale-step';
import { showFiledCase } from './open-new-case';
import { PriorityStep } from './priority-step';
import { ProductStep } from './product-step';
import { ReviewStep } from './review-step';
import { ShareStep } from './share-step';
import { StepIndicator } from './step-indicator';
import type { StepProps } from './step-props';
import { TitleStep } from './title-step';
import { useDescriptionText } from './use-description-text';

const STEP_VIEWS: Record<NewCaseStep, (props: StepProps) => JSX.Element> = {
  customer: CustomerStep,
  product: ProductStep,
  title: TitleStep,
  category: CategoryStep,
  description: DescriptionStep,
  attachments: AttachmentsStep,
  priority: PriorityStep,
  locale: LocaleStep,
  share: ShareStep,
  review: ReviewStep,
};

/**
 * The New case flow on behalf of a customer, one step at a time in a modal dialog. Each step
 * is a form (Enter moves on from a single-line field), its heading takes the focus when it
 * shows, and closing keeps the draft (the store's) until it is submitted or discarded.
 */
export function NewCaseDialog({ domain }: { domain: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  const draft = useNewCase((s) => s.drafts[domain]);
  const text = useDescriptionText();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const formId = useId();
  const headingId = useId();
  const problemId = useId();
  // The step where "Discard" was asked to be confirmed: moving on forgets the question.
  const [confirmAt, setConfirmAt] = useState<NewCaseStep | null>(null);
  const step = draft?.step;
  const confirmDiscard = step !== undefined && confirmAt === step;

  useEffect(() => {
    if (step) headingRef.current?.focus();
  }, [step]);

  const close = () => stores.ui.getState().closeDialog();
  if (!draft || !step) return null;

  const index = NEW_CASE_STEPS.indexOf(step);
  const isReview = step === 'review';
  const problem = draft.attempted.includes(step) ? stepProblem(draft, step) : null;
  const customerName = draft.customer ? draft.customer.organizationName || draft.customer.domain : null;
  const StepView = STEP_VIEWS[step];

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isReview) {
      stores.newCase.getState().next(domain);
      return;
    }
    const created = await stores.newCase.getState().submit(domain, text);
    // Queued: the outbox opens, saying the case waits there to be sent once online.
    if (created === 'queued') stores.ui.getState().showDialog({ kind: 'outbox', domain, queued: true });
    else if (created) showFiledCase(stores, domain, created);
  };

  const discard = () => {
    stores.newCase.getState().discard(domain);
    close();
  };

  return (
    <Dialog
      title={customerName ? t('newCase.titleFor', { customer: customerName }) : t('newCase.title')}
      onClose={close}
      width={820}
      testId="new-case-dialog"
      footer={
        <div className="nc-footer">
          <div className="nc-footer-start">
            {confirmDiscard ? (
              <span className="nc-discard-confirm" role="alert">
                {t('newCase.discardConfirm')}{' '}
                <Button size="sm" variant="danger" onClick={discard} data-testid="new-case-discard-confirm">
                  {t('newCase.discard')}
                </Button>{' '}
                <Button size="sm" onClick={() => setConfirmAt(null)}>
                  {t('common.cancel')}
                </Button>
              </span>
            ) : (
              <Button variant="ghost" onClick={() => setConfirmAt(step)} data-testid="new-case-discard">
                {t('newCase.discard')}
              </Button>
            )}
          </div>
          <Button
            onClick={() => stores.newCase.getState().back(domain)}
            disabled={index === 0}
            data-testid="new-case-back"
          >
            {t('newCase.back')}
          </Button>
          <Button
            variant="primary"
            type="submit"
            form={formId}
            disabled={draft.submitting}
            data-testid={isReview ? 'new-case-submit' : 'new-case-next'}
          >
            {isReview ? (draft.submitting ? t('newCase.submitting') : t('newCase.submit')) : t('newCase.next')}
          </Button>
        </div>
      }
    >
      <div className="nc-layout">
        <StepIndicator step={step} reachable={(s) => NEW_CASE_STEPS.indexOf(s) <= index} />
        <form
          id={formId}
          className="nc-step-body"
          aria-labelledby={headingId}
          onSubmit={(e) => void onSubmit(e)}
          noValidate
          data-testid={`new-case-step-${step}`}
          data-step={step}
        >
          <p className="nc-step-count muted">{t('newCase.stepOf', { n: index + 1, total: NEW_CASE_STEPS.length })}</p>
          <h3 id={headingId} ref={headingRef} tabIndex={-1} className="nc-step-heading">
            {t(`newCase.${step === 'title' ? 'titleStep' : step}.heading`)}
          </h3>
          <StepView draft={draft} problemId={problem ? problemId : undefined} />
          {problem && (
            <p id={problemId} className="field-error nc-problem" role="alert" data-testid="new-case-problem">
              {t(problem, {
                max: step === 'title' ? MAX_TITLE_CHARS : MAX_ATTACHMENTS,
                items: parseSubscriberEmails(draft.subscribersText).invalid.join(', '),
              })}
            </p>
          )}
          <p className="muted nc-hint nc-kept">{t('newCase.keptHint')}</p>
        </form>
      </div>
    </Dialog>
  );
}
