import type { PiiFinding } from '../../../shared/pii/finding';
import { scanForPii } from '../../../shared/pii/scan';

export interface PiiField {
  field: 'title' | 'description' | 'files';
  text: string;
  findings: PiiFinding[];
}

/** What the review points at: title, description as sent, and the attachments' file names. */
export function piiReport(
  parts: { title: string; description: string; fileNames: readonly string[] },
  customerDomain: string | undefined,
): PiiField[] {
  const options = { allowedEmailDomains: customerDomain ? [customerDomain] : [] };
  const fileNames = parts.fileNames.join('\n');
  return [
    { field: 'title' as const, text: parts.title },
    { field: 'description' as const, text: parts.description },
    { field: 'files' as const, text: fileNames },
  ]
    .map((entry) => ({ ...entry, findings: scanForPii(entry.text, options) }))
    .filter((entry) => entry.findings.length > 0);
}

/** One attachment's name, scanned on its own so its marks fall on its own text. */
export function scanFileName(name: string, customerDomain: string | undefined): PiiFinding[] {
  return scanForPii(name, { allowedEmailDomains: customerDomain ? [customerDomain] : [] });
}
