import { ERROR_REASONS } from '../../google-wire/google-types';
import {
  authorize,
  CASE_PRIVILEGES,
  customerOfParent,
  requireResellerAccess,
  resolveCase,
  SCOPE_SETS,
} from '../access';
import { jsonReply, readJsonObject, type Reply } from '../http-io';
import { pageSizeOf, paginate } from '../page-token';
import type { QueryMode } from '../query/ast';
import type { QueryTarget } from '../query/evaluate';
import { matchesQuery } from '../query/evaluate';
import { parseQuery } from '../query/parser';
import { QueryError } from '../query/query-error';
import { param, type ApiRequest, type Route } from '../route';
import { errorInfo, invalidFields, RpcError } from '../rpc-error';
import type { EmulatorStore } from '../store/emulator-store';
import type { CaseRecord } from '../store/model';
import { caseToWire } from '../store/wire';
import { emailListOf, escalationOf, isEmail, nonEmptyString, priorityOf } from './case-input';

const PARENT = '((?:organizations|projects)/[^/]+)';
const CASE = 'organizations/([^/]+)/cases/([^/:]+)';
const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;

function queryTarget(store: EmulatorStore, record: CaseRecord): QueryTarget {
  return {
    state: record.state,
    priority: record.priority,
    creatorEmail: record.creator.email ?? '',
    updateTime: record.updateTime,
    text: () =>
      [record.displayName, record.description, ...store.commentsOf(record).map((c) => c.body)].join('\n').toLowerCase(),
  };
}

function parseOrFail(text: string, mode: QueryMode, parameter: string) {
  try {
    return parseQuery(text, mode);
  } catch (error) {
    if (error instanceof QueryError)
      throw new RpcError('INVALID_ARGUMENT', `Invalid ${parameter} "${text}": ${error.message}`);
    throw error;
  }
}

/** cases.list and cases.search share paging and visibility; search also waits for indexing. */
function listOrSearch(request: ApiRequest, mode: QueryMode): Reply {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const parent = param(request, 0);
  const customer = customerOfParent(request, user, parent);
  requireResellerAccess(customer);
  const parameter = mode === 'search' ? 'query' : 'filter';
  const text = request.url.searchParams.get(parameter) ?? '';
  const node = parseOrFail(text, mode, parameter);
  const pageSize = pageSizeOf(request.url.searchParams.get('pageSize'), 'pageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  const { store, clock } = request.core;
  const now = clock.now();
  const matching = store
    .casesOfOrg(customer.orgNumber)
    .filter(
      (record) =>
        record.resellerDomain === user.domain &&
        (mode === 'filter' || record.indexedAt <= now) &&
        matchesQuery(node, queryTarget(store, record)),
    );
  const page = paginate(
    request.core.pageTokens,
    matching,
    pageSize,
    request.url.searchParams.get('pageToken') ?? undefined,
    `cases.${mode}|${parent}|${text}`,
  );
  const json: { cases?: unknown[]; nextPageToken?: string } = {};
  if (page.items.length > 0) json.cases = page.items.map(caseToWire);
  if (page.nextPageToken) json.nextPageToken = page.nextPageToken;
  return jsonReply(json);
}

async function createCase(request: ApiRequest): Promise<Reply> {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const customer = customerOfParent(request, user, param(request, 0));
  requireResellerAccess(customer);
  const body = await readJsonObject(request.req);
  const violations: { field: string; description: string }[] = [];
  const displayName = nonEmptyString(body.displayName);
  if (!displayName) violations.push({ field: 'case.display_name', description: 'Required.' });
  const description = nonEmptyString(body.description);
  if (!description) violations.push({ field: 'case.description', description: 'Required.' });
  const classificationId = nonEmptyString((body.classification as Record<string, unknown> | undefined)?.id);
  const classification = classificationId ? request.core.store.classification(classificationId) : undefined;
  if (!classificationId) violations.push({ field: 'case.classification.id', description: 'Required.' });
  else if (!classification)
    violations.push({ field: 'case.classification.id', description: `Unknown classification "${classificationId}".` });
  const priority = priorityOf(body, violations, 'case');
  if (
    !priority &&
    !violations.some((v) => v.field.startsWith('case.priority') || v.field.startsWith('case.severity'))
  ) {
    violations.push({ field: 'case.priority', description: 'Required.' });
  }
  const subscribers = emailListOf(body.subscriberEmailAddresses, violations, 'case.subscriber_email_addresses') ?? [];
  const contactEmail = body.contactEmail === undefined ? user.email : String(body.contactEmail);
  if (!isEmail(contactEmail))
    violations.push({ field: 'case.contact_email', description: 'Not a valid email address.' });
  if (violations.length > 0 || !displayName || !description || !classification || !priority)
    throw invalidFields(violations);

  const { store, clock, settings, agent } = request.core;
  const now = clock.now();
  const record: CaseRecord = {
    id: store.newId(),
    orgNumber: customer.orgNumber,
    customerId: customer.customerId,
    resellerDomain: user.domain,
    displayName,
    description,
    classification: { ...classification },
    timeZone: nonEmptyString(body.timeZone) ?? customer.timeZone,
    subscriberEmailAddresses: subscribers,
    state: 'NEW',
    createTime: now,
    updateTime: now,
    creator: { displayName: user.displayName, email: user.email, googleSupport: false },
    contactEmail,
    escalated: false,
    testCase: body.testCase === true,
    languageCode: nonEmptyString(body.languageCode) ?? customer.language,
    priority,
    indexedAt: now + settings.indexingDelayMs,
    comments: [],
    attachments: [],
  };
  store.addCase(record);
  agent.caseCreated(record, now);
  request.trace.targetDomain = user.domain;
  return jsonReply(caseToWire(record));
}

function getCase(request: ApiRequest): Reply {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { record } = resolveCase(request, user, param(request, 0), param(request, 1));
  return jsonReply(caseToWire(record));
}

const MASK_FIELDS: Record<string, 'priority' | 'displayName' | 'subscriberEmailAddresses'> = {
  priority: 'priority',
  severity: 'priority',
  display_name: 'displayName',
  displayName: 'displayName',
  subscriber_email_addresses: 'subscriberEmailAddresses',
  subscriberEmailAddresses: 'subscriberEmailAddresses',
};

/**
 * cases.patch. With an updateMask only the named fields change. With an empty mask
 * Google overwrites every updatable field from the body, so a body without
 * subscriberEmailAddresses wipes the subscriber list (BACKEND.md §1) — reproduced
 * here; a missing display name or priority is refused rather than blanked.
 */
async function patchCase(request: ApiRequest): Promise<Reply> {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { record } = resolveCase(request, user, param(request, 0), param(request, 1));
  const body = await readJsonObject(request.req);
  const maskText = request.url.searchParams.get('updateMask') ?? '';
  const paths = maskText
    .split(',')
    .map((path) => path.trim())
    .filter((path) => path !== '');
  const fields = new Set<'priority' | 'displayName' | 'subscriberEmailAddresses'>();
  for (const path of paths) {
    const field = MASK_FIELDS[path];
    if (!field) {
      throw new RpcError(
        'INVALID_ARGUMENT',
        `Invalid update mask path "${path}": only priority, display_name and subscriber_email_addresses can be updated.`,
        [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: 'update_mask', description: `Unsupported path "${path}".` }],
          },
        ],
      );
    }
    fields.add(field);
  }
  const overwriteAll = paths.length === 0;
  if (overwriteAll) ['priority', 'displayName', 'subscriberEmailAddresses'].forEach((f) => fields.add(f as 'priority'));
  if (record.state === 'CLOSED')
    throw new RpcError(
      'FAILED_PRECONDITION',
      `Case organizations/${record.orgNumber}/cases/${record.id} is closed and cannot be updated.`,
    );

  const violations: { field: string; description: string }[] = [];
  const update: Partial<Pick<CaseRecord, 'priority' | 'displayName' | 'subscriberEmailAddresses'>> = {};
  if (fields.has('priority')) {
    const priority = priorityOf(body, violations, 'case');
    if (priority) update.priority = priority;
    else if (!violations.length)
      violations.push({ field: 'case.priority', description: 'Required by the update mask; use P0 to P4.' });
  }
  if (fields.has('displayName')) {
    const displayName = nonEmptyString(body.displayName);
    if (displayName) update.displayName = displayName;
    else violations.push({ field: 'case.display_name', description: 'Must not be empty.' });
  }
  if (fields.has('subscriberEmailAddresses')) {
    update.subscriberEmailAddresses =
      emailListOf(body.subscriberEmailAddresses, violations, 'case.subscriber_email_addresses') ?? [];
  }
  if (violations.length > 0) throw invalidFields(violations);
  Object.assign(record, update);
  request.core.store.touch(record, request.core.clock.now());
  return jsonReply(caseToWire(record));
}

async function closeCase(request: ApiRequest): Promise<Reply> {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { record } = resolveCase(request, user, param(request, 0), param(request, 1));
  await readJsonObject(request.req);
  if (record.state === 'CLOSED') throw new RpcError('FAILED_PRECONDITION', 'The case is already closed.');
  const { store, clock, agent } = request.core;
  const now = clock.now();
  store.commentsOf(record);
  record.state = 'CLOSED';
  record.closeTime = now;
  agent.caseClosed(record);
  store.touch(record, now);
  return jsonReply(caseToWire(record));
}

async function escalateCase(request: ApiRequest): Promise<Reply> {
  const user = authorize(request, SCOPE_SETS.cloudSupport, CASE_PRIVILEGES);
  const { customer, record } = resolveCase(request, user, param(request, 0), param(request, 1));
  const body = await readJsonObject(request.req);
  const violations: { field: string; description: string }[] = [];
  escalationOf(body, violations);
  if (violations.length > 0) throw invalidFields(violations);
  if (!customer.premiumSupport) {
    throw new RpcError(
      'FAILED_PRECONDITION',
      `Escalation requires Premium support; the customer ${customer.domain} (${customer.customerId}) does not have it.`,
      [errorInfo(ERROR_REASONS.escalationRequiresPremium, { customerId: customer.customerId })],
    );
  }
  if (record.state === 'CLOSED') throw new RpcError('FAILED_PRECONDITION', 'A closed case cannot be escalated.');
  if (record.escalated) throw new RpcError('FAILED_PRECONDITION', 'The case is already escalated.');
  record.escalated = true;
  request.core.store.touch(record, request.core.clock.now());
  return jsonReply(caseToWire(record));
}

export const caseRoutes: Route[] = [
  {
    id: 'cases.search',
    method: 'GET',
    pattern: new RegExp(`^/v2/${PARENT}/cases:search$`),
    kind: 'api',
    handle: (r) => listOrSearch(r, 'search'),
  },
  {
    id: 'cases.list',
    method: 'GET',
    pattern: new RegExp(`^/v2/${PARENT}/cases$`),
    kind: 'api',
    handle: (r) => listOrSearch(r, 'filter'),
  },
  { id: 'cases.create', method: 'POST', pattern: new RegExp(`^/v2/${PARENT}/cases$`), kind: 'api', handle: createCase },
  { id: 'cases.get', method: 'GET', pattern: new RegExp(`^/v2/${CASE}$`), kind: 'api', handle: getCase },
  { id: 'cases.patch', method: 'PATCH', pattern: new RegExp(`^/v2/${CASE}$`), kind: 'api', handle: patchCase },
  { id: 'cases.close', method: 'POST', pattern: new RegExp(`^/v2/${CASE}:close$`), kind: 'api', handle: closeCase },
  {
    id: 'cases.escalate',
    method: 'POST',
    pattern: new RegExp(`^/v2/${CASE}:escalate$`),
    kind: 'api',
    handle: escalateCase,
  },
];
