import { ERROR_REASONS } from '../../google-wire/google-types';
import { authorize, CASE_PRIVILEGES, resolveCase, SCOPE_SETS } from '../access';
import { filenameProblem, mimeTypeProblem } from '../attachment-fields';
import { jsonReply, type Reply } from '../http-io';
import { MultipartError, readMultipartUpload, UploadTooLargeError } from '../multipart';
import { pageSizeOf, paginate } from '../page-token';
import { param, type ApiRequest, type Route } from '../route';
import { errorInfo, invalidFields, RpcError } from '../rpc-error';
import type { AttachmentRecord } from '../store/model';
import { attachmentToWire } from '../store/wire';

const CASE = 'organizations/([^/]+)/cases/([^/:]+)';

const MIME_BY_EXTENSION: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  csv: 'text/csv',
  json: 'application/json',
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  zip: 'application/zip',
  eml: 'message/rfc822',
  har: 'application/json',
};

function mimeTypeOf(declared: string | undefined, filename: string): string {
  if (declared && declared !== 'application/octet-stream') return declared;
  const extension = filename.split('.').pop()?.toLowerCase() ?? '';
  return MIME_BY_EXTENSION[extension] ?? declared ?? 'application/octet-stream';
}

function listAttachments(request: ApiRequest): Reply {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { record } = resolveCase(request, user, param(request, 0), param(request, 1));
  const pageSize = pageSizeOf(request.url.searchParams.get('pageSize'), 'pageSize', 10, 100);
  const newestFirst = [...record.attachments].reverse();
  const page = paginate(
    request.core.pageTokens,
    newestFirst,
    pageSize,
    request.url.searchParams.get('pageToken') ?? undefined,
    `attachments|${record.id}`,
  );
  const json: { attachments?: unknown[]; nextPageToken?: string } = {};
  if (page.items.length > 0) json.attachments = page.items.map((attachment) => attachmentToWire(record, attachment));
  if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
  return jsonReply(json);
}

function tooLarge(limit: number): RpcError {
  return new RpcError('INVALID_ARGUMENT', `The attachment is larger than the maximum of ${limit} bytes.`, [
    errorInfo(ERROR_REASONS.attachmentTooLarge, { maxBytes: String(limit) }),
  ]);
}

/** Reads the file of a media upload: multipart (metadata + file) or, for uploadType=media, the raw body. */
async function readUpload(
  request: ApiRequest,
  limit: number,
): Promise<{ bytes: Buffer; mimeType?: string; filename?: string }> {
  const uploadType =
    request.url.searchParams.get('uploadType') ?? (request.url.pathname.startsWith('/upload/') ? 'media' : '');
  const contentType = request.req.headers['content-type'] ?? '';
  if (uploadType === 'multipart' || contentType.toLowerCase().startsWith('multipart/')) {
    const upload = await readMultipartUpload(request.req, contentType, limit);
    const metadata = (upload.metadata ?? {}) as Record<string, unknown>;
    const attachment = (metadata.attachment ?? metadata) as Record<string, unknown>;
    const filename =
      typeof attachment.filename === 'string' && attachment.filename.trim()
        ? attachment.filename
        : upload.file.filename;
    return { ...upload.file, ...(filename ? { filename } : {}) };
  }
  if (uploadType === 'media') {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request.req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) throw new UploadTooLargeError(limit);
      chunks.push(chunk);
    }
    const filename = request.url.searchParams.get('attachment.filename') ?? undefined;
    return {
      bytes: Buffer.concat(chunks),
      ...(contentType ? { mimeType: contentType.split(';')[0]?.trim() } : {}),
      ...(filename ? { filename } : {}),
    };
  }
  throw new RpcError(
    'INVALID_ARGUMENT',
    'Media upload required: POST the file to /upload/v2/{case}/attachments?uploadType=multipart.',
  );
}

/** media.upload: creates an attachment; the size limit is checked while streaming. */
async function uploadAttachment(request: ApiRequest): Promise<Reply> {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { record } = resolveCase(request, user, param(request, 0), param(request, 1));
  if (record.state === 'CLOSED')
    throw new RpcError('FAILED_PRECONDITION', 'Attachments cannot be added to a closed case.');
  const limit = request.core.settings.maxAttachmentBytes;
  let file: { bytes: Buffer; mimeType?: string; filename?: string };
  try {
    file = await readUpload(request, limit);
  } catch (error) {
    if (error instanceof UploadTooLargeError) throw tooLarge(limit);
    if (error instanceof MultipartError)
      throw new RpcError('INVALID_ARGUMENT', `Malformed multipart upload: ${error.message}`);
    throw error;
  }
  if (!file.filename) throw invalidFields([{ field: 'attachment.filename', description: 'Required.' }]);
  const filenameError = filenameProblem(file.filename);
  if (filenameError) throw invalidFields([{ field: 'attachment.filename', description: filenameError }]);
  const mimeTypeError = file.mimeType === undefined ? undefined : mimeTypeProblem(file.mimeType);
  if (mimeTypeError) throw invalidFields([{ field: 'Content-Type', description: mimeTypeError }]);
  const { store, clock } = request.core;
  const now = clock.now();
  const attachment: AttachmentRecord = {
    id: store.newId(),
    createTime: now,
    creator: { displayName: user.displayName, email: user.email, googleSupport: false },
    filename: file.filename,
    mimeType: mimeTypeOf(file.mimeType, file.filename),
    bytes: file.bytes,
  };
  record.attachments.push(attachment);
  store.touch(record, now);
  return jsonReply(attachmentToWire(record, attachment));
}

/** media.download: with alt=media the bytes, otherwise the Media resource that names them. */
function downloadAttachment(request: ApiRequest): Reply {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { record } = resolveCase(request, user, param(request, 0), param(request, 1));
  const attachment = record.attachments.find((a) => a.id === param(request, 2));
  const name = `organizations/${record.orgNumber}/cases/${record.id}/attachments/${param(request, 2)}`;
  if (!attachment) throw new RpcError('NOT_FOUND', `Attachment "${name}" was not found.`);
  if (request.url.searchParams.get('alt') !== 'media') {
    return jsonReply({
      resourceName: name,
      contentType: attachment.mimeType,
      length: String(attachment.bytes.length),
      filename: attachment.filename,
    });
  }
  return {
    status: 200,
    headers: {
      'Content-Type': attachment.mimeType,
      'Content-Length': String(attachment.bytes.length),
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.filename)}`,
    },
    body: attachment.bytes,
  };
}

export const attachmentRoutes: Route[] = [
  {
    id: 'cases.attachments.list',
    method: 'GET',
    pattern: new RegExp(`^/v2/${CASE}/attachments$`),
    kind: 'api',
    handle: listAttachments,
  },
  {
    id: 'media.upload',
    method: 'POST',
    pattern: new RegExp(`^/upload/v2/${CASE}/attachments$`),
    kind: 'api',
    handle: uploadAttachment,
  },
  {
    id: 'media.upload',
    method: 'POST',
    pattern: new RegExp(`^/v2/${CASE}/attachments$`),
    kind: 'api',
    handle: uploadAttachment,
  },
  {
    id: 'media.download',
    method: 'GET',
    pattern: new RegExp(`^/v2/${CASE}/attachments/([^/:]+):download$`),
    kind: 'api',
    handle: downloadAttachment,
  },
];
