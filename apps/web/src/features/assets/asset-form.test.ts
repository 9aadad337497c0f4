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
