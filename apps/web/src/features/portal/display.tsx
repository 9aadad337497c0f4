import { type DataRequestStatus, REPAIR_STATUSES } from '@bancada/shared';
import { Badge, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { StatusBadge } from '../repairs/status';

/** An order's status in words, also for a status this build does not know yet. */
export function OrderStatusBadge({ status, size = 'sm' }: { status: string; size?: 'sm' | 'md' | 'lg' }) {
  const known = REPAIR_STATUSES.find((value) => value === status);
  if (known) return <StatusBadge status={known} size={size} />;
  return (
    <Badge size={size} variant="light" color="gray">
      {status}
    </Badge>
  );
}

/** A portal page's heading, which also names the browser tab. */
export function PortalTitle({ children, title }: { children?: ReactNode; title: string }) {
  useDocumentTitle(`${title} · Bancada`);
  return (
    <Title order={1} fz="h3" mb="md" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
      {children ?? title}
    </Title>
  );
}

export const DATA_REQUEST_COLORS: Record<DataRequestStatus, string> = {
  OPEN: 'yellow',
  DONE: 'teal',
  REJECTED: 'red',
};
