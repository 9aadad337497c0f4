import type { AssetKind, MaintenancePlanCreate, MaintenanceTemplate, Repair } from '@bancada/shared';

/** An asset of the order a reminder plan can be made for. */
export type PlanTarget = { assetId: string; kind: AssetKind; label: string };

/** The order's vehicle or machine, then each appliance on its lines that is an asset of the customer. */
export function planTargets(
  repair: Pick<Repair, 'asset' | 'appliances'>,
  applianceLabel: (appliance: Repair['appliances'][number]) => string,
): PlanTarget[] {
  const targets: PlanTarget[] = repair.asset
    ? [{ assetId: repair.asset.id, kind: repair.asset.kind, label: repair.asset.label }]
    : [];
  for (const appliance of repair.appliances) {
    if (appliance.assetId && !targets.some((x) => x.assetId === appliance.assetId))
      targets.push({ assetId: appliance.assetId, kind: 'appliance', label: applianceLabel(appliance) });
  }
  return targets;
}

/** Lower case, without accents or repeated spaces: "Troca de Óleo" and "troca de oleo" are the same. */
const fold = (text: string) =>
  text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * The template of the asset's kind whose name is in the service's name (or the other way round):
 * "Troca de óleo e filtro" takes "Troca de óleo" (10,000 km or 6 months). The longest name wins.
 */
export function templateForService(
  serviceName: string,
  kind: AssetKind,
  templates: readonly MaintenanceTemplate[],
): MaintenanceTemplate | undefined {
  const name = fold(serviceName);
  if (!name) return undefined;
  return templates
    .filter((tpl) => tpl.assetKind === kind)
    .filter((tpl) => {
      const candidate = fold(tpl.name);
      return candidate.length > 0 && (name.includes(candidate) || candidate.includes(name));
    })
    .sort((a, b) => b.name.length - a.name.length)[0];
}

export type ServicePlanValues = {
  name: string;
  intervalKm: number | string;
  intervalHours: number | string;
  intervalMonths: number | string;
};

const toInt = (value: number | string): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : value === '' ? null : Number(value);

/** The form's first values: the service's name and the template's intervals, else empty to fill. */
export function servicePlanValues(serviceName: string, template: MaintenanceTemplate | undefined) {
  return {
    name: serviceName,
    intervalKm: template?.intervalKm ?? '',
    intervalHours: template?.intervalHours ?? '',
    intervalMonths: template?.intervalMonths ?? '',
  } satisfies ServicePlanValues;
}

/**
 * The plan for the asset: only the meters it has, the catalog service of the line (a line typed by
 * hand has none: any later order serves the plan), and this order as its last service.
 */
export function servicePlanBody(
  values: ServicePlanValues,
  target: PlanTarget,
  line: { catalogId: string | null },
  repairId: string,
  template: MaintenanceTemplate | undefined,
): MaintenancePlanCreate {
  return {
    ...(template ? { templateKey: template.key } : {}),
    ...(line.catalogId ? { serviceId: line.catalogId } : {}),
    name: values.name.trim(),
    intervalKm: target.kind === 'vehicle' ? toInt(values.intervalKm) : null,
    intervalHours: target.kind === 'machine' ? toInt(values.intervalHours) : null,
    intervalMonths: toInt(values.intervalMonths),
    lastService: { repairId },
  };
}
