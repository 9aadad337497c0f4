import { describe, expect, it } from 'vitest';
import { cnpjCheckDigits, cnpjRoot, formatCnpj, formatCpf, isValidCnpj, isValidCpf } from './documents.js';

describe('CPF', () => {
  it.each([
    ['529.982.247-25', true],
    ['52998224725', true],
    ['529.982.247-24', false],
    ['111.111.111-11', false],
    ['000.000.000-00', false],
    ['5299822472', false],
    ['', false],
  ])('isValidCpf(%s) is %s', (input, expected) => {
    expect(isValidCpf(input)).toBe(expected);
  });

  it('formats digits with the mask', () => {
    expect(formatCpf('52998224725')).toBe('529.982.247-25');
  });
});

describe('CNPJ', () => {
  it.each([
    ['11.444.777/0001-61', true],
    ['11444777000161', true],
    ['12.ABC.345/01DE-35', true],
    ['12abc34501de35', true],
    ['12.ABC.345/01DE-36', false],
    ['11.444.777/0001-62', false],
    ['00.000.000/0000-00', false],
    ['12.ABC.345/01DE-3A', false],
    ['1144477700016', false],
  ])('isValidCnpj(%s) is %s', (input, expected) => {
    expect(isValidCnpj(input)).toBe(expected);
  });

  it('computes the alphanumeric check digits of the reference example', () => {
    expect(cnpjCheckDigits('12ABC34501DE')).toBe('35');
  });

  it('formats and keeps the 8-character root', () => {
    expect(formatCnpj('12abc34501de35')).toBe('12.ABC.345/01DE-35');
    expect(cnpjRoot('12.ABC.345/01DE-35')).toBe('12ABC345');
  });
});
