import type { ServiceCatalogItem } from '@bancada/shared';
import {
  Badge,
  Button,
  Card,
  Group,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconNotebook, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useOrganizationCurrency } from '../organization/api';
import { type ServiceCatalogFilters, useServiceCatalog } from './api';
import { CatalogItemModal } from './CatalogItemModal';

const PAGE_SIZE = 25;
const ACTIVE_OPTIONS = ['true', 'false', 'all'] as const;

/** The filters live in the address, so a search can be shared, reloaded and gone back to. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const active = params.get('active');
  const filters: ServiceCatalogFilters = {
    q: params.get('q')?.trim() || undefined,
    // active items unless asked otherwise; "all" sends no filter
    active: active === 'false' ? 'false' : active === 'all' ? undefined : 'true',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const activeChoice = active === 'false' || active === 'all' ? active : 'true';
  const update = (changes: Record<string, string | number | null | undefined>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in changes)) next.delete('page');
        if (next.get('active') === 'true') next.delete('active');
        return next;
      },
      { replace: true },
    );
  };
  return { filters, activeChoice, update };
}

export function ServiceCatalogPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const currency = useOrganizationCurrency();
  const { filters, activeChoice, update } = useFilters();
  const [search, setSearch] = useState(filters.q ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  // undefined: closed; null: a new item; a string: the item being edited
  const [editing, setEditing] = useState<string | null | undefined>(undefined);
  const canEdit = can('repairs:update');

  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the debounced text only
  useEffect(() => {
    if (debouncedSearch !== (filters.q ?? '')) update({ q: debouncedSearch });
  }, [debouncedSearch]);

  const catalog = useServiceCatalog(filters);
  const filtered = Boolean(filters.q) || activeChoice !== 'true';

  const newButton = canEdit ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing(null)}>
      {t('serviceCatalog.new')}
    </Button>
  ) : null;
  const open = (item: ServiceCatalogItem) => (canEdit ? () => setEditing(item.id) : undefined);
  const hours = (value: number) => t('serviceCatalog.hoursValue', { value: format.number(value) });
  const days = (value: number) =>
    t('serviceCatalog.daysValue', { count: value, value: format.number(value) });

  return (
    <>
      <PageHeader
        title={t('nav.serviceCatalog')}
        description={t('serviceCatalog.description')}
        actions={newButton}
      />

      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mb="md" maw={900}>
        <TextInput
          label={t('common.search')}
          placeholder={t('serviceCatalog.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
          maxLength={120}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="catalog-active-label">
            {t('serviceCatalog.activeFilter.label')}
          </Text>
          <SegmentedControl
            aria-labelledby="catalog-active-label"
            value={activeChoice}
            onChange={(value) => update({ active: value })}
            data={ACTIVE_OPTIONS.map((value) => ({
              value,
              label: t(`serviceCatalog.activeFilter.${value}`),
            }))}
          />
        </Stack>
      </SimpleGrid>

      <QueryStatus query={catalog} />

      {catalog.data && catalog.data.items.length === 0 ? (
        <Empty
          icon={<IconNotebook size={28} aria-hidden />}
          title={filtered ? t('serviceCatalog.emptyFilteredTitle') : t('serviceCatalog.emptyTitle')}
          description={filtered ? t('common.emptyFilteredHint') : t('serviceCatalog.emptyHint')}
        >
          {!filtered ? newButton : null}
        </Empty>
      ) : null}

      {catalog.data && catalog.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: catalog.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={860} visibleFrom="sm">
            <Table highlightOnHover={canEdit} verticalSpacing="sm" aria-label={t('serviceCatalog.listLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('serviceCatalog.fields.code')}</Table.Th>
                  <Table.Th>{t('serviceCatalog.fields.name')}</Table.Th>
                  <Table.Th>{t('serviceCatalog.fields.category')}</Table.Th>
                  <Table.Th>{t('serviceCatalog.fields.specialty')}</Table.Th>
                  <Table.Th ta="right">{t('serviceCatalog.fields.standardHoursShort')}</Table.Th>
                  <Table.Th ta="right">{t('serviceCatalog.fields.price')}</Table.Th>
                  <Table.Th ta="right">{t('serviceCatalog.fields.warrantyShort')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {catalog.data.items.map((item) => (
                  <Table.Tr
                    key={item.id}
                    onClick={open(item)}
                    style={canEdit ? { cursor: 'pointer' } : undefined}
                  >
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {item.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        {canEdit ? (
                          <Text
                            component="button"
                            type="button"
                            size="sm"
                            fw={500}
                            c="blue"
                            ta="left"
                            style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
                            onClick={(event) => {
                              event.stopPropagation();
                              setEditing(item.id);
                            }}
                          >
                            {item.name}
                          </Text>
                        ) : (
                          <Text size="sm" fw={500}>
                            {item.name}
                          </Text>
                        )}
                        {item.description ? (
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {item.description}
                          </Text>
                        ) : null}
                        {!item.active ? (
                          <Text size="xs" c="dimmed">
                            {t('serviceCatalog.inactive')}
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.category ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{item.specialty ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {hours(item.standardHours)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                        {format.money(item.price, currency)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {days(item.warrantyDays)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Stack gap="sm" hiddenFrom="sm">
            {catalog.data.items.map((item) => (
              <Card
                key={item.id}
                withBorder
                padding="md"
                component={canEdit ? 'button' : 'div'}
                type={canEdit ? 'button' : undefined}
                onClick={open(item)}
                style={{ textAlign: 'left', cursor: canEdit ? 'pointer' : undefined, width: '100%' }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600} lineClamp={2}>
                      {item.name}
                    </Text>
                    <Text size="sm" c="dimmed" ff="monospace">
                      {item.code}
                    </Text>
                  </Stack>
                  <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {format.money(item.price, currency)}
                  </Text>
                </Group>
                <Group gap="xs" mt="xs" wrap="wrap">
                  <Badge variant="light" tt="none">
                    {hours(item.standardHours)}
                  </Badge>
                  <Badge variant="light" color="teal" tt="none">
                    {t('serviceCatalog.warrantyBadge', { value: days(item.warrantyDays) })}
                  </Badge>
                  {!item.active ? (
                    <Badge variant="light" color="gray">
                      {t('serviceCatalog.inactive')}
                    </Badge>
                  ) : null}
                </Group>
                {item.category || item.specialty ? (
                  <Text size="xs" c="dimmed" mt={4}>
                    {[item.category, item.specialty].filter(Boolean).join(' · ')}
                  </Text>
                ) : null}
              </Card>
            ))}
          </Stack>

          <Paging
            total={catalog.data.total}
            page={filters.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => update({ page })}
          />
        </Stack>
      ) : null}

      {canEdit ? (
        <CatalogItemModal
          itemId={editing ?? null}
          opened={editing !== undefined}
          onClose={() => setEditing(undefined)}
          currency={currency}
        />
      ) : null}
    </>
  );
}
