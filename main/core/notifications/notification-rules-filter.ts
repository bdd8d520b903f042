import type { NotificationRules } from '../../../shared/model/notification-rules';
import type { DetectedChange } from './change-burst';

/** Whether the rules let anything of `domain` notify (on, and the domain not muted). */
export function domainMayNotify(rules: NotificationRules, domain: string): boolean {
  return rules.enabled && !rules.mutedDomains.includes(domain);
}

/** Whether one change of `domain` may notify: its kind chosen, its customer not muted, "only mine" honoured. */
export function changeMayNotify(rules: NotificationRules, domain: string, change: DetectedChange): boolean {
  if (!domainMayNotify(rules, domain) || !rules.kinds.includes(change.kind)) return false;
  if (rules.onlyMine && !change.mine) return false;
  return !rules.mutedCustomers.some((muted) => muted.domain === domain && muted.customerId === change.customerId);
}
