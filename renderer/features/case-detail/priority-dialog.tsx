import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PRIORITY_VALUES, type Priority } from '../../../shared/model/case';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';

/** P0–P4, each with what it means for the customer; submits only a different priority. */
export function PriorityDialog({
  current,
  busy,
  error,
  onSubmit,
  onClose,
}: {
  current: Priority;
  busy: boolean;
  /** The failure of the last attempt, said inside the dialog. */
  error: ReactNode;
  onSubmit: (priority: Priority) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState<Priority>(current);
  const formId = useId();
  return (
    <Dialog
      title={t('caseDetail.priority.title')}
      description={t('caseDetail.priority.description')}
      onClose={onClose}
      testId="priority-dialog"
      width={520}
      footer={
        <>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button variant="primary" type="submit" form={formId} disabled={busy || chosen === current}>
            {busy ? t('caseDetail.working') : t('caseDetail.priority.save')}
          </Button>
        </>
      }
    >
      <form
        id={formId}
        onSubmit={(event) => {
          event.preventDefault();
          if (chosen !== current) onSubmit(chosen);
        }}
      >
        <fieldset className="choice-list">
          <legend className="visually-hidden">{t('caseDetail.priority.label')}</legend>
          {PRIORITY_VALUES.map((priority) => (
            <label key={priority} className={chosen === priority ? 'choice is-selected' : 'choice'}>
              <input
                type="radio"
                name="priority"
                value={priority}
                checked={chosen === priority}
                onChange={() => setChosen(priority)}
                autoFocus={priority === current}
              />
              <span className="choice-text">
                <span className="choice-title">{t(`priority.${priority}`)}</span>
                <span className="choice-hint">{t(`caseDetail.priority.meanings.${priority}`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        {error}
      </form>
    </Dialog>
  );
}
