import { describe, expect, it } from 'vitest';
import { findOpenCaseLink, openCaseLink, parseOpenCaseLink } from '../../main/electron/open-case-links';

const A = 'northwind-reseller.example';
const B = 'lumiere-revendeur.example';
const CASE = 'organizations/123/cases/456';

describe('partnerdesk://open links', () => {
  it('round-trip a domain, a case and a notification id', () => {
    for (const link of [
      { domain: A },
      { domain: A, name: CASE },
      { domain: A, name: CASE, notificationId: '7df95be5-0628-44d0-94c0-4521c2d58805:12' },
    ]) {
      expect(parseOpenCaseLink(openCaseLink(link), [A])).toEqual(link);
    }
  });

  it('name only a signed-in domain', () => {
    const link = openCaseLink({ domain: B, name: CASE });
    expect(parseOpenCaseLink(link, [A])).toBeNull();
    expect(parseOpenCaseLink(link, [A, B])).toEqual({ domain: B, name: CASE });
  });

  it('refuse anything else', () => {
    const bad = [
      'https://open?domain=northwind-reseller.example',
      'partnerdesk://other?domain=northwind-reseller.example',
      'partnerdesk://open/more?domain=northwind-reseller.example',
      'partnerdesk://open',
      'partnerdesk://open?domain=NORTHWIND-RESELLER.EXAMPLE',
      'partnerdesk://open?domain=../etc',
      `partnerdesk://open?domain=${A}&domain=${B}`,
      `partnerdesk://open?domain=${A}&case=${encodeURIComponent('organizations/1/cases/2/attachments/3')}`,
      `partnerdesk://open?domain=${A}&case=${encodeURIComponent('../../etc/passwd')}`,
      `partnerdesk://open?domain=${A}&notification=${encodeURIComponent('<script>')}`,
      `partnerdesk://open?domain=${A}&extra=1`,
      `partnerdesk://user:pw@open?domain=${A}`,
      `partnerdesk://open:99?domain=${A}`,
      `partnerdesk://open?domain=${A}#x`,
      `partnerdesk://open?domain=${A}&case=${'a'.repeat(1100)}`,
      'partnerdesk:',
      '',
    ];
    for (const value of bad) expect(parseOpenCaseLink(value, [A, B]), value).toBeNull();
  });

  it('are found among a process’s arguments', () => {
    const link = openCaseLink({ domain: A, name: CASE });
    expect(findOpenCaseLink(['C:\\Partner Desk.exe', '--allow-file-access', link])).toBe(link);
    expect(findOpenCaseLink(['/usr/bin/partner-desk', '.'])).toBeUndefined();
  });
});
