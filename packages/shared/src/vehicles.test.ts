import { describe, expect, it } from 'vitest';
import {
  canonicalPlate,
  formatPlate,
  isBrazilianPlate,
  isValidVin,
  vinCheckDigitMatches,
} from './vehicles.js';

describe('plates', () => {
  it.each([
    ['ABC1234', 'ABC1C34'],
    ['abc-1234', 'ABC1C34'],
    ['ABC1C34', 'ABC1C34'],
    ['BRA2E19', 'BRA2E19'],
    ['XYZ9099', 'XYZ9A99'],
    ['XYZ9999', 'XYZ9J99'],
  ])('canonicalPlate(%s) is %s', (input, expected) => {
    expect(canonicalPlate(input)).toBe(expected);
  });

  it('gives both spellings of one car the same key', () => {
    expect(canonicalPlate('ABC-1234')).toBe(canonicalPlate('abc1c34'));
  });

  it.each([
    ['ABC1234', true],
    ['BRA2E19', true],
    ['AB12345', false],
    ['ABCD123', false],
  ])('isBrazilianPlate(%s) is %s', (input, expected) => {
    expect(isBrazilianPlate(input)).toBe(expected);
  });

  it('shows old plates with a hyphen', () => {
    expect(formatPlate('abc1234')).toBe('ABC-1234');
    expect(formatPlate('bra2e19')).toBe('BRA2E19');
  });
});

describe('VIN', () => {
  it.each([
    ['1M8GDM9AXKP042788', true],
    ['9BWZZZ377VT004251', true],
    ['1M8GDM9AXKP04278', false],
    ['1M8GDM9AXKP04278O', false],
    ['IM8GDM9AXKP042788', false],
  ])('isValidVin(%s) is %s', (input, expected) => {
    expect(isValidVin(input)).toBe(expected);
  });

  it('checks the North-American check digit without requiring it', () => {
    expect(vinCheckDigitMatches('1M8GDM9AXKP042788')).toBe(true);
    expect(vinCheckDigitMatches('9BWZZZ377VT004251')).toBe(false);
    expect(isValidVin('9BWZZZ377VT004251')).toBe(true);
  });
});
