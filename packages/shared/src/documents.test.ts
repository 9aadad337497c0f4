import { describe, expect, it } from 'vitest';
import {
  cnpjCheckDigits,
  cnpjRoot,
  detectBrazilianDocument,
  formatCnpj,
  formatCpf,
  formatDocument,
  formatNit,
  formatRut,
  isValidCnpj,
  isValidCpf,
  isValidDni,
  isValidNit,
  isValidRuc,
  isValidRut,
  nitCheckDigit,
  normalizeDocument,
  rutCheckCharacter,
} from './documents.js';

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

describe('Chile RUT', () => {
  it.each([
    ['12.345.678-5', true],
    ['15.509.661-6', true],
    ['123456785', true],
    ['12.345.678-K', false],
    ['12.345.678-4', false],
    ['1234-5', false],
  ])('isValidRut(%s) is %s', (input, expected) => {
    expect(isValidRut(input)).toBe(expected);
  });

  it('maps 10 to K and 11 to 0', () => {
    // bodies whose check characters are K and 0
    const bodies = Array.from({ length: 200 }, (_, i) => String(10_000_000 + i));
    expect(bodies.map(rutCheckCharacter)).toContain('K');
    expect(bodies.map(rutCheckCharacter)).toContain('0');
    const withK = bodies.find((b) => rutCheckCharacter(b) === 'K')!;
    expect(isValidRut(`${withK}-k`)).toBe(true);
  });

  it('formats with dots and hyphen', () => {
    expect(formatRut('123456785')).toBe('12.345.678-5');
  });
});

describe('Peru RUC and DNI', () => {
  it.each([
    ['20131312955', true],
    ['20131312954', false],
    ['30131312955', false],
    ['2013131295', false],
  ])('isValidRuc(%s) is %s', (input, expected) => {
    expect(isValidRuc(input)).toBe(expected);
  });

  it.each([
    ['12345678', true],
    ['1234567', false],
    ['1234567a', false],
  ])('isValidDni(%s) is %s', (input, expected) => {
    expect(isValidDni(input)).toBe(expected);
  });
});

describe('Colombia NIT', () => {
  it.each([
    ['800.197.268-4', true],
    ['8001972684', true],
    ['800.197.268-5', false],
  ])('isValidNit(%s) is %s', (input, expected) => {
    expect(isValidNit(input)).toBe(expected);
  });

  it('computes the check digit and formats', () => {
    expect(nitCheckDigit('800197268')).toBe(4);
    expect(formatNit('8001972684')).toBe('800.197.268-4');
  });
});

describe('normalizeDocument', () => {
  it.each([
    ['CPF', '529.982.247-25', '52998224725'],
    ['CNPJ', '12.abc.345/01de-35', '12ABC34501DE35'],
    ['RUT', '12.345.678-5', '123456785'],
    ['RUC', '20131312955', '20131312955'],
    ['NIT', '800.197.268-4', '8001972684'],
    ['CPF', '529.982.247-24', null],
  ] as const)('%s %s → %s', (type, input, expected) => {
    expect(normalizeDocument(type, input)).toBe(expected);
  });

  it('detects CPF and CNPJ by shape and formats them back', () => {
    expect(detectBrazilianDocument('529.982.247-25')).toBe('CPF');
    expect(detectBrazilianDocument('12.ABC.345/01DE-35')).toBe('CNPJ');
    expect(formatDocument('CPF', '52998224725')).toBe('529.982.247-25');
  });
});
