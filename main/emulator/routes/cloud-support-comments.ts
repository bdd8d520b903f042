import { ERROR_REASONS } from '../../google-wire/google-types';
import { authorize, CASE_PRIVILEGES, resolveCase, SCOPE_SETS } from '../access';
import { jsonReply, readJsonObject, type Reply } from '../http-io';
import { pageSizeOf, paginate } from '../page-token';
import { param, type ApiRequest, type Route } from '../route';
import { errorInfo, invalidFields, RpcError } from '../rpc-error';
import { commentToWire, iso } from '../store/wire';

const CASE = 'organizations/([^/]+)/cases/([^/:]+)';
const MAX_BODY_CHARS = 12_800;
const REOPEN_WINDOW_MS = 30 * 24 * 60 * 60 * 1000;

/** comments.list: newest first, 10 per page by default. */
function listComments(request: ApiRequest): Reply {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { record } = resolveCase(request, user, param(request, 0), param(request, 1));
  const pageSize = pageSizeOf(request.url.searchParams.get('pageSize'), 'pageSize', 10, 100);
  const newestFirst = [...request.core.store.commentsOf(record)].reverse();
  const page = paginate(
    request.core.pageTokens,
    newestFirst,
    pageSize,
    request.url.searchParams.get('pageToken') ?? undefined,
    `comments|${record.id}`,
  );
  const json: { comments?: unknown[]; nextPageToken?: string } = {};
  if (page.items.length > 0) json.comments = page.items.map((comment) => commentToWire(record, comment));
  if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
  return jsonReply(json);
}

/**
 * comments.create. The public API has no reopen method: a comment on a case closed
 * at most 30 days ago reopens it (IN_PROGRESS_GOOGLE_SUPPORT); later it is refused
 * with FAILED_PRECONDITION (BACKEND.md §5). A customer-side comment also hands an
 * ACTION_REQUIRED or SOLUTION_PROVIDED case back to Google.
 */
async function createComment(request: ApiRequest): Promise<Reply> {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { record } = resolveCase(request, user, param(request, 0), param(request, 1));
  const body = await readJsonObject(request.req);
  const text = body.body;
  if (typeof text !== 'string' || text.trim() === '')
    throw invalidFields([{ field: 'comment.body', description: 'Required.' }]);
  if (text.length > MAX_BODY_CHARS) {
    throw invalidFields([
      { field: 'comment.body', description: `At most ${MAX_BODY_CHARS} characters (got ${text.length}).` },
    ]);
  }
  const { store, clock, agent } = request.core;
  const now = clock.now();
  if (record.state === 'CLOSED') {
    const closedAt = record.closeTime ?? record.updateTime;
    if (now - closedAt > REOPEN_WINDOW_MS) {
      throw new RpcError(
        'FAILED_PRECONDITION',
        `The case was closed on ${iso(closedAt)}, more than 30 days ago, so it cannot be reopened: file a new case.`,
        [errorInfo(ERROR_REASONS.reopenWindowExpired, { closeTime: iso(closedAt) })],
      );
    }
  }
  const comments = store.commentsOf(record);
  const comment = {
    id: store.newId(),
    createTime: now,
    creator: { displayName: user.displayName, email: user.email, googleSupport: false },
    body: text,
  };
  comments.push(comment);
  if (record.state === 'CLOSED' || record.state === 'ACTION_REQUIRED' || record.state === 'SOLUTION_PROVIDED') {
    record.state = 'IN_PROGRESS_GOOGLE_SUPPORT';
    delete record.closeTime;
  }
  store.touch(record, now);
  agent.customerCommented(record, now);
  return jsonReply(commentToWire(record, comment));
}

export const commentRoutes: Route[] = [
  {
    id: 'cases.comments.list',
    method: 'GET',
    pattern: new RegExp(`^/v2/${CASE}/comments$`),
    kind: 'api',
    handle: listComments,
  },
  {
    id: 'cases.comments.create',
    method: 'POST',
    pattern: new RegExp(`^/v2/${CASE}/comments$`),
    kind: 'api',
    handle: createComment,
  },
];
