import { type Asset, type AssetKind, formatPlate } from '@bancada/shared';
import { type MantineColor, ThemeIcon } from '@mantine/core';
import { IconBackhoe, IconCar, IconFridge } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

export const ASSET_KIND_ICONS: Record<AssetKind, typeof IconCar> = {
  vehicle: IconCar,
  appliance: IconFridge,
  machine: IconBackhoe,
};

const KIND_COLORS: Record<AssetKind, MantineColor> = {
  vehicle: 'blue',
  appliance: 'teal',
  machine: 'orange',
};

export function AssetKindIcon({ kind, size = 40 }: { kind: AssetKind; size?: number }) {
  const { t } = useTranslation();
  const Icon = ASSET_KIND_ICONS[kind];
  return (
    <ThemeIcon
      size={size}
      radius="md"
      variant="light"
      color={KIND_COLORS[kind]}
      title={t(`assets.kinds.${kind}`)}
    >
      <Icon size={Math.round(size * 0.6)} stroke={1.6} aria-hidden />
    </ThemeIcon>
  );
}

type Named = Pick<Asset, 'kind' | 'brand' | 'model' | 'year' | 'type'>;

/** "Volkswagen Gol 2014", "Geladeira Brastemp BRM45", or the kind when nothing else is known. */
export function useAssetTitle(): (asset: Named) => string {
  const { t } = useTranslation();
  return useCallback(
    (asset: Named) => {
      const type = asset.kind === 'appliance' && asset.type ? t(`assets.applianceTypes.${asset.type}`) : null;
      const parts = [type, asset.brand, asset.model, asset.kind === 'vehicle' ? asset.year : null];
      return parts.filter(Boolean).join(' ') || t(`assets.kinds.${asset.kind}`);
    },
    [t],
  );
}

/** What tells this asset apart: the plate (old ones with their hyphen) or the serial number. */
export function assetIdentifier(asset: Pick<Asset, 'plate' | 'serial'>): string | null {
  if (asset.plate) return formatPlate(asset.plate);
  return asset.serial;
}
