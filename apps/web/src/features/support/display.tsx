import { isTicketDone, type Ticket, type TicketPriority, type TicketStatus } from '@bancada/shared';
import { Badge, type MantineColor, Text, Tooltip } from '@mantine/core';
import { IconAlarm } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';

export const TICKET_STATUS_COLORS: Record<TicketStatus, MantineColor> = {
  open: 'blue',
  pending: 'yellow',
  resolved: 'teal',
  closed: 'gray',
};

export const TICKET_PRIORITY_COLORS: Record<TicketPriority, MantineColor> = {
  low: 'gray',
  normal: 'blue',
  high: 'orange',
  urgent: 'red',
};

export function TicketStatusBadge({ status }: { status: TicketStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={TICKET_STATUS_COLORS[status]} variant="light" style={{ minWidth: 'max-content' }}>
      {t(`support.statuses.${status}`)}
    </Badge>
  );
}

export function TicketPriorityBadge({ priority }: { priority: TicketPriority }) {
  const { t } = useTranslation();
  return (
    <Badge color={TICKET_PRIORITY_COLORS[priority]} variant="dot" style={{ minWidth: 'max-content' }}>
      {t(`support.priorities.${priority}`)}
    </Badge>
  );
}

/** Past its SLA due time and not resolved: said in words and colour, not colour alone. */
export function OverdueBadge() {
  const { t } = useTranslation();
  return (
    <Badge
      color="red"
      variant="filled"
      leftSection={<IconAlarm size={12} aria-hidden />}
      style={{ minWidth: 'max-content' }}
    >
      {t('support.tickets.overdue')}
    </Badge>
  );
}

/** The SLA due time and how far it is (or was); for a done ticket, when it was resolved. */
export function SlaDue({
  ticket,
}: {
  ticket: Pick<Ticket, 'slaDueAt' | 'overdue' | 'status' | 'resolvedAt'>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (isTicketDone(ticket.status) && ticket.resolvedAt) {
    return (
      <Tooltip label={format.dateTime(ticket.resolvedAt)}>
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('support.tickets.resolvedRelative', { when: format.relative(ticket.resolvedAt) })}
        </Text>
      </Tooltip>
    );
  }
  return (
    <Tooltip label={format.dateTime(ticket.slaDueAt)}>
      <Text size="sm" c={ticket.overdue ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {t('support.tickets.dueRelative', { when: format.relative(ticket.slaDueAt) })}
      </Text>
    </Tooltip>
  );
}
