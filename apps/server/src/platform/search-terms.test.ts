import { describe, expect, it } from 'vitest';
import { buildSearchTerms, phoneLookupKeys, phoneQueryKeys, wantsFuzzy } from './search-terms.js';

const cipher = { lookupHash: (value: string) => `h(${value})` };

describe('reading what was typed in the search box', () => {
  it('folds a name and keeps its words of 3+ characters', () => {
    const terms = buildSearchTerms('  João da Conceição ', cipher);
    expect(terms).toMatchObject({
      folded: 'joao da conceicao',
      words: ['joao', 'conceicao'],
      hasLetters: true,
    });
    expect(terms.documentHashes).toEqual([]);
    expect(terms.phoneHashes).toEqual([]);
    expect(terms.emailHash).toBeNull();
  });

  it('hashes a masked CPF the way it is stored, and never keeps it in clear', () => {
    const terms = buildSearchTerms('529.982.247-25', cipher);
    expect(terms.documentHashes).toContain('h(52998224725)');
    expect(terms.hasLetters).toBe(false);
  });

  it('hashes the root of a CNPJ, and an 8-character root on its own', () => {
    expect(buildSearchTerms('12.ABC.345/01DE-35', cipher).rootHash).toBe('h(12ABC345)');
    expect(buildSearchTerms('11.444.777', cipher).rootHash).toBe('h(11444777)');
  });

  it.each([
    ['(11) 98765-4321', '+5511987654321'],
    ['+55 11 98765-4321', '+5511987654321'],
    ['011 98765 4321', '+5511987654321'],
    ['(11) 8765-4321', '+551187654321'],
    ['5511987654321', '+5511987654321'],
    ['551187654321', '+551187654321'],
    ['98765-4321', 'tel:87654321'],
    ['8765-4321', 'tel:87654321'],
  ])('hashes the phone %s by its lookup key %s', (q, key) => {
    expect(buildSearchTerms(q, cipher).phoneHashes).toEqual([`h(${key})`]);
  });

  it.each([
    ['a Brazilian mobile', '+5511987654321', ['+5511987654321', '+551187654321', 'tel:87654321']],
    ['a mobile stored the old way', '+551187654321', ['+551187654321', '+5511987654321', 'tel:87654321']],
    ['a landline', '+551134567890', ['+551134567890', 'tel:34567890']],
    ['a Chilean mobile', '+56912345678', ['+56912345678', 'tel:12345678']],
  ])('stores %s under every spelling a search or WhatsApp can bring', (_label, e164, keys) => {
    expect(phoneLookupKeys(e164)).toEqual(keys);
  });

  it('finds every stored spelling of a mobile from each spelling typed', () => {
    const stored = new Set(phoneLookupKeys('+5511987654321'));
    for (const typed of ['(11) 98765-4321', '11 8765-4321', '+55 11 8765-4321', '98765-4321', '87654321']) {
      expect(
        phoneQueryKeys(typed).every((key) => stored.has(key)),
        typed,
      ).toBe(true);
      expect(phoneQueryKeys(typed).length, typed).toBe(1);
    }
  });

  it('reads no phone in text with letters, or in too few digits', () => {
    expect(phoneQueryKeys('ana 98765-4321')).toEqual([]);
    expect(phoneQueryKeys('1234-567')).toEqual([]);
  });

  it.each([
    ['ABC-1234', 'ABC1C34'],
    ['abc1c34', 'ABC1C34'],
    ['BRA2E19', 'BRA2E19'],
  ])('reads the plate %s in its Mercosul form', (q, plate) => {
    expect(buildSearchTerms(q, cipher).plate).toBe(plate);
  });

  it('recognizes a VIN, and an e-mail by the hash of its lower-case form', () => {
    expect(buildSearchTerms('9bwzzz377vt004251', cipher).vin).toBe('9BWZZZ377VT004251');
    expect(buildSearchTerms(' Ana@Ex.com ', cipher).emailHash).toBe('h(ana@ex.com)');
  });

  it('falls back to similarity only when nothing matched and there is a word to compare', () => {
    expect(wantsFuzzy(buildSearchTerms('joao silvx', cipher), 0)).toBe(true);
    expect(wantsFuzzy(buildSearchTerms('joao silvx', cipher), 3)).toBe(false);
    expect(wantsFuzzy(buildSearchTerms('529.982.247-25', cipher), 0)).toBe(false);
  });
});
