import { Common, google } from 'googleapis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../main/emulator';
import { googleClients, type GoogleClients } from './google-clients';
import {
  clientsFor,
  customerWhere,
  LUMIERE,
  NORTHWIND,
  organizationOf,
  startContractEmulator,
  USERS,
  type Emulator,
} from './contract-fixture';

/**
 * Contract: errors reach googleapis callers as GaxiosError carrying the HTTP status and
 * the google.rpc.Status body ({error:{code,message,status,details}}), and the OAuth
 * client of google-auth-library refreshes an expired token at the emulator.
 */

let emulator: Emulator;
let alex: GoogleClients;

beforeAll(async () => {
  emulator = await startContractEmulator();
  alex = clientsFor(emulator, USERS.alex);
});

afterAll(async () => {
  await emulator.close();
});

async function failure(call: Promise<unknown>): Promise<Common.GaxiosError> {
  const outcome = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(outcome).toBeInstanceOf(Common.GaxiosError);
  return outcome as Common.GaxiosError;
}

function expectRpcStatus(error: Common.GaxiosError, code: number, status: string, reason?: string): void {
  expect(error.status).toBe(code);
  const body = error.response?.data as {
    error?: { code?: unknown; message?: unknown; status?: unknown; details?: { reason?: string }[] };
  };
  expect(body.error?.code).toBe(code);
  expect(body.error?.status).toBe(status);
  expect(typeof body.error?.message).toBe('string');
  expect(error.message).toBe(body.error?.message);
  if (reason) expect(body.error?.details?.map((detail) => detail.reason)).toContain(reason);
}

describe('errors as Common.GaxiosError with google.rpc.Status', () => {
  it('403 PERMISSION_DENIED for a customer that has not granted reseller access', async () => {
    const customer = customerWhere(emulator, NORTHWIND, { resellerAccess: false });
    const org = await organizationOf(alex, customer.customerId);
    const error = await failure(alex.cloudsupport.cases.list({ parent: org }));
    expectRpcStatus(error, 403, 'PERMISSION_DENIED', 'RESELLER_ACCESS_NOT_GRANTED');
    const created = await failure(
      alex.cloudsupport.cases.create({
        parent: org,
        requestBody: { displayName: 'x', description: 'y', classification: { id: 'any' }, priority: 'P3' },
      }),
    );
    expectRpcStatus(created, 403, 'PERMISSION_DENIED', 'RESELLER_ACCESS_NOT_GRANTED');
  });

  it("404 NOT_FOUND for a case of another reseller domain's customer", async () => {
    const claire = clientsFor(emulator, USERS.claire);
    const foreignOrg = await organizationOf(
      claire,
      customerWhere(emulator, LUMIERE, { resellerAccess: true }).customerId,
    );
    const { data } = await claire.cloudsupport.cases.list({ parent: foreignOrg });
    const foreignCase = data.cases![0]!.name!;
    expectRpcStatus(await failure(alex.cloudsupport.cases.get({ name: foreignCase })), 404, 'NOT_FOUND');
    expectRpcStatus(await failure(alex.cloudsupport.cases.list({ parent: foreignOrg })), 404, 'NOT_FOUND');
  });

  it('403 PERMISSION_DENIED naming the missing privilege', async () => {
    const sam = clientsFor(emulator, USERS.sam);
    const org = await organizationOf(alex, customerWhere(emulator, NORTHWIND, { resellerAccess: true }).customerId);
    const error = await failure(sam.cloudsupport.cases.list({ parent: org }));
    expectRpcStatus(error, 403, 'PERMISSION_DENIED', 'MISSING_PRIVILEGE');
  });

  it("403 PERMISSION_DENIED for customers.get of another reseller's customer", async () => {
    const foreign = emulator.control.data.customers(LUMIERE)[0]!;
    const error = await failure(alex.reseller.customers.get({ customerId: foreign.customerId }));
    expectRpcStatus(error, 403, 'PERMISSION_DENIED', 'WRONG_RESELLER_DOMAIN');
  });

  it('400 INVALID_ARGUMENT for a malformed query and for an update mask outside the allowed fields', async () => {
    const org = await organizationOf(alex, customerWhere(emulator, NORTHWIND, { resellerAccess: true }).customerId);
    expectRpcStatus(
      await failure(alex.cloudsupport.cases.search({ parent: org, query: 'state=' })),
      400,
      'INVALID_ARGUMENT',
    );
    const { data } = await alex.cloudsupport.cases.list({ parent: org });
    const patch = alex.cloudsupport.cases.patch({
      name: data.cases![0]!.name!,
      updateMask: 'description',
      requestBody: { description: 'no' },
    });
    expectRpcStatus(await failure(patch), 400, 'INVALID_ARGUMENT');
  });

  it('401 UNAUTHENTICATED for an unknown bearer token', async () => {
    const anonymous = google.cloudsupport({ version: 'v2', rootUrl: alex.rootUrl, retry: false });
    const error = await failure(
      anonymous.caseClassifications.search(
        { query: 'Gmail' },
        { headers: { Authorization: 'Bearer not-a-real-token' } },
      ),
    );
    expectRpcStatus(error, 401, 'UNAUTHENTICATED');
    expect(error.response?.headers.get('www-authenticate')).toContain('Bearer');
  });
});

describe('429 RESOURCE_EXHAUSTED and googleapis retries', () => {
  it('answers 429 with QuotaFailure; googleapis sends it once with retry off, and re-sends a GET with its default retry on', async () => {
    const limited = await startEmulator({ dataset: 'demo', agent: false, rateLimitPerMinute: 2 });
    try {
      const tokens = limited.control.issueTokens(USERS.alex);
      const noRetry = googleClients(limited.url, tokens);
      await noRetry.cloudsupport.caseClassifications.search({ query: 'Gmail' });
      await noRetry.cloudsupport.caseClassifications.search({ query: 'Gmail' });
      limited.control.clearRequestLog();
      const error = await failure(noRetry.cloudsupport.caseClassifications.search({ query: 'Gmail' }));
      expectRpcStatus(error, 429, 'RESOURCE_EXHAUSTED', 'RATE_LIMIT_EXCEEDED');
      const details = (error.response?.data as { error: { details: { '@type': string }[] } }).error.details;
      expect(details.map((detail) => detail['@type'])).toContain('type.googleapis.com/google.rpc.QuotaFailure');
      expect(limited.control.requestCounts()['caseClassifications.search']).toBe(1);

      // googleapis' default (retry: true) re-sends a 429'd GET; the app must not rely on it.
      limited.control.clearRequestLog();
      const defaults = google.cloudsupport({ version: 'v2', rootUrl: noRetry.rootUrl, auth: noRetry.oauth });
      await failure(
        defaults.caseClassifications.search(
          { query: 'Gmail' },
          { retryConfig: { retryDelay: 1, noResponseRetries: 0 } },
        ),
      );
      expect(limited.control.requestCounts()['caseClassifications.search']).toBeGreaterThan(1);
    } finally {
      await limited.close();
    }
  });
});

describe('OAuth refresh through google-auth-library', () => {
  it('refreshes an expired access token at the emulator token endpoint and retries the call', async () => {
    const issued = emulator.control.issueTokens(USERS.alex);
    const clients = googleClients(emulator.url, { ...issued, expires_in: -60 });
    const { status } = await clients.cloudsupport.caseClassifications.search({ query: 'Meet' });
    expect(status).toBe(200);
    expect(clients.oauth.credentials.access_token).toBeTruthy();
    expect(clients.oauth.credentials.access_token).not.toBe(issued.access_token);
  });
});
