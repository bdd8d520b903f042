import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ESCALATION_REASON_VALUES,
  MAX_COMMENT_CHARS,
  type EscalationReasonValue,
} from '../../../shared/model/case-actions';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';

/** The reason, in words, and a justification: what cases.escalate requires. */
export function EscalateDialog({
  busy,
  error,
  onSubmit,
  onClose,
}: {
  busy: boolean;
  /** The failure of the last attempt, said inside the dialog. */
  error: ReactNode;
  onSubmit: (reason: EscalationReasonValue, justification: string) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<EscalationReasonValue>('RESOLUTION_TIME');
  const [justification, setJustification] = useState('');
  const [tried, setTried] = useState(false);
  const formId = useId();
  const justificationId = useId();
  const hintId = useId();
  const errorId = useId();
  const missing = justification.trim() === '';
  return (
    <Dialog
      title={t('caseDetail.escalate.title')}
      description={t('caseDetail.escalate.description')}
      onClose={onClose}
      testId="escalate-dialog"
      width={520}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} disabled={busy} data-testid="confirm-escalate">
            {busy ? t('caseDetail.working') : t('caseDetail.escalate.confirm')}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          setTried(true);
          if (!missing) onSubmit(reason, justification);
        }}
      >
        <fieldset className="choice-list">
          <legend>{t('caseDetail.escalate.reason')}</legend>
          {ESCALATION_REASON_VALUES.map((value) => (
            <label key={value} className={reason === value ? 'choice is-selected' : 'choice'}>
              <input
                type="radio"
                name="reason"
                value={value}
                checked={reason === value}
                onChange={() => setReason(value)}
                autoFocus={value === 'RESOLUTION_TIME'}
              />
              <span className="choice-title">{t(`caseDetail.escalate.reasons.${value}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor={justificationId}>{t('caseDetail.escalate.justification')}</label>
          <p id={hintId} className="field-hint">
            {t('caseDetail.escalate.justificationHint')}
          </p>
          <textarea
            id={justificationId}
            className="input textarea"
            rows={5}
            maxLength={MAX_COMMENT_CHARS}
            value={justification}
            onChange={(event) => setJustification(event.target.value)}
            aria-describedby={tried && missing ? `${hintId} ${errorId}` : hintId}
            aria-invalid={tried && missing}
            data-testid="escalate-justification"
          />
          {tried && missing && (
            <p id={errorId} className="field-error">
              {t('caseDetail.escalate.justificationMissing')}
            </p>
          )}
        </div>
        {error}
      </form>
    </Dialog>
  );
}
