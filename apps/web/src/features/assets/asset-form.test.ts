import { describe, expect, it, vi } from 'vitest';
import { type AssetValues, assetNumberMessages, emptyAsset, toAssetCandidate } from './asset-form';

// app/form reaches the browser's session; these checks need none of it
vi.mock('../../app/form', () => ({ parseWith: vi.fn() }));

const asset = (kind: AssetValues['kind'], initialReading: number | string): AssetValues => ({
  ...emptyAsset(kind),
  initialReading,
});

describe('the first reading of a new asset', () => {
  it.each([
    ['vehicle', -5, 'numberField.negative'],
    ['vehicle', 42000.25, 'numberField.decimals'],
    ['machine', -0.5, 'numberField.negative'],
    ['machine', 1250.75, 'numberField.decimals'],
  ] as const)('of a %s, %s, is refused on its field', (kind, value, key) => {
    expect(assetNumberMessages(asset(kind, value)).initialReading?.key).toBe(key);
  });

  it.each([
    ['vehicle', 42000],
    ['machine', 1250.5],
    ['vehicle', ''],
  ] as const)('of a %s, %j, is fine', (kind, value) => {
    expect(assetNumberMessages(asset(kind, value))).toEqual({});
  });

  it('is no matter for an appliance, which has no meter', () => {
    expect(assetNumberMessages(asset('appliance', -5))).toEqual({});
  });

  it('reaches the schema as typed: −5 is not turned into 5', () => {
    expect(toAssetCandidate(asset('vehicle', -5))).toMatchObject({ initialReading: -5 });
    expect(toAssetCandidate(asset('machine', '1250.5'))).toMatchObject({ initialReading: 1250.5 });
  });
});

describe('the year of a vehicle or a machine', () => {
  // the shared schema takes 1900 to next year
  const IN_2026 = new Date('2026-06-15T12:00:00Z');
  const withYear = (kind: AssetValues['kind'], year: number | string): AssetValues => ({
    ...emptyAsset(kind),
    year,
  });

  it.each([
    ['vehicle', -2019, { key: 'numberField.negative', values: {} }],
    ['vehicle', 2019.5, { key: 'numberField.whole', values: {} }],
    ['machine', 1850, { key: 'numberField.yearRange', values: { min: 1900, max: 2027 } }],
    ['vehicle', '2028', { key: 'numberField.yearRange', values: { min: 1900, max: 2027 } }],
  ] as const)('of a %s, %j, is refused on its field', (kind, year, message) => {
    expect(assetNumberMessages(withYear(kind, year), IN_2026)).toEqual({ year: message });
  });

  it.each([
    ['vehicle', 2019],
    ['vehicle', '1900'],
    ['machine', 2027],
    ['machine', ''],
  ] as const)('of a %s, %j, is fine', (kind, year) => {
    expect(assetNumberMessages(withYear(kind, year), IN_2026)).toEqual({});
  });

  it('is no matter for an appliance, which has none', () => {
    expect(assetNumberMessages(withYear('appliance', -2019), IN_2026)).toEqual({});
  });

  it('reaches the schema as typed: −2019 is not turned into 2019, blank is no year', () => {
    expect(toAssetCandidate(withYear('vehicle', -2019))).toMatchObject({ year: -2019 });
    expect(toAssetCandidate(withYear('machine', '2015'))).toMatchObject({ year: 2015 });
    expect(toAssetCandidate(withYear('vehicle', ''))).toMatchObject({ year: null });
  });

  it('says the year and the first reading each on its own field', () => {
    const both = { ...withYear('vehicle', 1850), initialReading: -5 };
    expect(Object.keys(assetNumberMessages(both, IN_2026))).toEqual(['year', 'initialReading']);
  });
});
