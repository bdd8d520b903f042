import { describe, expect, it } from 'vitest';
import { RESELLER_PRIVILEGES } from '../../main/google-wire/google-types';
import { fr } from '../../shared/i18n/fr';
import { createI18n } from '../../renderer/i18n/create-i18n';
import { describeError } from '../../renderer/ui/describe-error';

describe('error wording', () => {
  it("names the missing privilege and who grants it, in both languages, in each one's words and quotes", () => {
    const [support, , accessCases] = RESELLER_PRIVILEGES;
    const error = { code: 'missing_privilege' as const, message: 'denied', detail: { privilege: support } };
    const en = describeError(createI18n('en').t, error);
    expect(en.remedy).toContain('“Support”');
    expect(en.remedy).toContain('super admin');
    const fr = describeError(createI18n('fr').t, error);
    expect(fr.remedy).toContain('«\u00a0Assistance\u00a0»');
    expect(fr.remedy).toContain('super-administrateur');
    const frCases = describeError(createI18n('fr').t, { ...error, detail: { privilege: accessCases } });
    expect(frCases.remedy).toContain(
      'Outils pour les revendeurs › Clients › Accéder aux demandes d’assistance des clients',
    );
  });

  it('shows a privilege it has no words for as Google named it, and says "Support" when none is named', () => {
    const t = createI18n('fr').t;
    const named = { code: 'missing_privilege' as const, message: 'x', detail: { privilege: 'Billing › Manage' } };
    expect(describeError(t, named).remedy).toContain('«\u00a0Billing › Manage\u00a0»');
    const unnamed = { code: 'missing_privilege' as const, message: 'x', detail: { privilege: '' } };
    expect(describeError(t, unnamed).remedy).toContain(`«\u00a0${fr.errors.unknownPrivilege}\u00a0»`);
  });

  it('tells which domain to sign in again, and what a customer without reseller access must do', () => {
    const t = createI18n('en').t;
    expect(describeError(t, { code: 'session_expired', message: 'x' }, { domain: 'a.example' }).title).toContain(
      'a.example',
    );
    const noAccess = describeError(t, { code: 'no_reseller_access', message: 'x', detail: { customerName: 'Acme' } });
    expect(noAccess.title).toContain('Acme');
    expect(noAccess.remedy).toContain('Change a reseller’s access');
    expect(describeError(createI18n('fr').t, { code: 'no_reseller_access', message: 'x' }).remedy).toContain(
      'Modifier l’accès d’un revendeur',
    );
  });

  it('says the app keeps showing saved data offline and retries under quota', () => {
    const t = createI18n('en').t;
    expect(describeError(t, { code: 'offline', message: 'x' }).remedy).toMatch(/saved data.*back online/);
    expect(describeError(t, { code: 'quota', message: 'x' }).remedy).toMatch(/slowing down.*retry/);
  });

  it('words a refused file by its reason, naming it, in both languages', () => {
    const vanished = {
      code: 'not_found' as const,
      message: 'x',
      detail: { reason: 'file_vanished', filename: 'a.har' },
    };
    const en = describeError(createI18n('en').t, vanished);
    expect(en.title).toBe('“a.har” is no longer there.');
    expect(en.title).not.toContain('case');
    expect(describeError(createI18n('fr').t, vanished).title).toBe('« a.har » n’est plus là.');
    const folder = {
      code: 'invalid_argument' as const,
      message: 'x',
      detail: { reason: 'not_a_file', filename: 'docs' },
    };
    expect(describeError(createI18n('en').t, folder).remedy).toContain('not folders');
    expect(describeError(createI18n('en').t, { code: 'not_found', message: 'x' }).title).toContain('case');
  });
});
