import type { DatasetChoice } from '../emulator-core';
import type { FaultRule } from '../faults';
import { jsonReply, readJsonObject, type Reply } from '../http-io';
import type { ApiRequest, Route } from '../route';
import { RpcError } from '../rpc-error';

/**
 * The HTTP face of EmulatorControl, mounted under /__control only when the emulator
 * was started with `control: true` (tests). JSON in, JSON out. Fault `times` may be
 * the string "Infinity", since JSON has no Infinity.
 */
function guard<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError)
      throw new RpcError('INVALID_ARGUMENT', error.message);
    throw error;
  }
}

function clockState(request: ApiRequest): Reply {
  const now = request.core.clock.now();
  return jsonReply({ now: new Date(now).toISOString(), nowMs: now });
}

async function moveClock(request: ApiRequest): Promise<Reply> {
  const body = await readJsonObject(request.req);
  const control = request.core.control();
  guard(() => {
    if (typeof body.set === 'string') control.clock.set(body.set);
    if (body.advanceMs !== undefined) control.clock.advance(Number(body.advanceMs));
  });
  return clockState(request);
}

function faultOf(raw: unknown): FaultRule {
  if (raw === null || typeof raw !== 'object')
    throw new RpcError(
      'INVALID_ARGUMENT',
      'A fault is an object {route?, method?, kind, latencyMs?, times?, probability?, seed?}.',
    );
  const rule = { ...(raw as Record<string, unknown>) };
  if (rule.times === 'Infinity' || rule.times === null) rule.times = Infinity;
  return rule as unknown as FaultRule;
}

async function addFaults(request: ApiRequest): Promise<Reply> {
  const body = await readJsonObject(request.req);
  const rules = Array.isArray(body.rules) ? body.rules.map(faultOf) : [faultOf(body)];
  guard(() => rules.forEach((rule) => request.core.faults.add(rule)));
  return jsonReply({ added: rules.length });
}

async function reset(request: ApiRequest): Promise<Reply> {
  const body = await readJsonObject(request.req);
  guard(() => request.core.reset(body.dataset as DatasetChoice | undefined));
  return jsonReply({});
}

async function issueTokens(request: ApiRequest): Promise<Reply> {
  const body = await readJsonObject(request.req);
  return jsonReply(guard(() => request.core.control().issueTokens(String(body.email ?? ''))));
}

async function revokeUser(request: ApiRequest): Promise<Reply> {
  const body = await readJsonObject(request.req);
  request.core.control().revokeUserTokens(String(body.email ?? ''));
  return jsonReply({});
}

async function settings(request: ApiRequest): Promise<Reply> {
  const body = await readJsonObject(request.req);
  guard(() => request.core.control().set(body));
  return jsonReply({ ...request.core.settings });
}

async function actAsGoogle(request: ApiRequest): Promise<Reply> {
  const body = await readJsonObject(request.req);
  guard(() => request.core.control().actAsGoogle(String(body.name ?? ''), body.action as never));
  return jsonReply({});
}

async function resellerAccess(request: ApiRequest): Promise<Reply> {
  const body = await readJsonObject(request.req);
  if (typeof body.granted !== 'boolean') throw new RpcError('INVALID_ARGUMENT', 'granted: a boolean.');
  const granted = body.granted;
  guard(() => request.core.control().setResellerAccess(String(body.customerId ?? ''), granted));
  return jsonReply({});
}

function domainParam(request: ApiRequest): string {
  const domain = request.url.searchParams.get('domain');
  if (!domain) throw new RpcError('INVALID_ARGUMENT', 'Missing ?domain=');
  return domain;
}

const route = (id: string, method: string, path: string, handle: Route['handle']): Route => ({
  id: `control.${id}`,
  method,
  pattern: new RegExp(`^/__control/${path}$`),
  kind: 'control',
  handle,
});

export const controlRoutes: Route[] = [
  route('clock.get', 'GET', 'clock', clockState),
  route('clock.set', 'POST', 'clock', moveClock),
  route('faults.add', 'POST', 'faults', addFaults),
  route('faults.clear', 'DELETE', 'faults', (r) => (r.core.faults.clear(), jsonReply({}))),
  route('reset', 'POST', 'reset', reset),
  route('requests.list', 'GET', 'requests', (r) => jsonReply({ requests: r.core.log.list() })),
  route('requests.clear', 'DELETE', 'requests', (r) => (r.core.log.clear(), jsonReply({}))),
  route('requests.counts', 'GET', 'request-counts', (r) => jsonReply(r.core.log.countsByRoute())),
  route('accounts', 'GET', 'accounts', (r) => jsonReply({ accounts: r.core.control().demoAccounts() })),
  route('tokens', 'POST', 'tokens', issueTokens),
  route('revokeUser', 'POST', 'revoke-user', revokeUser),
  route('settings', 'POST', 'settings', settings),
  route('actAsGoogle', 'POST', 'act-as-google', actAsGoogle),
  route('resellerAccess', 'POST', 'reseller-access', resellerAccess),
  route('customers', 'GET', 'customers', (r) =>
    jsonReply({ customers: r.core.control().data.customers(domainParam(r)) }),
  ),
  route('caseCount', 'GET', 'case-count', (r) => jsonReply({ count: r.core.control().data.caseCount(domainParam(r)) })),
];
