import type { Language } from '../store/model';

export interface SampleFile {
  filename: string;
  mimeType: string;
  bytes: Buffer;
}

// An 8x8 PNG (a grey square), so image attachments download as a real picture.
const SCREENSHOT_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAD0lEQVR4nGOYhwMwDC0JAE16doF3MWTkAAAAAElFTkSuQmCC',
  'base64',
);

/** Small, realistic attachments (no personal data) for seeded cases. */
export function sampleFiles(customerDomain: string, language: Language): SampleFile[] {
  const headers = [
    `Delivered-To: postmaster@${customerDomain}`,
    'Received: by 2002:a05:6a10:9e0c:0:0:0:0 with SMTP id hx12csp1042pxb;',
    '        Tue, 3 Mar 2026 08:14:22 -0800 (PST)',
    'ARC-Authentication-Results: i=1; mx.google.com;',
    '       spf=softfail (google.com: domain of transitioning sender does not designate 203.0.113.24 as permitted sender)',
    `       dkim=fail header.i=@${customerDomain} header.s=google`,
    `Return-Path: <>`,
    'Subject: Delivery Status Notification (Failure)',
    '',
  ].join('\r\n');
  const csvHeader =
    language === 'fr' ? 'compte,unite_organisationnelle,premiere_occurrence' : 'account,org_unit,first_seen';
  const csv = [
    csvHeader,
    `user01@${customerDomain},/Sales,2026-03-02T08:10:00Z`,
    `user02@${customerDomain},/Sales,2026-03-02T08:12:00Z`,
    `user07@${customerDomain},/Warehouse,2026-03-02T09:41:00Z`,
    '',
  ].join('\n');
  const log = [
    '2026-03-02 07:00:01 INFO  Starting sync (config: sync.xml)',
    '2026-03-02 07:00:09 INFO  Fetched 1432 LDAP entries',
    '2026-03-02 07:00:15 WARN  12 users not found in LDAP search base OU=Staff',
    '2026-03-02 07:00:16 INFO  Proposed changes: 0 added, 12 suspended, 3 updated',
    '2026-03-02 07:00:21 INFO  Sync finished',
    '',
  ].join('\n');
  return [
    { filename: 'message-headers.txt', mimeType: 'text/plain', bytes: Buffer.from(headers) },
    {
      filename: language === 'fr' ? 'comptes-concernes.csv' : 'affected-accounts.csv',
      mimeType: 'text/csv',
      bytes: Buffer.from(csv),
    },
    { filename: 'sync.log', mimeType: 'text/plain', bytes: Buffer.from(log) },
    {
      filename: language === 'fr' ? 'capture-erreur.png' : 'error-screenshot.png',
      mimeType: 'image/png',
      bytes: SCREENSHOT_PNG,
    },
  ];
}
