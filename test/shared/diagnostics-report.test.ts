import { describe, expect, it } from 'vitest';
import { buildDiagnosticsReport, catalogText } from '../../shared/diagnostics/diagnostics-report';
import { createRedactor, REDACTED } from '../../shared/diagnostics/report-redaction';
import { REMEDY_LINKS, remedyLinkUrl } from '../../shared/diagnostics/remedy-links';
import { UI_LANGUAGES } from '../../shared/i18n/resolve-language';
import {
  CAPABILITIES,
  diagnosticsSchema,
  REMEDIES,
  type CapabilityProbe,
  type Diagnostics,
} from '../../shared/model/diagnostics';
import { DEMO_CUSTOMERS } from '../../main/emulator/seed/demo-customers';
import { NORTHWIND_DOMAIN } from '../../main/emulator/seed/demo-accounts';

const DOMAIN = NORTHWIND_DOMAIN;
const customers = DEMO_CUSTOMERS.filter((c) => c.resellerDomain === DOMAIN);
function customerAt(index: number) {
  const customer = customers[index];
  if (!customer) throw new Error(`The demo data has fewer than ${index + 1} customers for Northwind`);
  return customer;
}
const acme = customerAt(0);
const other = customerAt(1);

// Secrets of each kind the report must never carry, built at run time so no literal looks like a real one.
const ACCESS_TOKEN = `ya29.a0AfB_${'byXk3Lq9'.repeat(6)}`;
const REFRESH_TOKEN = `1//0gYw${'Zt7Qp2Lm'.repeat(5)}-abc`;
const CLIENT_SECRET = `GOCSPX-${'k9Xw2Lp4'.repeat(3)}`;
const JWT = `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.${'c2lnbmF0dXJl'.repeat(3)}`;
const BASE64_KEY = `${'Qk9SRUFMc2VjcmV0'.repeat(3)}Zz09`;
const USER = `alex.morgan@${DOMAIN}`;
const OUTSIDER = 'dana.whitfield@acmelogistics.example';
const ENCODED = `sam.lee%40${DOMAIN}`;
const SECRETS = [ACCESS_TOKEN, REFRESH_TOKEN, CLIENT_SECRET, JWT, BASE64_KEY];

/** Hostile pieces: tokens, emails, a customer's name, domain, id and organization number. */
const PIECES = [
  `Bearer ${ACCESS_TOKEN}`,
  `refresh=${REFRESH_TOKEN}`,
  `secret ${CLIENT_SECRET} key ${BASE64_KEY}`,
  `jwt ${JWT}`,
  `from ${USER} and ${OUTSIDER} (${ENCODED})`,
  `customer ${acme.organization} at ${acme.domain} (${acme.customerId})`,
  `organizations/${acme.orgNumber}/cases/48213377 of ${other.organization.toUpperCase()}`,
];

/** Every hostile piece at once. */
function hostile(tag: string): string {
  return [tag, ...PIECES].join(' ');
}

/** Two hostile pieces, for the fields the model bounds to a few hundred characters. */
function hostileShort(index: number): string {
  return `${PIECES[index % PIECES.length]} ${PIECES[(index + 3) % PIECES.length]}`;
}

/** Substrings that would identify a customer or a person, or hand out a credential. */
function forbidden(): string[] {
  return [
    ...SECRETS,
    ...SECRETS.map((secret) => secret.slice(8, 30)),
    USER,
    'alex.morgan',
    'sam.lee',
    'dana.whitfield',
    OUTSIDER,
    ...customers.flatMap((c) => [c.organization, c.domain, c.customerId, c.orgNumber]),
    '48213377',
  ];
}

function probe(capability: (typeof CAPABILITIES)[number], outcome: CapabilityProbe['outcome']): CapabilityProbe {
  return { capability, outcome, durationMs: 42, target: hostileShort(CAPABILITIES.indexOf(capability)) };
}

/** One of each outcome, and every remedy, with hostile text in every string field. */
function hostileDiagnostics(): Diagnostics {
  const probes: CapabilityProbe[] = CAPABILITIES.map((capability, index) => {
    if (index === 0) return probe(capability, { status: 'ok', count: 7 });
    if (index === 1) return probe(capability, { status: 'ok' });
    if (index === 2 || index === 3) {
      return probe(capability, {
        status: 'refused',
        httpStatus: index === 2 ? 403 : null,
        googleStatus: `DENIED ${USER}`,
        message: hostile(`message of ${capability}`),
        code: 'missing_privilege',
        remedies: index === 2 ? [...REMEDIES] : ['check_network'],
      });
    }
    return probe(capability, { status: 'not_tried', reason: index === 4 ? 'earlier_step_failed' : 'no_case' });
  });
  return diagnosticsSchema.parse({
    domain: DOMAIN,
    email: USER,
    backend: 'google',
    endpoints: {
      cloudSupport: 'https://cloudsupport.googleapis.com/',
      token: `https://oauth2.googleapis.com/token?refresh_token=${REFRESH_TOKEN}&login_hint=${USER}`,
      [`k-${OUTSIDER}`.slice(0, 40)]: `https://${acme.domain}/proxy?u=${ENCODED}`,
      reseller: `https://reseller.googleapis.com/apps/reseller/v1/?t=${ACCESS_TOKEN}`,
    },
    scopes: ['https://www.googleapis.com/auth/cloud-platform', ...PIECES],
    probes,
    sync: { lastSyncedAt: '2026-11-29T20:00:00.000Z', lastDurationMs: 1234.4, state: 'error' },
    requestsLastHour: 57,
    recentErrors: [
      {
        at: '2026-11-29T19:59:00.000Z',
        method: 'cloudsupport.cases.search',
        httpStatus: 403,
        code: 'missing_privilege',
        message: hostile('error'),
      },
      {
        at: `${OUTSIDER} ${acme.customerId}`.slice(0, 40),
        method: `${other.domain} ${JWT}`.slice(0, 120),
        httpStatus: null,
        code: 'offline',
        message: 'fetch failed',
      },
    ],
    ranAt: '2026-11-29T20:01:00.000Z',
  });
}

const knownCustomers = customers.map((c) => ({
  customerId: c.customerId,
  domain: c.domain,
  organizationName: c.organization,
}));

describe('the Diagnostics report', () => {
  it.each(UI_LANGUAGES)('carries no token, email or customer in %s, whatever field they hide in', (language) => {
    const report = buildDiagnosticsReport(hostileDiagnostics(), { language, customers: knownCustomers });
    const lower = report.toLowerCase();
    for (const secret of forbidden()) expect(lower, secret).not.toContain(secret.toLowerCase());
    expect(report).not.toMatch(/[\w.+-]+@(?!northwind-reseller\.example)/);
    expect(report).not.toMatch(/Bearer (?!\[token\])/);
    // What stands in their place says what was there.
    for (const mark of [REDACTED.token, REDACTED.email, REDACTED.customer, REDACTED.customerId, REDACTED.id]) {
      expect(report, mark).toContain(mark);
    }
    expect(report).toContain(`${REDACTED.user}@${DOMAIN}`);
  });

  it('removes customer domains and ids by their shape, even of customers the window does not know', () => {
    const report = buildDiagnosticsReport(hostileDiagnostics(), { language: 'en' });
    const lower = report.toLowerCase();
    for (const c of customers) {
      expect(lower).not.toContain(c.domain);
      expect(report).not.toContain(c.customerId);
      expect(report).not.toContain(c.orgNumber);
    }
  });

  it.each(UI_LANGUAGES)("still says each capability's outcome, in %s", (language) => {
    const diagnostics = hostileDiagnostics();
    const report = buildDiagnosticsReport(diagnostics, { language, customers: knownCustomers });
    const t = (key: string, values?: Record<string, string | number>) => catalogText(language, key, values);
    const lines = report.split('\n');
    for (const { capability, outcome } of diagnostics.probes) {
      const name = t(`diagnostics.capabilities.names.${capability}`);
      const line = lines.find((l) => l.includes(name));
      expect(line, capability).toBeDefined();
      const word = { ok: 'ok', refused: 'refused', not_tried: 'notTried' }[outcome.status];
      expect(line, capability).toContain(`[${t(`diagnostics.outcome.${word}`)}]`);
      if (outcome.status === 'not_tried') expect(line).toContain(t(`diagnostics.notTried.${outcome.reason}`));
      if (outcome.status === 'ok' && outcome.count !== undefined) {
        expect(line).toContain(t('diagnostics.outcome.okCount', { count: outcome.count }));
      }
    }
    // Google's status survives; the refusal without an answer says so.
    expect(report).toContain('HTTP 403 DENIED');
    expect(report).toContain(t('diagnostics.outcome.noAnswer'));
    // Each remedy is worded, with its links.
    for (const remedy of REMEDIES) {
      expect(report, remedy).toContain(t(`diagnostics.remedies.${remedy}`, { domain: DOMAIN }));
      for (const link of REMEDY_LINKS[remedy]) expect(report).toContain(remedyLinkUrl(link, language));
    }
    expect(report).toContain(t('privileges.accessCases'));
    // The rest of the page: account, endpoints, scopes, sync, traffic, errors.
    expect(report).toContain(`${t('diagnostics.account.domain')}`);
    expect(report).toContain('https://cloudsupport.googleapis.com/');
    expect(report).toContain('https://www.googleapis.com/auth/cloud-platform');
    expect(report).toContain(t('diagnostics.sync.states.error'));
    expect(report).toContain('57');
    expect(report).toContain('cloudsupport.cases.search');
    expect(report).toContain('2026-11-29T19:59:00.000Z');
  });

  it('is written in the language asked, and says so when nothing failed', () => {
    const healthy = diagnosticsSchema.parse({
      ...hostileDiagnostics(),
      probes: CAPABILITIES.map((capability) => ({
        capability,
        outcome: { status: 'ok' },
        durationMs: 10,
      })),
      recentErrors: [],
      backend: 'demo',
    });
    const en = buildDiagnosticsReport(healthy, { language: 'en', appVersion: '1.2.3' });
    const fr = buildDiagnosticsReport(healthy, { language: 'fr', appVersion: '1.2.3' });
    expect(en).toContain(catalogText('en', 'diagnostics.recentErrors.none'));
    expect(fr).toContain(catalogText('fr', 'diagnostics.recentErrors.none'));
    expect(fr).toContain(`${catalogText('fr', 'diagnostics.account.domain')} : ${DOMAIN}`);
    expect(en).toContain(
      `${catalogText('en', 'diagnostics.account.backend')}: ${catalogText('en', 'diagnostics.account.backendDemo')}`,
    );
    expect(en).toContain('1.2.3');
    expect(en).not.toContain(catalogText('en', 'diagnostics.outcome.refused'));
  });
});

describe('the redactor', () => {
  const redact = createRedactor({ domain: DOMAIN, customers: knownCustomers });

  it('keeps what names no one: Google hosts and API names, the signed-in domain, times, small numbers', () => {
    const safe = [
      'https://cloudsupport.googleapis.com/v2/',
      'https://accounts.google.com/o/oauth2/v2/auth',
      'http://127.0.0.1:43123/apps/reseller/v1/',
      'cloudsupport.cases.search',
      'reseller.subscriptions.list',
      'cloudresourcemanager.organizations.search',
      DOMAIN,
      '2026-11-29T20:01:00.000Z',
      'HTTP 429 RESOURCE_EXHAUSTED after 1234 ms',
    ];
    for (const text of safe) expect(redact(text), text).toBe(text);
  });

  it("removes the emulator's own refusals' customer, and a real Google resource name", () => {
    const noAccess = `The customer ${acme.domain} (${acme.customerId}) has not authorized reseller access to its account.`;
    expect(redact(noAccess)).toBe(
      `The customer ${REDACTED.domain} (${REDACTED.customerId}) has not authorized reseller access to its account.`,
    );
    const denied = `Permission 'cloudsupport.cases.list' denied on resource '//cloudresourcemanager.googleapis.com/organizations/${acme.orgNumber}' (or it may not exist).`;
    expect(redact(denied)).toBe(
      `Permission 'cloudsupport.cases.list' denied on resource '//cloudresourcemanager.googleapis.com/organizations/${REDACTED.id}' (or it may not exist).`,
    );
  });

  it('removes a known customer name whatever its case, and only whole', () => {
    const name = acme.organization;
    expect(redact(`${name.toLowerCase()} and ${name.toUpperCase()}`)).toBe(
      `${REDACTED.customer} and ${REDACTED.customer}`,
    );
    expect(
      createRedactor({
        domain: DOMAIN,
        customers: [{ customerId: 'C01x', domain: 'x.example', organizationName: 'IT' }],
      })('IT dept'),
    ).toBe('IT dept');
  });
});
