import type { Catalog } from '../../../shared/i18n/en';
import type { UiLanguage } from '../../../shared/i18n/resolve-language';
import type { DetectedChange } from './change-burst';

/** A grouped notification or a summary lists this many cases, then "and N more". */
export const MAX_LISTED_CASES = 3;

export interface NotificationText {
  title: string;
  body: string;
}

/** The changes of one case, in the order they came. */
export interface CaseChanges {
  name: string;
  customerName: string;
  title: string;
  changes: DetectedChange[];
}

/** Replaces each `{{key}}` of a catalog string. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The catalog's `…One` or `…Other` string for `n`, by the language's plural rules (French: 0 and 1 are singular). */
export function plural(language: UiLanguage, n: number, one: string, other: string): string {
  return new Intl.PluralRules(language).select(n) === 'one' ? one : other;
}

/** Groups changes by case, cases in the order of their first change. */
export function byCase(changes: DetectedChange[]): CaseChanges[] {
  const cases = new Map<string, CaseChanges>();
  for (const change of changes) {
    const found = cases.get(change.name);
    if (found) found.changes.push(change);
    else
      cases.set(change.name, {
        name: change.name,
        customerName: change.customerName,
        title: change.title,
        changes: [change],
      });
  }
  return [...cases.values()];
}

/** What changed, in words: "Google support replied", "Priority changed to P1"... */
export function describeChange(catalog: Catalog, change: DetectedChange): string {
  const words = catalog.native.notifications.change;
  switch (change.kind) {
    case 'comment':
      return words.comment;
    case 'state':
      if (change.state === 'ACTION_REQUIRED') return words.actionRequired;
      if (change.state === 'SOLUTION_PROVIDED') return words.solutionProvided;
      if (change.state === 'CLOSED') return words.closed;
      return fill(words.state, { state: catalog.state[change.state] });
    case 'priority':
      return fill(words.priority, { priority: change.priority });
    case 'escalation':
      return words.escalation;
    case 'attachment':
      return words.attachment;
    case 'new_case':
      return words.newCase;
  }
}

/** Every change of one case in words, each said once ("Google support replied, Solution proposed"). */
function describeChanges(catalog: Catalog, changes: DetectedChange[]): string {
  return [...new Set(changes.map((change) => describeChange(catalog, change)))].join(', ');
}

/** One line per case (MAX_LISTED_CASES at most), then "and N more". */
function caseLines(catalog: Catalog, cases: CaseChanges[]): string[] {
  const text = catalog.native.notifications;
  const lines = cases.slice(0, MAX_LISTED_CASES).map((entry) =>
    fill(text.groupLine, {
      customer: entry.customerName,
      title: entry.title,
      changes: describeChanges(catalog, entry.changes),
    }),
  );
  if (cases.length > MAX_LISTED_CASES) lines.push(fill(text.more, { n: cases.length - MAX_LISTED_CASES }));
  return lines;
}

/** Live changes of one domain: about one case, or one notification listing several. */
export function liveText(catalog: Catalog, domain: string, cases: CaseChanges[]): NotificationText {
  const text = catalog.native.notifications;
  const [only] = cases;
  if (cases.length === 1 && only) {
    return {
      title: fill(text.oneTitle, { customer: only.customerName, title: only.title }),
      body: fill(text.oneBody, { changes: describeChanges(catalog, only.changes), domain }),
    };
  }
  return { title: fill(text.groupTitle, { n: cases.length, domain }), body: caseLines(catalog, cases).join('\n') };
}

/** After a long sleep or time offline: what changed in one domain, and how many cases need the team. */
export function catchUpText(
  catalog: Catalog,
  language: UiLanguage,
  domain: string,
  cases: CaseChanges[],
  attentionCount: number,
): NotificationText {
  const text = catalog.native.notifications;
  const n = cases.length;
  const lines = caseLines(catalog, cases);
  if (attentionCount > 0) {
    lines.push(fill(plural(language, attentionCount, text.needYouOne, text.needYouOther), { n: attentionCount }));
  }
  return {
    title: fill(plural(language, n, text.catchUpTitleOne, text.catchUpTitleOther), { n, domain }),
    body: lines.join('\n'),
  };
}

/** A domain's first complete listing: how many of its cases need the team. */
export function firstSyncText(
  catalog: Catalog,
  language: UiLanguage,
  domain: string,
  attentionCount: number,
): NotificationText {
  const text = catalog.native.notifications;
  return {
    title: fill(plural(language, attentionCount, text.firstSyncTitleOne, text.firstSyncTitleOther), {
      n: attentionCount,
      domain,
    }),
    body: text.firstSyncBody,
  };
}
