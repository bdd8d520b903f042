import { createHash } from 'node:crypto';
import type { CaseClassification } from '../../google-wire/google-types';

/** Google Workspace support categories, as the portal's category search lists them. */
const CATEGORY_PATHS = [
  'Gmail > Delivery issues',
  'Gmail > Spam, phishing and malware',
  'Gmail > Routing and compliance rules',
  'Gmail > Gmail on mobile devices',
  'Gmail > Outage or performance',
  'Google Drive > Sharing and permissions',
  'Google Drive > Drive for desktop sync',
  'Google Drive > Storage quota',
  'Google Drive > Shared drives',
  'Google Meet > Audio and video quality',
  'Google Meet > Recording and live streaming',
  'Google Meet > Meeting room hardware',
  'Google Calendar > Room and resource booking',
  'Google Calendar > Invitations and sync',
  'Google Calendar > Interoperability with Microsoft Exchange',
  'Admin console > User management',
  'Admin console > Organizational units',
  'Admin console > Admin roles and privileges',
  'Admin console > Domain verification and DNS',
  'Billing > Invoices and payments',
  'Billing > Licenses and subscriptions',
  'Billing > Plan changes',
  'Security > Compromised account',
  'Security > 2-Step Verification',
  'Security > Single sign-on (SAML)',
  'Security > Alert center',
  'Security > Data loss prevention',
  'Google Chat > Spaces and messages',
  'Google Chat > Chat apps',
  'Google Docs Editors > Docs',
  'Google Docs Editors > Sheets',
  'Google Docs Editors > Slides',
  'Google Docs Editors > Forms',
  'Data migration > Migrate from Microsoft Exchange or Microsoft 365',
  'Data migration > Migrate from another Google Workspace account',
  'Data migration > Data export',
  'Directory sync > Google Cloud Directory Sync',
  'Directory sync > Microsoft Entra ID provisioning',
  'Google Vault > Retention rules',
  'Google Vault > Holds and exports',
  'Endpoint management > Android devices',
  'Endpoint management > iOS devices',
  'Endpoint management > Windows device management',
  'Google Groups > Groups for Business',
  'Google Sites > Publishing and access',
] as const;

export type CategoryPath = (typeof CATEGORY_PATHS)[number];

const BASE32HEX = '0123456789ABCDEFGHIJKLMNOPQRSTUV';

/** Google's classification ids are long opaque base32 strings; derive stable ones from the name. */
function classificationId(displayName: string): string {
  const digest = createHash('sha256').update(displayName).digest();
  let id = '100';
  for (let i = 0; i < 24; i++) id += BASE32HEX.charAt((digest[i] ?? 0) % 32);
  return id;
}

export function displayNameOf(path: CategoryPath): string {
  return `Google Workspace > ${path}`;
}

export const CASE_CLASSIFICATIONS: Required<CaseClassification>[] = CATEGORY_PATHS.map((path) => {
  const displayName = displayNameOf(path);
  return { id: classificationId(displayName), displayName };
});

export function classificationFor(path: CategoryPath): Required<CaseClassification> {
  const displayName = displayNameOf(path);
  const found = CASE_CLASSIFICATIONS.find((c) => c.displayName === displayName);
  if (!found) throw new Error(`Unknown category ${path}`);
  return found;
}
