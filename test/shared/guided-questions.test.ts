import { describe, expect, it } from 'vitest';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import {
  composeDescription,
  GUIDED_QUESTIONS,
  questionFamilyOf,
  questionKeysOf,
  type QuestionFamily,
} from '../../shared/new-case/guided-questions';
import { caseLanguageFor } from '../../shared/new-case/case-languages';
import { parseSubscriberEmails } from '../../shared/new-case/subscriber-list';

/** Reads a dotted key in a catalog, as i18next does. */
function lookup(catalog: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalog);
}

describe('guided questions', () => {
  it('reads the family from the category name, by its first level first', () => {
    expect(questionFamilyOf('Google Workspace > Gmail > Delivery issues')).toBe('gmail');
    expect(questionFamilyOf('Google Workspace > Google Drive > Shared drives')).toBe('drive');
    expect(questionFamilyOf('Google Workspace > Google Meet > Meeting room hardware')).toBe('meet');
    // Exchange is mentioned, but the family is Calendar's.
    expect(questionFamilyOf('Google Workspace > Google Calendar > Interoperability with Microsoft Exchange')).toBe(
      'calendar',
    );
    expect(questionFamilyOf('Google Workspace > Admin console > Organizational units')).toBe('admin');
    expect(questionFamilyOf('Google Workspace > Directory sync > Google Cloud Directory Sync')).toBe('admin');
    expect(questionFamilyOf('Google Workspace > Security > Single sign-on (SAML)')).toBe('security');
    expect(questionFamilyOf('Google Workspace > Billing > Licenses and subscriptions')).toBe('billing');
    expect(questionFamilyOf('Google Workspace > Google Docs Editors > Sheets')).toBe('other');
    expect(questionFamilyOf('')).toBe('other');
  });

  it('has every question in both catalogs', () => {
    for (const family of Object.keys(GUIDED_QUESTIONS) as QuestionFamily[]) {
      expect(GUIDED_QUESTIONS[family].length).toBeGreaterThanOrEqual(3);
      for (const key of questionKeysOf(family)) {
        expect(typeof lookup(en, key), key).toBe('string');
        expect(typeof lookup(fr, key), key).toBe('string');
      }
    }
  });

  it('composes the user words and the answered questions as plain text', () => {
    const keys = questionKeysOf('gmail');
    const question = (key: string) => String(lookup(en, key));
    const text = composeDescription(
      {
        details: '  Mail to outlook.com bounces.  ',
        family: 'gmail',
        answers: { [keys[0]!]: ' 12 users ', [keys[2]!]: '550 5.7.1' },
      },
      { question, heading: 'Answers' },
    );
    expect(text).toBe(
      `Mail to outlook.com bounces.\n\nAnswers\n${question(keys[0]!)}\n12 users\n\n${question(keys[2]!)}\n550 5.7.1`,
    );
    expect(text).not.toMatch(/[<>*#]/);
  });

  it('leaves out blank answers and the answers of another family', () => {
    const drive = questionKeysOf('drive');
    const text = composeDescription(
      {
        details: 'Sync fails.',
        family: 'gmail',
        answers: { [drive[0]!]: 'all users', [questionKeysOf('gmail')[1]!]: '  ' },
      },
      { question: (key) => key, heading: 'Answers' },
    );
    expect(text).toBe('Sync fails.');
  });
});

describe('case languages and subscribers', () => {
  it('maps an OS locale to a language support answers in', () => {
    expect(caseLanguageFor('fr-CA')).toBe('fr');
    expect(caseLanguageFor('pt-BR')).toBe('pt');
    expect(caseLanguageFor('zh-Hant-TW')).toBe('zh-TW');
    expect(caseLanguageFor('zh-CN')).toBe('zh-CN');
    expect(caseLanguageFor('sv-SE')).toBe('en');
    expect(caseLanguageFor(undefined)).toBe('en');
  });

  it('splits, validates and dedupes subscriber emails', () => {
    expect(parseSubscriberEmails('a@x.example, B@X.example;a@x.example\nnot-an-email  c@y.example')).toEqual({
      emails: ['a@x.example', 'b@x.example', 'c@y.example'],
      invalid: ['not-an-email'],
    });
    expect(parseSubscriberEmails('  ')).toEqual({ emails: [], invalid: [] });
  });
});
