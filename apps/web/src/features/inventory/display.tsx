import type { Component } from '@bancada/shared';
import { Badge, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';

/** A quantity with its unit, in the UI language ("1.234 UN"). */
export function useQuantity() {
  const format = useFormat();
  return (value: number, unit?: string) => (unit ? `${format.number(value)} ${unit}` : format.number(value));
}

/** The minimum, red when the available stock is below it. */
export function MinimumBadge({ component }: { component: Pick<Component, 'minStock' | 'belowMinimum'> }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!component.belowMinimum) return <Text size="sm">{format.number(component.minStock)}</Text>;
  return (
    <Badge
      color="red"
      variant="light"
      title={t('inventory.belowMinimum')}
      style={{ minWidth: 'max-content' }}
    >
      {format.number(component.minStock)} · {t('inventory.low')}
    </Badge>
  );
}
