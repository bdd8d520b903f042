import { ESCALATION_REASONS, type Escalation } from '../../google-wire/google-types';
import type { CaseRecord } from '../store/model';

type Violation = { field: string; description: string };
type SetPriority = CaseRecord['priority'];

const PRIORITIES = ['P0', 'P1', 'P2', 'P3', 'P4'] as const;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** `priority` Pn, or the deprecated `severity` Sn mapped to Pn; undefined when neither is set. */
export function priorityOf(
  body: Record<string, unknown>,
  violations: Violation[],
  field: string,
): SetPriority | undefined {
  const priority = body.priority;
  const severity = body.severity;
  if (priority !== undefined && priority !== null && priority !== 'PRIORITY_UNSPECIFIED') {
    const found = PRIORITIES.find((p) => p === priority);
    if (!found)
      violations.push({
        field: `${field}.priority`,
        description: `Invalid priority ${JSON.stringify(priority)}: use P0 to P4.`,
      });
    return found;
  }
  if (severity !== undefined && severity !== null && severity !== 'SEVERITY_UNSPECIFIED') {
    const match = typeof severity === 'string' ? /^S([0-4])$/.exec(severity) : null;
    if (!match)
      violations.push({
        field: `${field}.severity`,
        description: `Invalid severity ${JSON.stringify(severity)}: use S0 to S4.`,
      });
    return match ? (`P${match[1]}` as SetPriority) : undefined;
  }
  return undefined;
}

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function emailListOf(value: unknown, violations: Violation[], field: string): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    violations.push({ field, description: 'Must be a list of email addresses.' });
    return undefined;
  }
  const emails: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === 'string' && EMAIL.test(item.trim())) emails.push(item.trim());
    else
      violations.push({
        field: `${field}[${index}]`,
        description: `${JSON.stringify(item)} is not a valid email address.`,
      });
  });
  return emails;
}

export function isEmail(value: string): boolean {
  return EMAIL.test(value);
}

export function escalationOf(body: Record<string, unknown>, violations: Violation[]): Escalation | undefined {
  const escalation = body.escalation;
  if (escalation === null || typeof escalation !== 'object') {
    violations.push({ field: 'escalation', description: 'Required: {"reason", "justification"}.' });
    return undefined;
  }
  const { reason, justification } = escalation as Record<string, unknown>;
  const validReason = ESCALATION_REASONS.find((r) => r === reason);
  if (!validReason) {
    violations.push({ field: 'escalation.reason', description: `Required, one of ${ESCALATION_REASONS.join(', ')}.` });
  }
  const text = nonEmptyString(justification);
  if (!text) violations.push({ field: 'escalation.justification', description: 'Required.' });
  else if (text.length > 1000)
    violations.push({ field: 'escalation.justification', description: 'At most 1000 characters.' });
  return validReason && text ? { reason: validReason, justification: text } : undefined;
}
