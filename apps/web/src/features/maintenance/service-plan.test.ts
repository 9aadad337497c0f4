import type { MaintenanceTemplate } from '@bancada/shared';
import { describe, expect, it } from 'vitest';
import { servicePlanBody, servicePlanValues, templateForService } from './service-plan';

const template = (
  key: string,
  assetKind: MaintenanceTemplate['assetKind'],
  name: string,
  intervals: Partial<Pick<MaintenanceTemplate, 'intervalKm' | 'intervalHours' | 'intervalMonths'>>,
): MaintenanceTemplate => ({
  key,
  assetKind,
  name,
  intervalKm: intervals.intervalKm ?? null,
  intervalHours: intervals.intervalHours ?? null,
  intervalMonths: intervals.intervalMonths ?? null,
});

const TEMPLATES = [
  template('vehicle.oil_change', 'vehicle', 'Troca de óleo', { intervalKm: 10_000, intervalMonths: 6 }),
  template('vehicle.brake_check', 'vehicle', 'Revisão dos freios', {
    intervalKm: 20_000,
    intervalMonths: 12,
  }),
  template('machine.service', 'machine', 'Revisão de 250 horas', { intervalHours: 250 }),
  template('appliance.yearly_check', 'appliance', 'Revisão anual', { intervalMonths: 12 }),
];

describe('templateForService', () => {
  it.each<[string, MaintenanceTemplate['assetKind'], string | undefined]>([
    ['Troca de óleo e filtro', 'vehicle', 'vehicle.oil_change'],
    ['TROCA DE OLEO', 'vehicle', 'vehicle.oil_change'],
    ['  troca   de óleo ', 'vehicle', 'vehicle.oil_change'],
    ['Revisão de 250 horas da escavadeira', 'machine', 'machine.service'],
    ['Revisão anual', 'appliance', 'appliance.yearly_check'],
    // the same words on another kind of asset do not match
    ['Troca de óleo', 'machine', undefined],
    ['Alinhamento e balanceamento', 'vehicle', undefined],
    ['', 'vehicle', undefined],
  ])('%s on a %s → %s', (service, kind, key) => {
    expect(templateForService(service, kind, TEMPLATES)?.key).toBe(key);
  });
});

describe('servicePlanBody', () => {
  const oil = TEMPLATES[0];
  const car = { assetId: 'a', kind: 'vehicle' as const, label: 'Fiat Uno' };

  it('sends the catalog service, the template, the intervals the asset has and the order', () => {
    const values = servicePlanValues('Troca de óleo e filtro', oil);
    expect(servicePlanBody(values, car, { catalogId: 'svc' }, 'order', oil)).toEqual({
      templateKey: 'vehicle.oil_change',
      serviceId: 'svc',
      name: 'Troca de óleo e filtro',
      intervalKm: 10_000,
      intervalHours: null,
      intervalMonths: 6,
      lastService: { repairId: 'order' },
    });
  });

  it('leaves the intervals to fill when no template matches, and no service for a typed line', () => {
    const values = servicePlanValues('Polimento', undefined);
    expect(values).toMatchObject({ intervalKm: '', intervalHours: '', intervalMonths: '' });
    const body = servicePlanBody(
      { ...values, intervalMonths: 12 },
      car,
      { catalogId: null },
      'order',
      undefined,
    );
    expect(body).toEqual({
      name: 'Polimento',
      intervalKm: null,
      intervalHours: null,
      intervalMonths: 12,
      lastService: { repairId: 'order' },
    });
  });

  it('keeps only the hour meter for a machine', () => {
    const machine = { assetId: 'm', kind: 'machine' as const, label: 'CAT 320' };
    const body = servicePlanBody(
      { name: 'Revisão', intervalKm: 5_000, intervalHours: 250, intervalMonths: '' },
      machine,
      { catalogId: 'svc' },
      'order',
      undefined,
    );
    expect(body).toMatchObject({ intervalKm: null, intervalHours: 250, intervalMonths: null });
  });
});
