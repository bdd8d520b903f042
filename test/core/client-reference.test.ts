import { describe, expect, it } from 'vitest';
import {
  carriesReference,
  isClientReference,
  newClientReference,
  referenceTag,
  withReference,
} from '../../main/core/outbox/client-reference';
import { CLIENT_REFERENCE_CHARS } from '../../shared/model/outbox';

describe('client reference', () => {
  it('is PD- and six characters nobody misreads (no I, L, O, U)', () => {
    const references = Array.from({ length: 2_000 }, () => newClientReference());
    for (const reference of references) expect(isClientReference(reference), reference).toBe(true);
    expect(references.join('')).not.toMatch(/[ILOU]/);
    // 32^6 values: 2,000 draws practically never repeat.
    expect(new Set(references).size).toBeGreaterThan(1_995);
    expect(newClientReference(() => 31)).toBe('PD-ZZZZZZ');
    expect(isClientReference('PD-7F3K2O')).toBe(false);
  });

  it('follows the text after a blank line, taking exactly the characters the composer leaves for it', () => {
    const reference = newClientReference();
    const text = 'The mail queue is still stuck.\n';
    const sent = withReference(text, reference);
    expect(sent).toBe(`The mail queue is still stuck.\n\n[${reference}]`);
    expect(withReference('x', reference).length - 1).toBe(CLIENT_REFERENCE_CHARS);
    expect(carriesReference(sent, reference)).toBe(true);
    expect(carriesReference(sent.replace(referenceTag(reference), reference), reference)).toBe(false);
    expect(carriesReference(undefined, reference)).toBe(false);
  });
});
