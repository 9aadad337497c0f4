import type { Repair } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { showsAppliances } from './repair-blocks';

type Blocks = Pick<Repair, 'appliances' | 'asset'>;
const asset = (kind: 'vehicle' | 'machine' | 'appliance') => ({ kind }) as unknown as Repair['asset'];
const fridge = { id: 'a1', type: 'Geladeira' } as unknown as Repair['appliances'][number];

describe('the order page shows the blocks that fit the asset', () => {
  it('hides the appliances block of a vehicle order', () => {
    expect(showsAppliances({ appliances: [], asset: asset('vehicle') } satisfies Blocks)).toBe(false);
  });

  it('hides it for a machine too', () => {
    expect(showsAppliances({ appliances: [], asset: asset('machine') })).toBe(false);
  });

  it('shows it on an appliance order', () => {
    expect(showsAppliances({ appliances: [fridge], asset: null })).toBe(true);
    expect(showsAppliances({ appliances: [], asset: asset('appliance') })).toBe(true);
  });

  it('shows it on an order with no asset, where appliances are what there is to add', () => {
    expect(showsAppliances({ appliances: [], asset: null })).toBe(true);
  });

  it('never hides appliance lines a vehicle order has anyway', () => {
    expect(showsAppliances({ appliances: [fridge], asset: asset('vehicle') })).toBe(true);
  });
});
