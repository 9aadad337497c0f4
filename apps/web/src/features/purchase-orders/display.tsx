import type { PurchaseOrderStatus } from '@bancada/shared';
import { Badge, type MantineColor } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

export const STATUS_COLORS: Record<PurchaseOrderStatus, MantineColor> = {
  draft: 'gray',
  sent: 'blue',
  partially_received: 'yellow',
  received: 'teal',
  cancelled: 'red',
};

export function PurchaseOrderStatusBadge({ status }: { status: PurchaseOrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} style={{ minWidth: 'max-content' }}>
      {t(`purchasing.statuses.${status}`)}
    </Badge>
  );
}

export function LateBadge() {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      color="red"
      leftSection={<IconClockExclamation size={12} aria-hidden />}
      style={{ minWidth: 'max-content' }}
    >
      {t('purchasing.late')}
    </Badge>
  );
}

/** A calendar date ("2026-11-30") read at local noon, so no time zone moves it to the day before. */
export function localDate(date: string | null): string | null {
  return date ? `${date.slice(0, 10)}T12:00:00` : null;
}
