import type { Repair } from '@bancada/shared';

/**
 * Whether the order page shows the appliances block: an appliance order, or one with no asset, has
 * it; a vehicle or machine order has nothing to fill there (issue 10) unless lines were added anyway.
 */
export function showsAppliances(repair: Pick<Repair, 'appliances' | 'asset'>): boolean {
  return repair.appliances.length > 0 || !repair.asset || repair.asset.kind === 'appliance';
}
