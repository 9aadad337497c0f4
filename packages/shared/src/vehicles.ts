/** Brazilian plates and VINs (reference/latam-formats.md). */

export function normalizePlate(value: string): string {
  return value.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export const OLD_PLATE = /^[A-Z]{3}\d{4}$/;
export const MERCOSUL_PLATE = /^[A-Z]{3}\d[A-Z]\d{2}$/;

export function isBrazilianPlate(value: string): boolean {
  const plate = normalizePlate(value);
  return OLD_PLATE.test(plate) || MERCOSUL_PLATE.test(plate);
}

/**
 * The Mercosul form of a plate: an old plate's 5th character (its 2nd digit) becomes a letter,
 * 0→A … 9→J. Both spellings of one car share this key. Other layouts are returned normalized.
 */
export function canonicalPlate(value: string): string {
  const plate = normalizePlate(value);
  if (OLD_PLATE.test(plate)) {
    return `${plate.slice(0, 4)}${String.fromCharCode(65 + Number(plate[4]))}${plate.slice(5)}`;
  }
  return plate;
}

export function formatPlate(value: string): string {
  const plate = normalizePlate(value);
  return OLD_PLATE.test(plate) ? `${plate.slice(0, 3)}-${plate.slice(3)}` : plate;
}

/** ISO 3779: 17 characters, digits and letters except I, O and Q. */
export function normalizeVin(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}

export function isValidVin(value: string): boolean {
  return /^[A-HJ-NPR-Z0-9]{17}$/.test(normalizeVin(value));
}

const VIN_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/** North-American check digit (position 9); informative only, never a reason to reject. */
export function vinCheckDigitMatches(value: string): boolean {
  const vin = normalizeVin(value);
  if (!isValidVin(vin)) return false;
  const sum = [...vin].reduce(
    (acc, c, i) => acc + (/\d/.test(c) ? Number(c) : (VIN_VALUES[c] ?? 0)) * VIN_WEIGHTS[i]!,
    0,
  );
  const r = sum % 11;
  return vin[8] === (r === 10 ? 'X' : String(r));
}
