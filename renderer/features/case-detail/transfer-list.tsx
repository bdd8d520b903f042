import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { useStores, useTransfers } from '../../store/stores-context';
import { isFinished, type Transfer } from '../../store/transfers-store';
import { Button, IconButton } from '../../ui/button';
import { ActionError } from './action-error';

/** This case's uploads and downloads: a bar per file with cancel, then the outcome in words. */
export function TransferList({ domain, caseName }: { domain: string; caseName: string }) {
  const { t } = useTranslation();
  const stores = useStores();
  const transfers = useTransfers((s) => s.transfers);
  const mine = transfers.filter((tr) => tr.domain === domain && tr.caseName === caseName);
  if (mine.length === 0) return null;
  // Rows stay until dismissed (a saved path, a failure's reason); several finished ones go at once.
  const finished = mine.filter(isFinished).length;
  return (
    <>
      <ul className="transfers" aria-label={t('caseDetail.attachments.transfersLabel')} data-testid="transfers">
        {mine.map((transfer) => (
          <TransferRow key={transfer.transferId} transfer={transfer} domain={domain} />
        ))}
      </ul>
      {finished >= 2 && (
        <Button
          variant="ghost"
          onClick={() => stores.transfers.getState().clearFinished(domain, caseName)}
          data-testid="clear-finished-transfers"
        >
          {t('caseDetail.attachments.clearFinished')}
        </Button>
      )}
    </>
  );
}

function TransferRow({ transfer, domain }: { transfer: Transfer; domain: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const transfers = stores.transfers.getState();
  const percent = transfer.totalBytes > 0 ? Math.round((transfer.transferredBytes / transfer.totalBytes) * 100) : 0;
  const progressText = t('caseDetail.attachments.progressLabel', {
    filename: transfer.filename,
    done: format.bytes(transfer.transferredBytes),
    total: format.bytes(transfer.totalBytes),
  });
  const stateText =
    transfer.state === 'queued'
      ? t('caseDetail.attachments.states.queued')
      : transfer.state === 'running'
        ? t(`caseDetail.attachments.states.${transfer.direction === 'upload' ? 'uploading' : 'downloading'}`)
        : transfer.state === 'done'
          ? transfer.direction === 'upload'
            ? t('caseDetail.attachments.states.uploaded')
            : t('caseDetail.attachments.savedTo', { path: transfer.savedTo ?? '' })
          : t(`caseDetail.attachments.states.${transfer.state}`);

  return (
    <li
      className={`transfer is-${transfer.state}`}
      data-testid="transfer"
      data-direction={transfer.direction}
      data-state={transfer.state}
      data-filename={transfer.filename}
    >
      <div className="transfer-head">
        <span className="transfer-name" title={transfer.filename}>
          {transfer.filename}
        </span>
        <span className="transfer-state" data-testid="transfer-state">
          {stateText}
        </span>
        {!isFinished(transfer) ? (
          <IconButton
            icon="close"
            size="sm"
            label={t('caseDetail.attachments.cancel', { filename: transfer.filename })}
            onClick={() => void transfers.cancel(transfer.transferId)}
            data-testid="cancel-transfer"
          />
        ) : (
          <IconButton
            icon="close"
            size="sm"
            label={t('caseDetail.attachments.dismiss', { filename: transfer.filename })}
            onClick={() => transfers.dismiss(transfer.transferId)}
            data-testid="dismiss-transfer"
          />
        )}
      </div>
      {!isFinished(transfer) && (
        <div
          className="progress"
          role="progressbar"
          aria-label={transfer.filename}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={progressText}
        >
          <div className="progress-fill" style={{ width: `${percent}%` }} />
        </div>
      )}
      {transfer.state === 'failed' && transfer.error && (
        <>
          <ActionError what={transfer.filename} error={transfer.error} domain={domain} testId="transfer-error" />
          {transfer.fileId && (
            <Button size="sm" icon="refresh" onClick={() => transfers.retry(transfer.transferId)}>
              {t('caseDetail.attachments.retry')}
            </Button>
          )}
        </>
      )}
    </li>
  );
}
