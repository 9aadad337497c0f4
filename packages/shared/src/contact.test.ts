import { describe, expect, it } from 'vitest';
import {
  formatCep,
  formatPhone,
  isBrazilianMobile,
  normalizeCep,
  normalizePhone,
  whatsappCandidates,
} from './contact.js';

describe('phones', () => {
  it.each([
    ['(11) 98765-4321', '+5511987654321'],
    ['11987654321', '+5511987654321'],
    ['+55 11 98765-4321', '+5511987654321'],
    ['0055 11 98765 4321', '+5511987654321'],
    ['011 98765-4321', '+5511987654321'],
    ['(19) 3234-5678', '+551932345678'],
    ['015 11 98765-4321', '+5511987654321'],
    ['+56 9 8765 4321', '+56987654321'],
    ['(11) 88765-4321', null],
    ['123', null],
    ['', null],
  ])('normalizePhone(%s) is %s', (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it('formats nationally and tells mobiles apart', () => {
    expect(formatPhone('+5511987654321')).toBe('(11) 98765-4321');
    expect(formatPhone('+551932345678')).toBe('(19) 3234-5678');
    expect(isBrazilianMobile('+5511987654321')).toBe(true);
    expect(isBrazilianMobile('+551932345678')).toBe(false);
  });

  it('tries WhatsApp ids with and without the mobile 9', () => {
    expect(whatsappCandidates('+5511987654321')).toEqual(['5511987654321', '551187654321']);
  });
});

describe('CEP', () => {
  it('normalizes and formats', () => {
    expect(normalizeCep('13010-000')).toBe('13010000');
    expect(normalizeCep('1301-000')).toBeNull();
    expect(formatCep('13010000')).toBe('13010-000');
  });
});
