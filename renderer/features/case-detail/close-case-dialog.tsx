import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/button';
import { Dialog } from '../../ui/dialog';

/** Closing is confirmed: it can be undone only by a message within 30 days. */
export function CloseCaseDialog({
  busy,
  error,
  onConfirm,
  onClose,
}: {
  busy: boolean;
  /** The failure of the last attempt, said inside the dialog. */
  error: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Dialog
      title={t('caseDetail.close.title')}
      description={t('caseDetail.close.description')}
      onClose={onClose}
      testId="close-case-dialog"
      footer={
        <>
          <Button onClick={onClose} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button variant="danger" onClick={onConfirm} disabled={busy} data-testid="confirm-close-case">
            {busy ? t('caseDetail.working') : t('caseDetail.close.confirm')}
          </Button>
        </>
      }
    >
      {error}
    </Dialog>
  );
}
