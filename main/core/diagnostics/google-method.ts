import type { ApiEndpoints } from '../../google-wire/google-types';

/**
 * Google's own name of the API method a request calls (cloudsupport.cases.search,
 * reseller.subscriptions.list…), from its URL's path and HTTP method only: the query
 * string (a search's keywords) and the body never count. Real Google serves each API
 * on its own host, the emulator all of them on one, so the path decides; the OAuth
 * endpoints are whole URLs and are matched as such.
 */
const API_METHODS: { http: string; path: RegExp; name: string }[] = [
  { http: 'GET', path: /\/apps\/reseller\/v1\/subscriptions$/, name: 'reseller.subscriptions.list' },
  { http: 'GET', path: /\/apps\/reseller\/v1\/customers\/[^/]+$/, name: 'reseller.customers.get' },
  { http: 'GET', path: /\/v3\/organizations:search$/, name: 'cloudresourcemanager.organizations.search' },
  { http: 'GET', path: /\/v2\/caseClassifications:search$/, name: 'cloudsupport.caseClassifications.search' },
  { http: 'GET', path: /\/v2\/[^/]+\/[^/]+\/cases:search$/, name: 'cloudsupport.cases.search' },
  { http: 'GET', path: /\/v2\/[^/]+\/[^/]+\/cases$/, name: 'cloudsupport.cases.list' },
  { http: 'POST', path: /\/v2\/[^/]+\/[^/]+\/cases$/, name: 'cloudsupport.cases.create' },
  { http: 'GET', path: /\/v2\/[^/]+\/[^/]+\/cases\/[^/:]+$/, name: 'cloudsupport.cases.get' },
  { http: 'PATCH', path: /\/v2\/[^/]+\/[^/]+\/cases\/[^/:]+$/, name: 'cloudsupport.cases.patch' },
  { http: 'POST', path: /\/cases\/[^/:]+:close$/, name: 'cloudsupport.cases.close' },
  { http: 'POST', path: /\/cases\/[^/:]+:escalate$/, name: 'cloudsupport.cases.escalate' },
  { http: 'GET', path: /\/cases\/[^/:]+\/comments$/, name: 'cloudsupport.cases.comments.list' },
  { http: 'POST', path: /\/cases\/[^/:]+\/comments$/, name: 'cloudsupport.cases.comments.create' },
  { http: 'POST', path: /\/upload\/v2\/.+\/attachments$/, name: 'cloudsupport.media.upload' },
  { http: 'GET', path: /\/cases\/[^/:]+\/attachments$/, name: 'cloudsupport.cases.attachments.list' },
  { http: 'GET', path: /\/attachments\/[^/:]+:download$/, name: 'cloudsupport.media.download' },
];

export type OAuthEndpoints = Pick<ApiEndpoints, 'token' | 'revoke' | 'userinfo'>;

export function googleMethodName(url: URL, httpMethod: string, endpoints: OAuthEndpoints): string {
  const bare = `${url.origin}${url.pathname}`;
  if (bare === withoutQuery(endpoints.token)) return 'oauth2.token';
  if (bare === withoutQuery(endpoints.revoke)) return 'oauth2.revoke';
  if (bare === withoutQuery(endpoints.userinfo)) return 'oauth2.userinfo';
  const http = httpMethod.toUpperCase();
  const found = API_METHODS.find((method) => method.http === http && method.path.test(url.pathname));
  // An unknown path is named by its host only: a path may hold a customer's or a case's id.
  return found?.name ?? `${http} ${url.host}`;
}

/** True for the OAuth endpoints, which answer errors as `{error, error_description}`. */
export function isOAuthMethod(name: string): boolean {
  return name.startsWith('oauth2.');
}

function withoutQuery(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.origin}${url.pathname}`;
}
