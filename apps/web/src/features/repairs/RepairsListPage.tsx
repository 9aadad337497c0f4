import { REPAIR_SORTS, REPAIR_STATUSES, type RepairSummary, SERVICE_TYPES } from '@bancada/shared';
import {
  Badge,
  Button,
  Card,
  Chip,
  Collapse,
  Group,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconClipboardList, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useFormat } from '../../app/format';
import { useLiveRepairs } from '../../app/live';
import { useOrganizationCurrency } from '../organization/api';
import { useRepairs } from './api';
import {
  DeadlineText,
  PriorityBadge,
  useDateInputFormat,
  useRepairNumber,
  useRepairSubject,
  useShortDate,
} from './display';
import {
  NewRepairButton,
  PriorityFilter,
  RepairSearchInput,
  TechnicianFilter,
  useRepairFilters,
  ViewToggle,
} from './RepairsToolbar';
import { StatusBadge } from './status';

const PAGE_SIZE = 25;

export function RepairsListPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const currency = useOrganizationCurrency();
  const subject = useRepairSubject();
  const number = useRepairNumber();
  const dateFormat = useDateInputFormat();
  const shortDate = useShortDate();
  const { filters, update } = useRepairFilters(PAGE_SIZE);
  // on phones the filters fold away behind a button
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);
  const repairs = useRepairs(filters);
  useLiveRepairs();

  const activeFilters = [
    filters.status,
    filters.technicianId,
    filters.serviceType,
    filters.priority,
    filters.from,
    filters.to,
    filters.open,
    filters.overdue,
    filters.customerId,
  ].filter(Boolean).length;
  const filtered = Boolean(filters.q) || activeFilters > 0;

  const link = (repair: RepairSummary) => `/repairs/${repair.id}`;

  return (
    <>
      <PageHeader
        title={t('nav.repairs')}
        description={t('repairList.description')}
        actions={
          <>
            <ViewToggle />
            <NewRepairButton />
          </>
        }
      />

      <Stack gap="sm" mb="md">
        <RepairSearchInput value={filters.q} onChange={(q) => update({ q })} />
        {isPhone ? (
          <Group justify="space-between">
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
              onClick={toggleFilters}
              aria-expanded={filtersOpen}
              aria-controls="repair-filters"
            >
              {activeFilters > 0
                ? t('repairShared.filters.toggleActive', { count: activeFilters })
                : t('repairShared.filters.toggle')}
            </Button>
          </Group>
        ) : null}
        <Collapse expanded={!isPhone || filtersOpen} id="repair-filters">
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
              <MultiSelect
                label={t('repairShared.fields.status')}
                placeholder={filters.status ? undefined : t('common.all')}
                data={REPAIR_STATUSES.map((s) => ({ value: s, label: t(`repairStatus.${s}`) }))}
                value={filters.status ?? []}
                onChange={(value) => update({ status: value.join(',') })}
                clearable
              />
              <TechnicianFilter
                value={filters.technicianId}
                onChange={(value) => update({ technicianId: value })}
              />
              <Select
                label={t('repairShared.fields.serviceType')}
                placeholder={t('common.all')}
                data={SERVICE_TYPES.map((s) => ({ value: s, label: t(`repairVocab.serviceTypes.${s}`) }))}
                value={filters.serviceType ?? null}
                onChange={(value) => update({ serviceType: value })}
                clearable
              />
              <PriorityFilter value={filters.priority} onChange={(value) => update({ priority: value })} />
              <DatePickerInput
                label={t('repairList.filters.from')}
                placeholder={t('repairList.filters.anyDate')}
                valueFormat={dateFormat.valueFormat}
                value={filters.from ?? null}
                maxDate={filters.to}
                onChange={(value) => update({ from: value })}
                clearable
              />
              <DatePickerInput
                label={t('repairList.filters.to')}
                placeholder={t('repairList.filters.anyDate')}
                valueFormat={dateFormat.valueFormat}
                value={filters.to ?? null}
                minDate={filters.from}
                onChange={(value) => update({ to: value })}
                clearable
              />
              <Select
                label={t('repairList.filters.sort')}
                data={REPAIR_SORTS.map((s) => ({ value: s, label: t(`repairVocab.sorts.${s}`) }))}
                value={filters.sort ?? '-receivedAt'}
                onChange={(value) => update({ sort: value })}
                allowDeselect={false}
              />
              <Group align="flex-end" gap="xs">
                <Chip
                  checked={filters.open === 'true'}
                  onChange={(checked) => update({ open: checked ? 'true' : null })}
                  variant="outline"
                >
                  {t('repairList.filters.openOnly')}
                </Chip>
                <Chip
                  checked={filters.overdue === 'true'}
                  onChange={(checked) => update({ overdue: checked ? 'true' : null })}
                  color="red"
                  variant="outline"
                >
                  {t('repairList.filters.overdue')}
                </Chip>
              </Group>
            </SimpleGrid>
          </Stack>
        </Collapse>
      </Stack>

      <QueryStatus query={repairs} />

      {repairs.data && repairs.data.items.length === 0 ? (
        <Empty
          icon={<IconClipboardList size={28} aria-hidden />}
          title={filtered ? t('repairList.emptyFilteredTitle') : t('repairList.emptyTitle')}
          description={filtered ? t('common.emptyFilteredHint') : t('repairList.emptyHint')}
        >
          {!filtered ? <NewRepairButton /> : null}
        </Empty>
      ) : null}

      {repairs.data && repairs.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: repairs.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={1100} visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="sm" aria-label={t('repairList.listLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('repairShared.fields.number')}</Table.Th>
                  <Table.Th>{t('repairShared.fields.customer')}</Table.Th>
                  <Table.Th>{t('repairShared.fields.subject')}</Table.Th>
                  <Table.Th>{t('repairShared.fields.status')}</Table.Th>
                  <Table.Th>{t('repairShared.fields.priority')}</Table.Th>
                  <Table.Th>{t('repairShared.fields.technician')}</Table.Th>
                  <Table.Th>{t('repairShared.fields.receivedAt')}</Table.Th>
                  <Table.Th>{t('repairShared.fields.deadline')}</Table.Th>
                  <Table.Th ta="right">{t('repairShared.fields.total')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {repairs.data.items.map((repair) => (
                  <Table.Tr
                    key={repair.id}
                    onClick={() => navigate(link(repair))}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td>
                      <TextLink
                        to={link(repair)}
                        fw={600}
                        size="sm"
                        style={{ whiteSpace: 'nowrap' }}
                        onClick={(event) => event.stopPropagation()}
                      >
                        {number(repair.number)}
                      </TextLink>
                    </Table.Td>
                    <Table.Td miw={160}>
                      <Text size="sm" fw={500}>
                        {repair.customerName}
                      </Text>
                    </Table.Td>
                    <Table.Td miw={180}>
                      <Stack gap={2}>
                        <Text size="sm" lineClamp={2}>
                          {subject(repair)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`repairVocab.serviceTypes.${repair.serviceType}`)}
                          {repair.warrantyReturn ? ` · ${t('repairShared.warrantyReturn')}` : ''}
                        </Text>
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <div style={{ minWidth: 'max-content' }}>
                        <StatusBadge status={repair.status} />
                      </div>
                    </Table.Td>
                    <Table.Td>
                      <div style={{ minWidth: 'max-content' }}>
                        <PriorityBadge priority={repair.priority} />
                      </div>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" c={repair.technicianName ? undefined : 'dimmed'}>
                        {repair.technicianName ?? t('repairShared.unassigned')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {shortDate(repair.receivedAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <DeadlineText repair={repair} short />
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                        {format.money(repair.totalValue, currency)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Stack gap="sm" hiddenFrom="sm">
            {repairs.data.items.map((repair) => (
              <Card
                key={repair.id}
                withBorder
                padding="md"
                component={Link}
                to={link(repair)}
                style={{ textDecoration: 'none', color: 'inherit' }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={700}>{number(repair.number)}</Text>
                    <Text fw={500} lineClamp={1}>
                      {repair.customerName}
                    </Text>
                  </Stack>
                  <div style={{ flex: 'none' }}>
                    <StatusBadge status={repair.status} />
                  </div>
                </Group>
                <Text size="sm" c="dimmed" mt={4} lineClamp={2}>
                  {subject(repair)}
                </Text>
                <Group gap="xs" mt="xs" wrap="wrap">
                  {repair.priority !== 'NORMAL' ? (
                    <PriorityBadge priority={repair.priority} size="xs" />
                  ) : null}
                  {repair.warrantyReturn ? (
                    <Badge size="xs" color="grape" variant="light">
                      {t('repairShared.warrantyReturn')}
                    </Badge>
                  ) : null}
                </Group>
                <Group justify="space-between" gap="xs" mt="xs" wrap="nowrap">
                  <DeadlineText repair={repair} size="xs" />
                  <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {format.money(repair.totalValue, currency)}
                  </Text>
                </Group>
                <Group gap={4} mt={4} wrap="nowrap">
                  <IconUser size={14} aria-hidden />
                  <Text size="xs" c="dimmed" truncate>
                    {repair.technicianName ?? t('repairShared.unassigned')}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>

          <Paging
            total={repairs.data.total}
            capped={repairs.data.totalCapped}
            page={filters.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => update({ page })}
          />
        </Stack>
      ) : null}
    </>
  );
}
