import {
  APPLIANCE_TYPES,
  allowedStatuses,
  type RepairPriority,
  type RepairStatus,
  type RepairSummary,
} from '@bancada/shared';
import { Badge, Group, type MantineColor, Text } from '@mantine/core';
import { IconAlertTriangle, IconFlag } from '@tabler/icons-react';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useFormat } from '../../app/format';
import { grantsOf } from './RepairPageDisplay';

export const PRIORITY_COLORS: Record<RepairPriority, MantineColor> = {
  LOW: 'gray',
  NORMAL: 'blue',
  HIGH: 'orange',
  URGENT: 'red',
};

export function PriorityBadge({ priority, size = 'sm' }: { priority: RepairPriority; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={PRIORITY_COLORS[priority]}
      variant={priority === 'URGENT' ? 'filled' : 'light'}
      size={size}
      leftSection={<IconFlag size={12} aria-hidden />}
    >
      {t(`repairVocab.priorities.${priority}`)}
    </Badge>
  );
}

/** The deadline, in red with a warning when the order is late. */
export function DeadlineText({
  repair,
  size = 'sm',
  short = false,
}: {
  repair: Pick<RepairSummary, 'deadline' | 'isOverdue'>;
  size?: 'xs' | 'sm';
  /** 13/12/2026 rather than 13 de dez. de 2026 (tables) */
  short?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const shortDate = useShortDate();
  const date = (iso: string) => (short ? shortDate(iso) : format.date(iso));
  if (!repair.deadline) {
    return (
      <Text size={size} c="dimmed">
        {t('repairShared.noDeadline')}
      </Text>
    );
  }
  if (!repair.isOverdue) {
    return (
      <Text size={size} style={{ whiteSpace: 'nowrap' }}>
        {date(repair.deadline)}
      </Text>
    );
  }
  return (
    <Group gap={4} wrap="nowrap">
      <IconAlertTriangle size={14} color="var(--mantine-color-red-7)" aria-hidden />
      <Text size={size} c="red.8" fw={600} style={{ whiteSpace: 'nowrap' }}>
        {t('repairShared.overdueSince', { date: date(repair.deadline) })}
      </Text>
    </Group>
  );
}

/**
 * What is being repaired: the vehicle or machine, or the appliances. The summary's asset may be the
 * first appliance itself (matched by serial), whose label already names its type.
 */
export function useRepairSubject(): (repair: Pick<RepairSummary, 'asset' | 'applianceTypes'>) => string {
  const { t } = useTranslation();
  return useCallback(
    (repair) => {
      const types =
        repair.asset?.kind === 'appliance' ? repair.applianceTypes.slice(1) : repair.applianceTypes;
      const appliances = types.map((type) =>
        (APPLIANCE_TYPES as readonly string[]).includes(type)
          ? t(`assets.applianceTypes.${type as (typeof APPLIANCE_TYPES)[number]}`)
          : type,
      );
      return [repair.asset?.label, ...appliances].filter(Boolean).join(', ') || '—';
    },
    [t],
  );
}

/** The statuses the signed-in user may move an order to (the server refuses the others). */
export function useAllowedStatuses(): (from: RepairStatus) => RepairStatus[] {
  const { me } = useAuth();
  return useCallback((from: RepairStatus) => allowedStatuses(from, me.role, grantsOf(me)), [me]);
}

/** "OS nº 123" */
export function useRepairNumber(): (number: number) => string {
  const { t } = useTranslation();
  return useCallback((number: number) => t('repairShared.number', { number }), [t]);
}

/** The props every money box shares (kept here for the order screens that import it). */
export { useMoneyInputProps } from '../../app/number-input';

/**
 * Date boxes in the language's short form (13/11/2025, 11/13/2025). dayjs's "L" needs a plugin the
 * app does not load, so the pattern is spelled out, and typed dates are parsed the same way.
 */
export function useDateInputFormat(): {
  valueFormat: string;
  dateParser: (value: string) => string | null;
} {
  const { i18n } = useTranslation();
  const monthFirst = (i18n.resolvedLanguage ?? i18n.language) === 'en';
  return useMemo(
    () => ({
      valueFormat: monthFirst ? 'MM/DD/YYYY' : 'DD/MM/YYYY',
      dateParser: (value: string) => {
        const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value.trim());
        if (!match) return null;
        const [a, b, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
        const [day, month] = monthFirst ? [b, a] : [a, b];
        const date = new Date(year, month - 1, day);
        if (date.getMonth() !== month - 1 || date.getDate() !== day) return null;
        return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      },
    }),
    [monthFirst],
  );
}

/** A date in the language's short numeric form (13/12/2026), on the shop's clock (app/format). */
export function useShortDate(): (iso: string) => string {
  return useFormat().shortDate;
}
