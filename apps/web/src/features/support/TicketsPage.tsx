import {
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type Ticket,
  type TicketPriority,
  type TicketStatus,
} from '@bancada/shared';
import {
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLifebuoy, IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { type TicketFilters, useAssigneeOptions, useTickets } from './api';
import { OverdueBadge, SlaDue, TicketPriorityBadge, TicketStatusBadge } from './display';
import { NewTicketModal, TicketCustomerSelect } from './NewTicketModal';

const PAGE_SIZE = 25;

function TicketTable({ items }: { items: Ticket[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Paper withBorder radius="md" visibleFrom="sm">
      <Table.ScrollContainer minWidth={820}>
        <Table highlightOnHover verticalSpacing="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('support.fields.number')}</Table.Th>
              <Table.Th>{t('support.fields.subject')}</Table.Th>
              <Table.Th>{t('support.fields.customer')}</Table.Th>
              <Table.Th>{t('support.fields.status')}</Table.Th>
              <Table.Th>{t('support.fields.priority')}</Table.Th>
              <Table.Th>{t('support.fields.assignee')}</Table.Th>
              <Table.Th>{t('support.fields.slaDueAt')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((ticket) => (
              <Table.Tr
                key={ticket.id}
                onClick={() => void navigate(`/tickets/${ticket.id}`)}
                style={{ cursor: 'pointer' }}
              >
                <Table.Td>
                  <Text size="sm" ff="monospace">
                    #{ticket.number}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Stack gap={2}>
                    <TextLink to={`/tickets/${ticket.id}`} fw={500} onClick={(e) => e.stopPropagation()}>
                      {ticket.subject}
                    </TextLink>
                    <Text size="xs" c="dimmed">
                      {t(`support.categories.${ticket.category}`)}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{ticket.customerName ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <TicketStatusBadge status={ticket.status} />
                </Table.Td>
                <Table.Td>
                  <TicketPriorityBadge priority={ticket.priority} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={ticket.assigneeName ? undefined : 'dimmed'}>
                    {ticket.assigneeName ?? t('support.tickets.unassigned')}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    {ticket.overdue ? <OverdueBadge /> : null}
                    <SlaDue ticket={ticket} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function TicketCards({ items }: { items: Ticket[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Stack gap="sm" hiddenFrom="sm" data-testid="ticket-cards">
      {items.map((ticket) => (
        <UnstyledButton key={ticket.id} onClick={() => void navigate(`/tickets/${ticket.id}`)} w="100%">
          <Card withBorder padding="md">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Text size="sm" ff="monospace" c="dimmed">
                #{ticket.number}
              </Text>
              <Group gap={6}>
                {ticket.overdue ? <OverdueBadge /> : null}
                <TicketStatusBadge status={ticket.status} />
              </Group>
            </Group>
            <Text fw={600} mt="xs" style={{ overflowWrap: 'anywhere' }}>
              {ticket.subject}
            </Text>
            <Text size="sm" c="dimmed">
              {[t(`support.categories.${ticket.category}`), ticket.customerName].filter(Boolean).join(' · ')}
            </Text>
            <Group justify="space-between" mt="xs" gap="xs" wrap="wrap">
              <TicketPriorityBadge priority={ticket.priority} />
              <SlaDue ticket={ticket} />
            </Group>
          </Card>
        </UnstyledButton>
      ))}
    </Stack>
  );
}

/** Support tickets: the queue with filters, what is overdue marked, a new ticket for those who may write. */
export function TicketsPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [status, setStatus] = useState<TicketStatus | null>(null);
  const [priority, setPriority] = useState<TicketPriority | null>(null);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [customerId, setCustomerId] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const assignees = useAssigneeOptions();

  const filters: TicketFilters = {
    q: q || undefined,
    status: status ?? undefined,
    priority: priority ?? undefined,
    assigneeId: assigneeId ?? undefined,
    customerId: customerId || undefined,
    overdue: overdue || undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const tickets = useTickets(filters);
  const filtered = Boolean(q || status || priority || assigneeId || customerId || overdue);
  const reset =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  const assigneeOptions = [
    { value: me.id, label: t('support.tickets.mine') },
    ...(assignees.data ?? []).filter((o) => o.value !== me.id),
  ];

  return (
    <>
      <PageHeader
        title={t('nav.tickets')}
        description={t('support.tickets.description')}
        actions={
          can('tickets:write') ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('support.tickets.new')}
            </Button>
          ) : null
        }
      />

      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('support.tickets.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => reset(setSearch)(event.currentTarget.value)}
          type="search"
          maxLength={100}
          style={{ flex: '1 1 14rem' }}
        />
        <Select
          label={t('support.fields.status')}
          placeholder={t('common.all')}
          data={TICKET_STATUSES.map((value) => ({ value, label: t(`support.statuses.${value}`) }))}
          value={status}
          onChange={(value) => reset(setStatus)(value as TicketStatus | null)}
          clearable
          style={{ flex: '1 1 9rem' }}
        />
        <Select
          label={t('support.fields.priority')}
          placeholder={t('common.all')}
          data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`support.priorities.${value}`) }))}
          value={priority}
          onChange={(value) => reset(setPriority)(value as TicketPriority | null)}
          clearable
          style={{ flex: '1 1 9rem' }}
        />
        <Select
          label={t('support.fields.assignee')}
          placeholder={t('common.all')}
          data={assigneeOptions}
          value={assigneeId}
          onChange={reset(setAssigneeId)}
          searchable
          clearable
          style={{ flex: '1 1 11rem' }}
        />
        <div style={{ flex: '1 1 14rem' }}>
          <TicketCustomerSelect
            label={t('support.fields.customer')}
            value={customerId}
            onChange={reset(setCustomerId)}
          />
        </div>
        <Checkbox
          label={t('support.tickets.onlyOverdue')}
          checked={overdue}
          onChange={(event) => reset(setOverdue)(event.currentTarget.checked)}
          mb={8}
        />
      </Group>

      <QueryStatus query={tickets} />
      {tickets.data && tickets.data.items.length === 0 ? (
        filtered ? (
          <Empty
            icon={<IconLifebuoy size={28} aria-hidden />}
            title={t('support.tickets.emptyFilteredTitle')}
            description={t('common.emptyFilteredHint')}
          />
        ) : (
          <Empty
            icon={<IconLifebuoy size={28} aria-hidden />}
            title={t('support.tickets.emptyTitle')}
            description={t('support.tickets.emptyHint')}
          />
        )
      ) : null}

      {tickets.data && tickets.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: tickets.isPlaceholderData ? 0.6 : 1 }}>
          <TicketTable items={tickets.data.items} />
          <TicketCards items={tickets.data.items} />
          <Paging total={tickets.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      ) : null}

      {can('tickets:write') ? <NewTicketModal opened={creating} onClose={() => setCreating(false)} /> : null}
    </>
  );
}
