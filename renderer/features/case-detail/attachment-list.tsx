import { useTranslation } from 'react-i18next';
import type { CaseAttachment } from '../../../shared/model/case';
import { useFormat } from '../../i18n/use-format';
import { Icon } from '../../ui/icon';

export function AttachmentList({ attachments }: { attachments: readonly CaseAttachment[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (attachments.length === 0) return <p className="muted">{t('case.noAttachments')}</p>;
  return (
    <ul className="attachments" data-testid="case-attachments">
      {attachments.map((attachment) => (
        <li key={attachment.name} className="attachment">
          <Icon name="paperclip" size={14} />
          <span className="attachment-name" title={attachment.filename}>
            {attachment.filename}
          </span>
          <span className="muted">{format.bytes(attachment.sizeBytes)}</span>
          <time className="muted" dateTime={attachment.createTime}>
            {format.date(attachment.createTime)}
          </time>
        </li>
      ))}
    </ul>
  );
}
