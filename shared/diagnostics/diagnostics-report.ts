import { CATALOGS } from '../i18n/catalogs';
import type { UiLanguage } from '../i18n/resolve-language';
import type { CapabilityProbe, Diagnostics } from '../model/diagnostics';
import { CUSTOM_ROLE_PRIVILEGE_KEYS, REMEDY_LINKS, remedyLinkLabelKey, remedyLinkUrl } from './remedy-links';
import { createRedactor, type RedactionContext } from './report-redaction';

export interface ReportOptions {
  language: UiLanguage;
  /** Customers the window knows for the domain: removed wherever they appear (see report-redaction.ts). */
  customers?: RedactionContext['customers'];
  appVersion?: string;
}

type Values = Readonly<Record<string, string | number>>;

/** A catalog string by its dotted key, placeholders filled: the report is words from the same catalogs as the page. */
export function catalogText(language: UiLanguage, key: string, values: Values = {}): string {
  let node: unknown = CATALOGS[language];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`No catalog string ${key}`);
  return node.replace(/\{\{(\w+)\}\}/g, (_match, name: string) => String(values[name] ?? ''));
}

/**
 * Everything the Diagnostics page shows, as plain text in the user's language, for a
 * support ticket. Every string that came from the core or from Google goes through the
 * redactor (tokens, emails, customer names, domains and ids); the labels and numbers are
 * the app's own.
 */
export function buildDiagnosticsReport(diagnostics: Diagnostics, options: ReportOptions): string {
  const { language } = options;
  const t = (key: string, values?: Values) => catalogText(language, key, values);
  const label = (key: string, value: string) => `${t(key)}${colon(language)}${value}`;
  const redact = createRedactor({ domain: diagnostics.domain, customers: options.customers });
  const domain = redact(diagnostics.domain);
  const lines: string[] = [];
  const heading = (key: string) => lines.push('', `== ${t(key)} ==`);

  lines.push(t('diagnostics.report.title'), label('diagnostics.report.ranAt', redact(diagnostics.ranAt)));
  if (options.appVersion !== undefined) lines.push(label('diagnostics.report.appVersion', redact(options.appVersion)));
  lines.push(t('diagnostics.report.redacted'));

  heading('diagnostics.account.heading');
  lines.push(
    label('diagnostics.account.user', redact(diagnostics.email)),
    label('diagnostics.account.domain', domain),
    label(
      'diagnostics.account.backend',
      t(diagnostics.backend === 'demo' ? 'diagnostics.account.backendDemo' : 'diagnostics.account.backendGoogle'),
    ),
    `${t('diagnostics.account.endpoints')}${colon(language).trimEnd()}`,
    ...Object.entries(diagnostics.endpoints).map(([name, url]) => `  ${redact(name)}: ${redact(url)}`),
    `${t('diagnostics.account.scopes')}${colon(language).trimEnd()}`,
    ...(diagnostics.scopes.length > 0
      ? diagnostics.scopes.map((scope) => `  ${redact(scope)}`)
      : [`  ${t('diagnostics.account.noScopes')}`]),
  );

  heading('diagnostics.capabilities.heading');
  for (const probe of diagnostics.probes) lines.push(...probeLines(probe, { t, label, redact, domain, language }));

  heading('diagnostics.sync.heading');
  const { sync } = diagnostics;
  lines.push(
    label(
      'diagnostics.sync.lastSync',
      sync.lastSyncedAt === null ? t('diagnostics.sync.never') : redact(sync.lastSyncedAt),
    ),
    label(
      'diagnostics.sync.duration',
      sync.lastDurationMs === null ? '—' : t('diagnostics.outcome.duration', { ms: Math.round(sync.lastDurationMs) }),
    ),
    label('diagnostics.sync.state', t(`diagnostics.sync.states.${sync.state}`)),
    label('diagnostics.sync.requestsLastHour', String(diagnostics.requestsLastHour)),
  );

  heading('diagnostics.recentErrors.heading');
  if (diagnostics.recentErrors.length === 0) lines.push(t('diagnostics.recentErrors.none'));
  for (const entry of diagnostics.recentErrors) {
    const cause = t(`errors.${entry.code}.title`, errorValues(t, domain));
    lines.push(
      [
        redact(entry.at),
        redact(entry.method),
        entry.httpStatus === null
          ? t('diagnostics.outcome.noAnswer')
          : t('diagnostics.outcome.httpStatus', { status: entry.httpStatus }),
        `${entry.code} (${cause})`,
      ].join(' · '),
      `  ${redact(entry.message)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/** French typography puts a space before a colon. */
function colon(language: UiLanguage): string {
  return language === 'fr' ? ' : ' : ': ';
}

function quote(text: string, language: UiLanguage): string {
  return language === 'fr' ? `«\u00a0${text}\u00a0»` : `“${text}”`;
}

/** Placeholders an error title may hold, with neutral words: the report names no customer. */
function errorValues(t: (key: string) => string, domain: string): Values {
  return {
    customer: t('errors.thisCustomer'),
    domain,
    privilege: t('errors.unknownPrivilege'),
    field: '',
    filename: '',
  };
}

function probeLines(
  probe: CapabilityProbe,
  words: {
    t: (key: string, values?: Values) => string;
    label: (key: string, value: string) => string;
    redact: (text: string) => string;
    domain: string;
    language: UiLanguage;
  },
): string[] {
  const { t, label, redact, domain, language } = words;
  const name = t(`diagnostics.capabilities.names.${probe.capability}`);
  const duration =
    probe.durationMs === null ? '' : ` · ${t('diagnostics.outcome.duration', { ms: Math.round(probe.durationMs) })}`;
  const { outcome } = probe;
  const lines: string[] = [];
  if (outcome.status === 'ok') {
    const count = outcome.count === undefined ? '' : ` — ${t('diagnostics.outcome.okCount', { count: outcome.count })}`;
    lines.push(`[${t('diagnostics.outcome.ok')}] ${name}${count}${duration}`);
  } else if (outcome.status === 'not_tried') {
    lines.push(`[${t('diagnostics.outcome.notTried')}] ${name} — ${t(`diagnostics.notTried.${outcome.reason}`)}`);
  } else {
    const http =
      outcome.httpStatus === null
        ? t('diagnostics.outcome.noAnswer')
        : t('diagnostics.outcome.httpStatus', { status: outcome.httpStatus });
    lines.push(
      `[${t('diagnostics.outcome.refused')}] ${name} — ${http} ${redact(outcome.googleStatus)}${duration}`,
      `  ${label('diagnostics.outcome.googleMessage', quote(redact(outcome.message), language))}`,
    );
    if (outcome.remedies.length > 0) lines.push(`  ${t('diagnostics.remediesHeading')}${colon(language).trimEnd()}`);
    for (const remedy of outcome.remedies) {
      lines.push(`  - ${t(`diagnostics.remedies.${remedy}`, { domain })}`);
      if (remedy === 'custom_role_privileges') {
        for (const key of CUSTOM_ROLE_PRIVILEGE_KEYS) lines.push(`    · ${t(`privileges.${key}`)}`);
      }
      for (const link of REMEDY_LINKS[remedy]) {
        lines.push(`    ${t(remedyLinkLabelKey(link))}${colon(language)}${remedyLinkUrl(link, language)}`);
      }
    }
  }
  if (probe.target !== undefined) lines.push(`  ${label('diagnostics.outcome.target', redact(probe.target))}`);
  return lines;
}
