import type { PurchaseOrderStatus } from '@bancada/shared';
import { Badge, type MantineColor } from '@mantine/core';
import { IconClockExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { calendarNoon } from '../../app/shop-dates';

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

/**
 * A calendar date ("2026-11-30", no time) to format on the shop's calendar: its noon in UTC, the
 * same day in the shop's zone whatever the device's zone (the device's noon in Auckland is the
 * evening before in São Paulo).
 */
export const localDate = calendarNoon;
