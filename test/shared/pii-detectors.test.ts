import { describe, expect, it } from 'vitest';
import { findCards, passesLuhn } from '../../shared/pii/card-detector';
import { findEmails } from '../../shared/pii/email-detector';
import { findIbans, ibanChecksumValid } from '../../shared/pii/iban-detector';
import { findNirs, findSsns } from '../../shared/pii/national-id-detector';
import { findPhones } from '../../shared/pii/phone-detector';
import { scanForPii } from '../../shared/pii/scan';

const texts = (findings: { text: string }[]) => findings.map((f) => f.text);

describe('email detector', () => {
  it('flags addresses outside the customer domain, with their offsets', () => {
    const text = 'Ask jane.doe@gmail.com or j.smith+tag@mail.other.example.';
    const found = findEmails(text, ['customer.example']);
    expect(texts(found)).toEqual(['jane.doe@gmail.com', 'j.smith+tag@mail.other.example']);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('jane.doe@gmail.com');
  });

  it('leaves the customer domain and its subdomains alone, and text that is no address', () => {
    expect(findEmails('admin@customer.example and ops@eu.customer.example', ['customer.example'])).toEqual([]);
    expect(findEmails('see @mentions, user@localhost, foo@bar', ['customer.example'])).toEqual([]);
    // A look-alike domain is not the customer's.
    expect(texts(findEmails('x@notcustomer.example', ['customer.example']))).toEqual(['x@notcustomer.example']);
  });
});

describe('phone detector', () => {
  it('flags international, French and North American numbers', () => {
    const text = 'Call +33 6 12 34 56 78, 06 12 34 56 78, 0612345678, (415) 555-0132, 415.555.0132 or +1 415-555-0132.';
    expect(texts(findPhones(text))).toEqual([
      '+33 6 12 34 56 78',
      '06 12 34 56 78',
      '0612345678',
      '(415) 555-0132',
      '415.555.0132',
      '+1 415-555-0132',
    ]);
  });

  it('leaves dates, addresses, versions, ids and short numbers alone', () => {
    const text =
      'On 2026-11-29 10:30 the server 192.168.100.120 (v 10.2.33.4) failed order 123456789012, case 4821, ext. 4412, 12 34 56.';
    expect(findPhones(text)).toEqual([]);
    expect(findPhones('organizations/123456789/cases/987654321')).toEqual([]);
  });
});

describe('card detector', () => {
  it('knows the Luhn digit', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('')).toBe(false);
  });

  it('flags card numbers that pass Luhn, grouped or not', () => {
    const text = 'Card 4111 1111 1111 1111, 5555-5555-5555-4444 and amex 378282246310005 expire 2027.';
    expect(texts(findCards(text))).toEqual(['4111 1111 1111 1111', '5555-5555-5555-4444', '378282246310005']);
  });

  it('leaves numbers that fail Luhn or have no card network prefix', () => {
    // 1234567812345670 passes Luhn but starts with 1 (no card network); the Visa look-alike fails Luhn.
    expect(passesLuhn('1234567812345670')).toBe(true);
    expect(findCards('ids 4111 1111 1111 1112 and 1234567812345670 and 12345')).toEqual([]);
  });
});

describe('IBAN detector', () => {
  it('checks mod 97', () => {
    expect(ibanChecksumValid('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(ibanChecksumValid('FR76 3000 6000 0112 3456 7890 188')).toBe(false);
    expect(ibanChecksumValid('DE89370400440532013000')).toBe(true);
  });

  it('flags valid IBANs, grouped or compact, without the word after them', () => {
    const text = 'Pay FR76 3000 6000 0112 3456 7890 189, DE89370400440532013000 or GB82 WEST 1234 5698 7654 32 TODAY.';
    expect(texts(findIbans(text))).toEqual([
      'FR76 3000 6000 0112 3456 7890 189',
      'DE89370400440532013000',
      'GB82 WEST 1234 5698 7654 32',
    ]);
    expect(texts(findIbans('GB82 WEST 1234 5698 7654 3200 CODE'))).toEqual([]);
  });

  it('leaves references of the same shape with wrong check digits', () => {
    expect(findIbans('SKU AB12 3456 7890 1234 and FR76 3000 6000 0112 3456 7890 188')).toEqual([]);
  });
});

describe('French NIR and US SSN detectors', () => {
  it('flags NIRs whose key is right, Corsica included', () => {
    const text = 'NIR 1 84 12 76 451 089 46, 255081416802538 and 1 90 03 2A 004 002 94.';
    expect(texts(findNirs(text))).toEqual(['1 84 12 76 451 089 46', '255081416802538', '1 90 03 2A 004 002 94']);
  });

  it('leaves NIR-shaped numbers with a wrong key', () => {
    expect(findNirs('1 84 12 76 451 089 47 and 255081416802539')).toEqual([]);
  });

  it('flags SSN shapes and leaves the never-issued ones and phone shapes', () => {
    expect(texts(findSsns('SSN 123-45-6789 or 123 45 6789'))).toEqual(['123-45-6789', '123 45 6789']);
    expect(findSsns('000-12-3456 666-12-3456 912-12-3456 123-00-4567 123-45-0000 415-555-0132 123-45 6789')).toEqual(
      [],
    );
  });
});

describe('scan', () => {
  it('finds every kind once, in text order, the stronger check winning an overlap', () => {
    const text = 'Mail bob@gmail.com, card 4111111111111111, phone +33 6 12 34 56 78, admin@acme.example.';
    const found = scanForPii(text, { allowedEmailDomains: ['acme.example'] });
    expect(found.map((f) => [f.kind, f.text])).toEqual([
      ['email', 'bob@gmail.com'],
      ['card', '4111111111111111'],
      ['phone', '+33 6 12 34 56 78'],
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('finds nothing in an ordinary case text', () => {
    const text =
      'Since 2026-11-28, mail to admin@acme.example bounces with 550 5.7.1; 37 users affected in OU /Sales (case 48213).';
    expect(scanForPii(text, { allowedEmailDomains: ['acme.example'] })).toEqual([]);
  });
});
