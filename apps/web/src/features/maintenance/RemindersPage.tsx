import { MAINTENANCE_REMINDER_STATUSES, type MaintenanceReminderStatus } from '@bancada/shared';
import { Anchor, Card, Group, Paper, Select, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconCalendarDue } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { dueDay, useMaintenanceReminders } from './api';
import { DueStatusBadge } from './MaintenancePlansSection';

const PAGE_SIZE = 25;

/** Plans due soon or overdue across the shop, soonest first (issue 14 §4): who to call, for what. */
export function RemindersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [status, setStatus] = useState<MaintenanceReminderStatus | null>(null);
  const [page, setPage] = useState(1);
  const reminders = useMaintenanceReminders({ status: status ?? undefined, page, pageSize: PAGE_SIZE });
  const lastReminded = (iso: string | null) => (iso ? format.date(iso) : t('maintenance.reminders.never'));

  return (
    <>
      <PageHeader
        title={t('maintenance.reminders.title')}
        description={t('maintenance.reminders.description')}
      />

      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <Select
          label={t('maintenance.reminders.fields.status')}
          placeholder={t('maintenance.reminders.all')}
          data={MAINTENANCE_REMINDER_STATUSES.map((value) => ({
            value,
            label: t(`maintenance.statuses.${value}`),
          }))}
          value={status}
          onChange={(value) => {
            setStatus(value as MaintenanceReminderStatus | null);
            setPage(1);
          }}
          clearable
          style={{ flex: '0 1 14rem' }}
        />
      </Group>

      <QueryStatus query={reminders} />
      {reminders.data && reminders.data.items.length === 0 ? (
        <Empty
          icon={<IconCalendarDue size={28} aria-hidden />}
          title={
            status ? t('maintenance.reminders.emptyFilteredTitle') : t('maintenance.reminders.emptyTitle')
          }
          description={t('maintenance.reminders.emptyHint')}
        />
      ) : null}

      {reminders.data && reminders.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: reminders.isPlaceholderData ? 0.6 : 1 }}>
          <Paper withBorder radius="md" visibleFrom="sm">
            <Table.ScrollContainer minWidth={760}>
              <Table highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('maintenance.reminders.fields.dueAt')}</Table.Th>
                    <Table.Th>{t('maintenance.reminders.fields.service')}</Table.Th>
                    <Table.Th>{t('maintenance.reminders.fields.asset')}</Table.Th>
                    <Table.Th>{t('maintenance.reminders.fields.customer')}</Table.Th>
                    <Table.Th>{t('maintenance.reminders.fields.status')}</Table.Th>
                    <Table.Th>{t('maintenance.reminders.fields.lastReminded')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {reminders.data.items.map((row) => (
                    <Table.Tr
                      key={row.planId}
                      onClick={() => navigate(`/assets/${row.assetId}`)}
                      style={{ cursor: 'pointer' }}
                    >
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {format.date(dueDay(row.dueAt))}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`maintenance.reasons.${row.dueReason}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {row.planName}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/assets/${row.assetId}`}
                          size="sm"
                          onClick={(event) => event.stopPropagation()}
                        >
                          {row.assetName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Anchor
                          component={Link}
                          to={`/customers/${row.customerId}`}
                          size="sm"
                          onClick={(event) => event.stopPropagation()}
                        >
                          {row.customerName}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <DueStatusBadge status={row.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {lastReminded(row.lastRemindedAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {/* phones: one card per plan */}
          <Stack gap="sm" hiddenFrom="sm" data-testid="reminder-cards">
            {reminders.data.items.map((row) => (
              <UnstyledButton key={row.planId} component={Link} to={`/assets/${row.assetId}`} w="100%">
                <Card withBorder padding="md">
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {row.planName}
                    </Text>
                    <DueStatusBadge status={row.status} />
                  </Group>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                    {row.assetName}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {row.customerName}
                  </Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('maintenance.reminders.dueLine', {
                      date: format.date(dueDay(row.dueAt)),
                      reason: t(`maintenance.reasons.${row.dueReason}`),
                    })}
                    {' · '}
                    {t('maintenance.reminders.fields.lastReminded')}: {lastReminded(row.lastRemindedAt)}
                  </Text>
                </Card>
              </UnstyledButton>
            ))}
          </Stack>
          <Paging total={reminders.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      ) : null}
    </>
  );
}
