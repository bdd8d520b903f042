import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../i18n/use-format';
import { MAX_ATTACHMENTS } from '../../store/new-case-store';
import { useStores } from '../../store/stores-context';
import { Button, IconButton } from '../../ui/button';
import { ErrorState } from '../../ui/error-state';
import { Icon } from '../../ui/icon';
import type { StepProps } from './step-props';

/** « Joindre »: main opens the native file dialog and stages the files; the renderer sees names and sizes only. */
export function AttachmentsStep({ draft, problemId }: StepProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const stores = useStores();
  const listId = useId();
  const { domain } = draft;
  const [dragging, setDragging] = useState(false);
  const onDragOver = (event: DragEvent) => {
    if (!event.dataTransfer.types.includes('Files')) return;
    event.preventDefault();
    event.stopPropagation();
    event.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    event.stopPropagation();
    setDragging(false);
    void stores.newCase.getState().dropFiles(domain, [...event.dataTransfer.files]);
  };
  return (
    <div
      className={dragging ? 'form nc-dropzone is-dragging' : 'form nc-dropzone'}
      onDragOver={onDragOver}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="new-case-dropzone"
    >
      <p className="muted">{t('newCase.attachments.intro')}</p>
      <div>
        <Button
          icon="paperclip"
          onClick={() => void stores.newCase.getState().pickFiles(domain)}
          disabled={draft.attachments.length >= MAX_ATTACHMENTS}
          aria-describedby={problemId}
          data-testid="new-case-attach"
        >
          {t('newCase.attachments.attach')}
        </Button>{' '}
        <span className="muted">{t('newCase.attachments.dropHint')}</span>
      </div>
      {draft.filesError && <ErrorState error={draft.filesError} domain={domain} compact />}
      {draft.attachments.length === 0 ? (
        <p className="muted">{t('newCase.attachments.none')}</p>
      ) : (
        <ul className="nc-files" id={listId} aria-label={t('newCase.attachments.listLabel')}>
          {draft.attachments.map((file) => (
            <li key={file.fileId} className="nc-file" data-testid="new-case-file">
              <Icon name="paperclip" />
              <span className="nc-file-name">{file.filename}</span>
              <span className="muted nc-file-size">{format.bytes(file.sizeBytes)}</span>
              <IconButton
                icon="close"
                size="sm"
                label={t('newCase.attachments.remove', { name: file.filename })}
                onClick={() => stores.newCase.getState().removeFile(domain, file.fileId)}
              />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
