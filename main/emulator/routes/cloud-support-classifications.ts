import { RESELLER_PRIVILEGES } from '../../google-wire/google-types';
import { authorize, SCOPE_SETS } from '../access';
import { jsonReply, type Reply } from '../http-io';
import { pageSizeOf, paginate } from '../page-token';
import type { ApiRequest, Route } from '../route';
import { RpcError } from '../rpc-error';

/** `*` in a display_name pattern matches any run of characters, as in Google's examples. */
function wildcard(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`, 'i');
}

/**
 * caseClassifications.search. Accepts Google's `id:"…"` and `display_name:"*Gmail*"`
 * forms, and plain keywords (every word must appear in the display name), which is
 * how the portal's category search behaves.
 */
function searchClassifications(request: ApiRequest): Reply {
  authorize(request, SCOPE_SETS.cloudSupport, [RESELLER_PRIVILEGES[0]]);
  const query = (request.url.searchParams.get('query') ?? '').trim();
  const pageSize = pageSizeOf(request.url.searchParams.get('pageSize'), 'pageSize', 100, 100);
  let matches: (displayName: string, id: string) => boolean = () => true;
  const field = /^(id|display_name|displayName)\s*[:=]\s*"([^"]*)"$/.exec(query);
  if (field) {
    const [, name, value = ''] = field;
    matches = name === 'id' ? (_displayName, id) => id === value : (displayName) => wildcard(value).test(displayName);
  } else if (query !== '') {
    if (/["():=]/.test(query))
      throw new RpcError(
        'INVALID_ARGUMENT',
        `Invalid query "${query}": use id:"…", display_name:"*…*" or plain keywords.`,
      );
    const words = query.toLowerCase().split(/\s+/);
    matches = (displayName) => words.every((word) => displayName.toLowerCase().includes(word));
  }
  const found = request.core.store.classifications.filter((c) => matches(c.displayName, c.id));
  const page = paginate(
    request.core.pageTokens,
    found,
    pageSize,
    request.url.searchParams.get('pageToken') ?? undefined,
    `classifications|${query}`,
  );
  const json: { caseClassifications?: unknown[]; nextPageToken?: string } = {};
  if (page.items.length > 0) json.caseClassifications = page.items.map((c) => ({ ...c }));
  if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
  return jsonReply(json);
}

export const classificationRoutes: Route[] = [
  {
    id: 'caseClassifications.search',
    method: 'GET',
    pattern: /^\/v2\/caseClassifications:search$/,
    kind: 'api',
    handle: searchClassifications,
  },
];
