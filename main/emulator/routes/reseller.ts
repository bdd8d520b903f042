import { ERROR_REASONS } from '../../google-wire/google-types';
import { authorize, CUSTOMER_PRIVILEGES, SCOPE_SETS } from '../access';
import { jsonReply, type Reply } from '../http-io';
import { pageSizeOf, paginate } from '../page-token';
import { param, type ApiRequest, type Route } from '../route';
import { errorInfo, RpcError } from '../rpc-error';
import { customerToWire } from '../store/wire';

/** subscriptions.list: the caller's domain's subscriptions only, by customerId; maxResults 1–100, default 20. */
function listSubscriptions(request: ApiRequest): Reply {
  const user = authorize(request, SCOPE_SETS.reseller, CUSTOMER_PRIVILEGES);
  const search = request.url.searchParams;
  const maxResults = pageSizeOf(search.get('maxResults'), 'maxResults', 20, 100);
  const prefix = (search.get('customerNamePrefix') ?? '').toLowerCase();
  const customerId = search.get('customerId') ?? '';
  const subscriptions = request.core.store
    .customersOf(user.domain)
    .filter((c) => (prefix === '' || c.domain.startsWith(prefix)) && (customerId === '' || c.customerId === customerId))
    .flatMap((c) => c.subscriptions);
  const key = `subscriptions|${user.domain}|${prefix}|${customerId}`;
  const page = paginate(request.core.pageTokens, subscriptions, maxResults, search.get('pageToken') ?? undefined, key);
  request.trace.targetDomain = user.domain;
  const json: { kind: string; subscriptions: unknown[]; nextPageToken?: string } = {
    kind: 'reseller#subscriptions',
    subscriptions: page.items.map((s) => structuredClone(s)),
  };
  if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
  return jsonReply(json);
}

/**
 * customers.get. A customer managed by another reseller answers 403
 * PERMISSION_DENIED (ErrorInfo WRONG_RESELLER_DOMAIN), as the Reseller API refuses
 * resellers access to customers they do not resell; an unknown id answers 404.
 */
function getCustomer(request: ApiRequest): Reply {
  const user = authorize(request, SCOPE_SETS.reseller, CUSTOMER_PRIVILEGES);
  const id = param(request, 0);
  const customer =
    request.core.store.customer(id) ?? request.core.store.customersOf(user.domain).find((c) => c.domain === id);
  if (!customer) throw new RpcError('NOT_FOUND', `Customer "${id}" was not found.`);
  request.trace.targetDomain = customer.resellerDomain;
  if (customer.resellerDomain !== user.domain) {
    throw new RpcError('PERMISSION_DENIED', `The reseller ${user.domain} does not manage customer "${id}".`, [
      errorInfo(ERROR_REASONS.wrongResellerDomain, { customerId: customer.customerId, resellerDomain: user.domain }),
    ]);
  }
  return jsonReply(customerToWire(customer));
}

export const resellerRoutes: Route[] = [
  {
    id: 'subscriptions.list',
    method: 'GET',
    pattern: /^\/apps\/reseller\/v1\/subscriptions$/,
    kind: 'api',
    handle: listSubscriptions,
  },
  {
    id: 'customers.get',
    method: 'GET',
    pattern: /^\/apps\/reseller\/v1\/customers\/([^/]+)$/,
    kind: 'api',
    handle: getCustomer,
  },
];
