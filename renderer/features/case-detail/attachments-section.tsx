import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppErrorData } from '../../../shared/app-error';
import type { CaseDetail } from '../../../shared/model/case';
import { useFormat } from '../../i18n/use-format';
import { toErrorData } from '../../store/error-data';
import { useStores } from '../../store/stores-context';
import { Button } from '../../ui/button';
import { ActionError } from './action-error';
import { AttachmentList } from './attachment-list';
import { TransferList } from './transfer-list';

/** "Attachments": the case's files (download), "Attach files" through main's native dialog, and the transfers. */
export function AttachmentsSection({
  domain,
  detail,
  canAttach,
}: {
  domain: string;
  detail: CaseDetail;
  canAttach: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const headingId = useId();
  const [picking, setPicking] = useState(false);
  const [pickError, setPickError] = useState<AppErrorData | null>(null);

  const pick = async () => {
    setPicking(true);
    setPickError(null);
    try {
      const files = await stores.client.invoke('files:pick', {});
      if (files.length > 0) stores.transfers.getState().enqueueUploads(domain, detail.name, files);
    } catch (error) {
      setPickError(toErrorData(error));
    } finally {
      setPicking(false);
    }
  };

  return (
    <section className="detail-section" aria-labelledby={headingId} data-testid="attachments-section">
      <div className="detail-section-head">
        <h3 id={headingId}>
          {t('case.attachments')} <span className="muted">{format.count(detail.attachments.length)}</span>
        </h3>
        {canAttach && (
          <Button size="sm" icon="paperclip" onClick={() => void pick()} disabled={picking} data-testid="attach-files">
            {t('caseDetail.attachments.attach')}
          </Button>
        )}
      </div>
      {!canAttach && <p className="muted">{t('caseDetail.attachments.closedHint')}</p>}
      {pickError && (
        <ActionError
          what={t('caseDetail.attachments.attach')}
          error={pickError}
          domain={domain}
          onDismiss={() => setPickError(null)}
        />
      )}
      <TransferList domain={domain} caseName={detail.name} />
      <AttachmentList
        attachments={detail.attachments}
        onDownload={(attachment) => void stores.transfers.getState().download(domain, detail.name, attachment)}
      />
    </section>
  );
}
