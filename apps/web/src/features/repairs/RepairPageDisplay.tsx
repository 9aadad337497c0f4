import type {
  EstimateStatus,
  LineApproval,
  Me,
  PartStockState,
  PermissionGrants,
  Repair,
  RepairPriority,
} from '@bancada/shared';
import { Badge, type MantineColor, Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export const APPROVAL_COLORS: Record<LineApproval | 'none', MantineColor> = {
  none: 'orange',
  pending: 'yellow',
  approved: 'teal',
  declined: 'red',
};

/** A line's answer on the estimate; null: not on an estimate yet (or changed after an approval). */
export function ApprovalBadge({ approval }: { approval: LineApproval | null }) {
  const { t } = useTranslation();
  const key = approval ?? 'none';
  return (
    <Badge
      size="xs"
      variant="light"
      color={APPROVAL_COLORS[key]}
      title={t(`repairPage.approval.hints.${key}`)}
    >
      {t(`repairPage.approval.${key}`)}
    </Badge>
  );
}

const STOCK_COLORS: Record<PartStockState, MantineColor> = {
  reserved: 'blue',
  consumed: 'teal',
  released: 'gray',
};

export function StockStateBadge({ state }: { state: PartStockState }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="xs"
      variant="outline"
      color={STOCK_COLORS[state]}
      title={t(`repairPage.stock.hints.${state}`)}
    >
      {t(`repairPage.stock.${state}`)}
    </Badge>
  );
}

const PRIORITY_COLORS: Record<RepairPriority, MantineColor> = {
  LOW: 'gray',
  NORMAL: 'blue',
  HIGH: 'orange',
  URGENT: 'red',
};

export function PriorityBadge({ priority }: { priority: RepairPriority }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant={priority === 'URGENT' ? 'filled' : 'light'} color={PRIORITY_COLORS[priority]}>
      {t(`repairPage.priorities.${priority}`)}
    </Badge>
  );
}

export const ESTIMATE_STATUS_COLORS: Record<EstimateStatus, MantineColor> = {
  pending: 'yellow',
  approved: 'teal',
  partially_approved: 'lime',
  declined: 'red',
  expired: 'gray',
  superseded: 'gray',
};

export function EstimateStatusBadge({ status }: { status: EstimateStatus }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" variant="light" color={ESTIMATE_STATUS_COLORS[status]}>
      {t(`repairPage.estimateStatus.${status}`)}
    </Badge>
  );
}

/** A section of the order page (the same frame as the customer and asset pages' panels). */
export function Section({
  id,
  title,
  actions,
  children,
}: {
  id: string;
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'lg' }} radius="md" component="section" aria-labelledby={id}>
      <div
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 'var(--mantine-spacing-xs)',
          justifyContent: 'space-between',
          alignItems: 'center',
          marginBottom: 'var(--mantine-spacing-md)',
        }}
      >
        <Title order={2} fz="h5" id={id}>
          {title}
        </Title>
        {actions}
      </div>
      {children}
    </Paper>
  );
}

/**
 * The signed-in user's effective grants for the status machine, from the permissions `me` carries
 * (the organization's overrides are already applied there).
 */
export function grantsOf(me: Me): PermissionGrants {
  const granted = new Set<string>(me.permissions);
  return {
    'repairs:transition': granted.has('repairs:transition') ? [me.role] : [],
    'repairs:approve': granted.has('repairs:approve') ? [me.role] : [],
  };
}

/** The appliance of a line as people name it: "Geladeira Brastemp BRM45". */
export function useApplianceTitle() {
  const { t } = useTranslation();
  return (appliance: Repair['appliances'][number]) =>
    [t(`assets.applianceTypes.${appliance.type}`), appliance.brand, appliance.model]
      .filter(Boolean)
      .join(' ');
}

/** Seconds as "2 h 05 min" / "12 min". */
export function useDuration() {
  const { t } = useTranslation();
  return (seconds: number) => {
    const minutes = Math.round(Math.max(0, seconds) / 60);
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    if (hours === 0) return t('repairPage.time.minutes', { count: rest });
    return t('repairPage.time.hoursMinutes', { hours, minutes: String(rest).padStart(2, '0') });
  };
}
