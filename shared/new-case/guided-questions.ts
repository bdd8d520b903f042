/**
 * The questions the portal asks in "Description de la demande" for a kind of problem, so
 * the agent gets what they would otherwise ask for in their first reply. One small set per
 * category family, the family read from the category's name (Google's classifications are
 * "Google Workspace > Family > Topic"):
 *
 * - gmail:    affected users, since when, the exact error or bounce, an example message
 * - drive:    affected users or shared drives, the item and its sharing, the action, the client
 * - meet:     affected users, a meeting (date, time, code), the device or room, the symptom
 * - calendar: affected users, the calendar/event/resource, the action, another system involved
 * - admin:    the Admin console page or setting, the change tried, the error, affected OUs
 *             (also directory sync, endpoint management, groups, domains)
 * - security: the accounts (count and role, no names), how it was noticed, what was done, SSO
 * - billing:  the subscription, the invoice or period (no payment details), expected vs seen
 * - other:    the problem, since when and how many users, how to reproduce
 *
 * Question texts live in the catalogs under `newCase.questions.<family>.<id>`; every
 * answer is optional, unanswered questions are left out of the description.
 */
export const GUIDED_QUESTIONS = {
  gmail: ['scope', 'since', 'error', 'example'],
  drive: ['scope', 'item', 'action', 'client'],
  meet: ['scope', 'meeting', 'device', 'symptom'],
  calendar: ['scope', 'item', 'action', 'interop'],
  admin: ['setting', 'change', 'error', 'scope'],
  security: ['accounts', 'noticed', 'done', 'sso'],
  billing: ['subscription', 'invoice', 'expected'],
  other: ['what', 'since', 'steps'],
} as const satisfies Record<string, readonly string[]>;

export type QuestionFamily = keyof typeof GUIDED_QUESTIONS;

/** Words of a category path that name a family; the first family whose words match wins. */
const FAMILY_WORDS: readonly (readonly [Exclude<QuestionFamily, 'other'>, RegExp])[] = [
  ['gmail', /\b(gmail|e-?mail|mail delivery|spam|phishing)\b/i],
  ['drive', /\b(drive|shared drives?)\b/i],
  ['meet', /\b(meet|video ?call|meeting room)\b/i],
  ['calendar', /\b(calendar|agenda)\b/i],
  ['security', /\b(security|sécurité|identity|2-step|sso|saml|password|compromised)\b/i],
  ['billing', /\b(billing|facturation|invoices?|licen[cs]es?|subscriptions?|payments?)\b/i],
  [
    'admin',
    /\b(admin console|console d'administration|directory|organizational units?|user management|endpoint|groups|domain verification|dns)\b/i,
  ],
];

/** The family of a category, by its first level below the product, else by any level. */
export function questionFamilyOf(categoryName: string): QuestionFamily {
  const levels = categoryName
    .split('>')
    .map((level) => level.trim())
    .filter((level) => level !== '' && level.toLowerCase() !== 'google workspace');
  for (const text of [levels[0] ?? '', levels.join(' > ')]) {
    const family = FAMILY_WORDS.find(([, words]) => words.test(text));
    if (family) return family[0];
  }
  return 'other';
}

function questionKey(family: QuestionFamily, id: string): string {
  return `newCase.questions.${family}.${id}`;
}

/** The catalog keys of a family's questions, in the order they are asked. */
export function questionKeysOf(family: QuestionFamily): string[] {
  return GUIDED_QUESTIONS[family].map((id) => questionKey(family, id));
}

export interface DescriptionParts {
  /** What the user wrote in their own words. */
  details: string;
  family: QuestionFamily;
  /** Answers by question key; blank ones are left out. */
  answers: Readonly<Record<string, string>>;
}

/**
 * The description sent to Google: the user's words, then each answered question and its
 * answer, in plain text (the agent's console shows no markup):
 *
 *     <details>
 *
 *     <heading>
 *     <question 1>
 *     <answer 1>
 *
 *     <question 2>
 *     <answer 2>
 */
export function composeDescription(
  parts: DescriptionParts,
  text: { question: (key: string) => string; heading: string },
): string {
  const answered = questionKeysOf(parts.family)
    .map((key) => ({ key, answer: (parts.answers[key] ?? '').trim() }))
    .filter((entry) => entry.answer !== '');
  const details = parts.details.trim();
  if (answered.length === 0) return details;
  const qa = answered.map((entry) => `${text.question(entry.key)}\n${entry.answer}`).join('\n\n');
  return [details, `${text.heading}\n${qa}`].filter((block) => block !== '').join('\n\n');
}
