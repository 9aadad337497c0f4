import { describe, expect, it } from 'vitest';
import { buildSearchTerms, wantsFuzzy } from './search-terms.js';

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
    expect(terms.phoneDigits).toBeNull();
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
    ['(11) 98765-4321', '11987654321'],
    ['+55 11 98765-4321', '11987654321'],
    ['011 98765 4321', '11987654321'],
    ['98765-4321', '987654321'],
  ])('reads the phone %s as national digits', (q, digits) => {
    expect(buildSearchTerms(q, cipher).phoneDigits).toBe(digits);
  });

  it.each([
    ['ABC-1234', 'ABC1C34'],
    ['abc1c34', 'ABC1C34'],
    ['BRA2E19', 'BRA2E19'],
  ])('reads the plate %s in its Mercosul form', (q, plate) => {
    expect(buildSearchTerms(q, cipher).plate).toBe(plate);
  });

  it('recognizes a VIN and an e-mail', () => {
    expect(buildSearchTerms('9bwzzz377vt004251', cipher).vin).toBe('9BWZZZ377VT004251');
    expect(buildSearchTerms('Ana@Ex.com', cipher).email).toBe('ana@ex.com');
  });

  it('falls back to similarity only when nothing matched and there is a word to compare', () => {
    expect(wantsFuzzy(buildSearchTerms('joao silvx', cipher), 0)).toBe(true);
    expect(wantsFuzzy(buildSearchTerms('joao silvx', cipher), 3)).toBe(false);
    expect(wantsFuzzy(buildSearchTerms('529.982.247-25', cipher), 0)).toBe(false);
  });
});
