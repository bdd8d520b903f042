import { useTranslation } from 'react-i18next';
import type { CaseAttachment } from '../../../shared/model/case';
import { useFormat } from '../../i18n/use-format';
import { IconButton } from '../../ui/button';
import { Icon } from '../../ui/icon';

/** The case's attachments, each downloadable; no delete: only support can delete one (said once, below the list). */
export function AttachmentList({
  attachments,
  onDownload,
}: {
  attachments: readonly CaseAttachment[];
  onDownload: (attachment: CaseAttachment) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (attachments.length === 0) return <p className="muted">{t('case.noAttachments')}</p>;
  return (
    <>
      <ul className="attachments" data-testid="case-attachments">
        {attachments.map((attachment) => (
          <li
            key={attachment.name}
            className="attachment"
            data-testid="attachment"
            data-attachment-name={attachment.name}
            data-filename={attachment.filename}
          >
            <Icon name="paperclip" size={14} />
            <span className="attachment-name" title={attachment.filename}>
              {attachment.filename}
            </span>
            <span className="muted">{format.bytes(attachment.sizeBytes)}</span>
            <time className="muted" dateTime={attachment.createTime}>
              {format.date(attachment.createTime)}
            </time>
            <IconButton
              icon="download"
              size="sm"
              label={t('caseDetail.attachments.download', { filename: attachment.filename })}
              onClick={() => onDownload(attachment)}
              data-testid="download-attachment"
            />
          </li>
        ))}
      </ul>
      <p className="muted attachment-delete-note" data-testid="attachment-delete-note">
        {t('caseDetail.attachments.deleteNote')}
      </p>
    </>
  );
}
