import type { Component } from '@bancada/shared';
import {
  Badge,
  Button,
  Card,
  Chip,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconBox, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useFormat } from '../../app/format';
import { useOrganizationCurrency } from '../organization/api';
import { useSupplierOptions } from '../suppliers/api';
import { type ComponentFilters, useBelowMinimumCount, useCategories, useComponents } from './api';
import { ComponentCreateModal } from './ComponentCreateModal';
import { MinimumBadge, useQuantity } from './display';

const PAGE_SIZE = 25;

/** The list's filters live in the address, so a search can be shared, reloaded and gone back to. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters: ComponentFilters = {
    q: params.get('q')?.trim() || undefined,
    category: params.get('category') || undefined,
    supplierId: params.get('supplierId') || undefined,
    belowMinimum: params.get('belowMinimum') === 'true' ? 'true' : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const update = (changes: Partial<Record<keyof ComponentFilters, string | number | null | undefined>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };
  return { filters, update };
}

export function ComponentsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const quantity = useQuantity();
  const navigate = useNavigate();
  const { can } = useAuth();
  const currency = useOrganizationCurrency();
  const { filters, update } = useFilters();
  const [search, setSearch] = useState(filters.q ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const categories = useCategories();
  const suppliers = useSupplierOptions(can('suppliers:read'));
  const belowCount = useBelowMinimumCount();

  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the debounced text only
  useEffect(() => {
    if (debouncedSearch !== (filters.q ?? '')) update({ q: debouncedSearch });
  }, [debouncedSearch]);

  const components = useComponents(filters);
  const filtered = Boolean(filters.q || filters.category || filters.supplierId || filters.belowMinimum);
  const canWrite = can('components:write');
  const lowCount = belowCount.data ?? 0;

  const newButton = canWrite ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openCreate}>
      {t('inventory.new')}
    </Button>
  ) : null;

  const name = (component: Component) => (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <TextLink
        to={`/inventory/${encodeURIComponent(component.id)}`}
        fw={500}
        size="sm"
        onClick={(event) => event.stopPropagation()}
      >
        {component.name}
      </TextLink>
      {!component.active ? (
        <Text size="xs" c="dimmed">
          {t('inventory.inactive')}
        </Text>
      ) : null}
    </Stack>
  );

  return (
    <>
      <PageHeader title={t('nav.inventory')} description={t('inventory.description')} actions={newButton} />

      <Stack gap="sm" mb="md">
        <TextInput
          label={t('common.search')}
          placeholder={t('inventory.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
          maxLength={120}
        />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
          <Select
            label={t('inventory.fields.category')}
            placeholder={t('common.all')}
            data={categories.data ?? []}
            value={filters.category ?? null}
            onChange={(value) => update({ category: value })}
            searchable
            clearable
          />
          {can('suppliers:read') ? (
            <Select
              label={t('inventory.fields.supplier')}
              placeholder={t('common.all')}
              data={suppliers.data ?? []}
              value={filters.supplierId ?? null}
              onChange={(value) => update({ supplierId: value })}
              searchable
              clearable
            />
          ) : null}
          <Group align="flex-end">
            <Chip
              checked={filters.belowMinimum === 'true'}
              onChange={(checked) => update({ belowMinimum: checked ? 'true' : null })}
              color="red"
              variant="outline"
            >
              <Group gap={6} wrap="nowrap">
                <span>{t('inventory.belowMinimumFilter')}</span>
                {lowCount > 0 ? (
                  <Badge
                    size="sm"
                    color="red"
                    circle
                    aria-label={t('inventory.belowMinimumCount', { count: lowCount })}
                  >
                    {lowCount}
                  </Badge>
                ) : null}
              </Group>
            </Chip>
          </Group>
        </SimpleGrid>
      </Stack>

      <QueryStatus query={components} />

      {components.data && components.data.items.length === 0 ? (
        <Empty
          icon={<IconBox size={28} aria-hidden />}
          title={filtered ? t('inventory.emptyFilteredTitle') : t('inventory.emptyTitle')}
          description={filtered ? t('common.emptyFilteredHint') : t('inventory.emptyHint')}
        >
          {!filtered ? newButton : null}
        </Empty>
      ) : null}

      {components.data && components.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: components.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={960} visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="sm" aria-label={t('inventory.listLabel')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('inventory.fields.code')}</Table.Th>
                  <Table.Th>{t('inventory.fields.name')}</Table.Th>
                  <Table.Th>{t('inventory.fields.category')}</Table.Th>
                  <Table.Th>{t('inventory.fields.supplier')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.fields.price')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.fields.available')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.fields.reserved')}</Table.Th>
                  <Table.Th ta="right">{t('inventory.fields.minStock')}</Table.Th>
                  <Table.Th>{t('inventory.fields.location')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {components.data.items.map((component) => (
                  <Table.Tr
                    key={component.id}
                    onClick={() => navigate(`/inventory/${encodeURIComponent(component.id)}`)}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {component.code}
                      </Text>
                    </Table.Td>
                    <Table.Td>{name(component)}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{component.category ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{component.supplier ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {format.money(component.price, currency)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" fw={600} c={component.belowMinimum ? 'red' : undefined}>
                        {quantity(component.stock, component.unit)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" c="dimmed">
                        {format.number(component.reserved)}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <MinimumBadge component={component} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{component.location ?? '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Stack gap="sm" hiddenFrom="sm">
            {components.data.items.map((component) => (
              <Card
                key={component.id}
                withBorder
                padding="md"
                component={Link}
                to={`/inventory/${encodeURIComponent(component.id)}`}
                style={{ textDecoration: 'none', color: 'inherit' }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600} lineClamp={2}>
                      {component.name}
                    </Text>
                    <Text size="sm" c="dimmed" ff="monospace">
                      {component.code}
                    </Text>
                  </Stack>
                  <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {format.money(component.price, currency)}
                  </Text>
                </Group>
                <Group gap="xs" mt="xs" wrap="wrap">
                  <Badge
                    variant="light"
                    color={component.belowMinimum ? 'red' : 'teal'}
                    leftSection={component.belowMinimum ? <IconAlertTriangle size={12} aria-hidden /> : null}
                  >
                    {t('inventory.availableCount', { value: quantity(component.stock, component.unit) })}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('inventory.fields.minStock')}: {format.number(component.minStock)}
                    {component.reserved > 0
                      ? ` · ${t('inventory.fields.reserved')}: ${format.number(component.reserved)}`
                      : ''}
                  </Text>
                </Group>
                {component.category || component.location ? (
                  <Text size="xs" c="dimmed" mt={4}>
                    {[component.category, component.location].filter(Boolean).join(' · ')}
                  </Text>
                ) : null}
              </Card>
            ))}
          </Stack>

          <Paging
            total={components.data.total}
            page={filters.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => update({ page })}
          />
        </Stack>
      ) : null}

      {canWrite ? <ComponentCreateModal opened={creating} onClose={closeCreate} currency={currency} /> : null}
    </>
  );
}
