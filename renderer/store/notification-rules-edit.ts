import type { ChangeKind } from '../../shared/model/case-change';
import { clockTimeSchema, type NotificationRules } from '../../shared/model/notification-rules';

/** The edits the Notifications pane, a tab's menu and a customer's menu make to `settings.notifications`. */

export function isDomainMuted(rules: NotificationRules, domain: string): boolean {
  return rules.mutedDomains.includes(domain);
}

export function isCustomerMuted(rules: NotificationRules, domain: string, customerId: string): boolean {
  return rules.mutedCustomers.some((c) => c.domain === domain && c.customerId === customerId);
}

export function withDomainMuted(rules: NotificationRules, domain: string, muted: boolean): NotificationRules {
  const others = rules.mutedDomains.filter((d) => d !== domain);
  return { ...rules, mutedDomains: muted ? [...others, domain] : others };
}

export function withCustomerMuted(
  rules: NotificationRules,
  domain: string,
  customerId: string,
  muted: boolean,
): NotificationRules {
  const others = rules.mutedCustomers.filter((c) => c.domain !== domain || c.customerId !== customerId);
  return { ...rules, mutedCustomers: muted ? [...others, { domain, customerId }] : others };
}

/** Kinds keep the catalog's order whatever order they were ticked in. */
export function withKind(rules: NotificationRules, kind: ChangeKind, on: boolean, order: readonly ChangeKind[]) {
  const kinds = new Set(rules.kinds);
  if (on) kinds.add(kind);
  else kinds.delete(kind);
  return { ...rules, kinds: order.filter((k) => kinds.has(k)) };
}

export type QuietHoursProblem = 'empty' | 'invalid' | 'same';

/**
 * What is wrong with a quiet-hours span as typed, or null. A span may cross midnight
 * (20:00 → 08:00); an empty one (start = end) would silence nothing and is refused.
 */
export function quietHoursProblem(start: string, end: string): QuietHoursProblem | null {
  if (start === '' || end === '') return 'empty';
  if (!clockTimeSchema.safeParse(start).success || !clockTimeSchema.safeParse(end).success) return 'invalid';
  return start === end ? 'same' : null;
}
