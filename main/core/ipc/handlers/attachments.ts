import type { InvokeHandlers } from '../../../../shared/ipc/contract';
import type { StagedFile } from '../../../../shared/model/case-actions';
import type { AttachmentPorts } from '../../cases/attachments';
import type { DomainSession } from '../../domain/domain-session';

type AttachmentChannels =
  'files:pick' | 'files:dropped' | 'files:release' | 'attachment:upload' | 'attachment:download' | 'transfer:cancel';

export interface AttachmentHandlersDeps {
  /** The session of a signed-in domain; throws for a domain that is not. */
  requireSession(domain: string): Pick<DomainSession, 'attachments'>;
  ports: Pick<AttachmentPorts, 'stagedFiles' | 'transfers' | 'dialogs'>;
}

/** Staged files, uploads, downloads and cancels; uploads and downloads on the named domain's own session. */
export function attachmentHandlers(deps: AttachmentHandlersDeps): Pick<InvokeHandlers, AttachmentChannels> {
  const { stagedFiles, transfers, dialogs } = deps.ports;
  const attachmentsFor = (domain: string) => deps.requireSession(domain).attachments;
  return {
    'files:pick': async () => {
      const paths = await dialogs.chooseFilesToUpload();
      const staged: StagedFile[] = [];
      try {
        for (const path of paths) staged.push(await stagedFiles.stage(path));
      } catch (error) {
        // All or nothing: the user picks again without the refused file, told which it was.
        for (const file of staged) stagedFiles.release(file.fileId);
        throw error;
      }
      return staged;
    },
    'files:dropped': ({ path }) => stagedFiles.stage(path),
    'files:release': async ({ fileId }) => {
      stagedFiles.release(fileId);
      return {};
    },
    'attachment:upload': ({ domain, name, fileId, transferId }) =>
      attachmentsFor(domain).upload(name, fileId, transferId),
    'attachment:download': ({ domain, attachment, transferId }) =>
      attachmentsFor(domain).download(attachment, transferId),
    'transfer:cancel': async ({ transferId }) => ({ cancelled: transfers.cancel(transferId) }),
  };
}
