import type { EventSink, InvokeHandlers } from '../../../../shared/ipc/contract';
import type { StagedFile } from '../../../../shared/model/case-actions';
import { DomainAttachments } from '../../cases/attachments';
import type { DomainSession } from '../../domain/domain-session';
import type { StagedFiles } from '../../files/staged-files';
import type { Transfers } from '../../files/transfers';
import type { Clock, FileAccess, FileDialogs } from '../../ports';

type AttachmentChannels =
  'files:pick' | 'files:dropped' | 'files:release' | 'attachment:upload' | 'attachment:download' | 'transfer:cancel';

export interface AttachmentHandlersDeps {
  /** The session of a signed-in domain; throws for a domain that is not. */
  session(domain: string): DomainSession;
  stagedFiles: StagedFiles;
  transfers: Transfers;
  files: FileAccess;
  dialogs: FileDialogs;
  emit: EventSink;
  clock: Clock;
  log: { warn(message: string, error?: unknown): void };
}

export interface AttachmentHandlers {
  handlers: Pick<InvokeHandlers, AttachmentChannels>;
  /** One domain's attachments, e.g. for case:create to upload a new case's files (uploadAll). */
  attachmentsFor(domain: string): DomainAttachments;
}

/** Staged files, uploads, downloads and cancels, over each signed-in domain's own session. */
export function createAttachmentHandlers(deps: AttachmentHandlersDeps): AttachmentHandlers {
  // Keyed by session object: a domain signed out and in again gets a fresh service and queue.
  const services = new WeakMap<DomainSession, DomainAttachments>();

  function attachmentsFor(domain: string): DomainAttachments {
    const session = deps.session(domain);
    let service = services.get(session);
    if (!service) {
      service = new DomainAttachments({
        domain,
        cloudSupport: () => session.apiClients().cloudSupport,
        ownsOrganization: (organization) => session.cache.customerOfOrganization(organization) !== undefined,
        cachedCase: (name) => session.cache.getCase(name)?.detail,
        refreshCase: (name) => session.refreshCase(name),
        stagedFiles: deps.stagedFiles,
        files: deps.files,
        dialogs: deps.dialogs,
        transfers: deps.transfers,
        emitProgress: (progress) => deps.emit('transfer:progress', progress),
        clock: deps.clock,
        log: deps.log,
      });
      services.set(session, service);
    }
    return service;
  }

  return {
    attachmentsFor,
    handlers: {
      'files:pick': async () => {
        const paths = await deps.dialogs.chooseFilesToUpload();
        const staged: StagedFile[] = [];
        try {
          for (const path of paths) staged.push(await deps.stagedFiles.stage(path));
        } catch (error) {
          // All or nothing: the user picks again without the refused file, told which it was.
          for (const file of staged) deps.stagedFiles.release(file.fileId);
          throw error;
        }
        return staged;
      },
      'files:dropped': ({ path }) => deps.stagedFiles.stage(path),
      'files:release': async ({ fileId }) => {
        deps.stagedFiles.release(fileId);
        return {};
      },
      'attachment:upload': ({ domain, name, fileId, transferId }) =>
        attachmentsFor(domain).upload(name, fileId, transferId),
      'attachment:download': ({ domain, attachment, transferId }) =>
        attachmentsFor(domain).download(attachment, transferId),
      'transfer:cancel': async ({ transferId }) => ({ cancelled: deps.transfers.cancel(transferId) }),
    },
  };
}
