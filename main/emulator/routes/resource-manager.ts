import { authorize, CUSTOMER_PRIVILEGES, SCOPE_SETS } from '../access';
import { jsonReply, type Reply } from '../http-io';
import { pageSizeOf, paginate } from '../page-token';
import { param, type ApiRequest, type Route } from '../route';
import { RpcError } from '../rpc-error';
import { organizationToWire } from '../store/wire';

/**
 * organizations.search (Cloud Resource Manager v3), which maps a Workspace customer id
 * to the organization its cases live under: `query=directorycustomerid:C0xxxx` (or
 * `domain:example.com`). Only organizations of customers the caller's domain manages
 * are found, like Google returns only organizations the caller can see.
 */
function searchOrganizations(request: ApiRequest): Reply {
  const user = authorize(request, SCOPE_SETS.resourceManager, CUSTOMER_PRIVILEGES);
  const query = (request.url.searchParams.get('query') ?? '').trim();
  const pageSize = pageSizeOf(request.url.searchParams.get('pageSize'), 'pageSize', 50, 1000);
  const clauses = query === '' ? [] : query.split(/\s+(?:AND\s+)?/);
  const conditions = clauses.map((clause) => {
    const match = /^(directoryCustomerId|directorycustomerid|domain)\s*[:=]\s*"?([^"\s]+)"?$/.exec(clause);
    if (!match?.[1] || !match[2]) {
      throw new RpcError(
        'INVALID_ARGUMENT',
        `Invalid query "${query}": use directorycustomerid:C0xxxxxxx or domain:example.com.`,
      );
    }
    return { field: match[1].toLowerCase(), value: match[2] };
  });
  const found = request.core.store
    .customersOf(user.domain)
    .filter((c) =>
      conditions.every(({ field, value }) =>
        field === 'domain' ? c.domain === value.toLowerCase() : c.customerId === value,
      ),
    );
  request.trace.targetDomain = user.domain;
  const page = paginate(
    request.core.pageTokens,
    found,
    pageSize,
    request.url.searchParams.get('pageToken') ?? undefined,
    `organizations|${user.domain}|${query}`,
  );
  const json: { organizations?: unknown[]; nextPageToken?: string } = {};
  if (page.items.length > 0) json.organizations = page.items.map(organizationToWire);
  if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
  return jsonReply(json);
}

function getOrganization(request: ApiRequest): Reply {
  const user = authorize(request, SCOPE_SETS.resourceManager, CUSTOMER_PRIVILEGES);
  const customer = request.core.store.customerByOrg(param(request, 0));
  if (customer) request.trace.targetDomain = customer.resellerDomain;
  if (!customer || customer.resellerDomain !== user.domain) {
    throw new RpcError(
      'PERMISSION_DENIED',
      `Permission denied on resource 'organizations/${param(request, 0)}' (or it may not exist).`,
    );
  }
  return jsonReply(organizationToWire(customer));
}

export const resourceManagerRoutes: Route[] = [
  {
    id: 'organizations.search',
    method: 'GET',
    pattern: /^\/v3\/organizations:search$/,
    kind: 'api',
    handle: searchOrganizations,
  },
  {
    id: 'organizations.get',
    method: 'GET',
    pattern: /^\/v3\/organizations\/(\d+)$/,
    kind: 'api',
    handle: getOrganization,
  },
];
