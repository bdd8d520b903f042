import { subscriberEmailSchema } from '../model/case-actions';

export interface SubscriberList {
  /** Valid addresses, lower-cased, each once, in the order typed. */
  emails: string[];
  /** What was typed that is not an email address. */
  invalid: string[];
}

/** The share step's field: addresses separated by commas, semicolons, spaces or new lines. */
export function parseSubscriberEmails(typed: string): SubscriberList {
  const emails: string[] = [];
  const invalid: string[] = [];
  for (const entry of typed.split(/[\s,;]+/).filter((e) => e !== '')) {
    const email = entry.toLowerCase();
    if (!subscriberEmailSchema.safeParse(email).success) invalid.push(entry);
    else if (!emails.includes(email)) emails.push(email);
  }
  return { emails, invalid };
}
