import {
  ASSET_KINDS,
  type AssetKind,
  CONSENT_CHANNELS,
  CUSTOMER_KINDS,
  type Customer,
  formatPhone,
} from '@bancada/shared';
import {
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useMediaQuery } from '@mantine/hooks';
import {
  IconAdjustmentsHorizontal,
  IconDownload,
  IconFileImport,
  IconPlus,
  IconSearch,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { saveFile } from '../../app/download';
import { useFormat } from '../../app/format';
import { notifyError } from '../../app/notify';
import { type CustomerFilters, exportCustomers, useCustomers } from './api';
import { CustomerKindBadge, documentOf } from './display';
import { ImportModal } from './ImportModal';

const PAGE_SIZE = 25;
const SORTS = ['name', '-createdAt', '-lastVisitAt'] as const;
type Sort = (typeof SORTS)[number];

function pick<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** The list's filters live in the address, so a search can be shared, reloaded and gone back to. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters: CustomerFilters = {
    q: params.get('q')?.trim() || undefined,
    kind: pick(CUSTOMER_KINDS, params.get('kind')),
    hasAssetKind: pick(ASSET_KINDS, params.get('hasAssetKind')),
    city: params.get('city')?.trim() || undefined,
    consent: pick(CONSENT_CHANNELS, params.get('consent')),
    sort: pick(SORTS, params.get('sort')) ?? 'name',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const update = (changes: Partial<Record<keyof CustomerFilters, string | number | null | undefined>>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        // any change of filter starts from the first page again
        if (!('page' in changes)) next.delete('page');
        if (next.get('sort') === 'name') next.delete('sort');
        return next;
      },
      { replace: true },
    );
  };
  return { filters, update };
}

export function CustomersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { can } = useAuth();
  const { filters, update } = useFilters();
  const [search, setSearch] = useState(filters.q ?? '');
  const [city, setCity] = useState(filters.city ?? '');
  const [debouncedSearch] = useDebouncedValue(search.trim(), 300);
  const [debouncedCity] = useDebouncedValue(city.trim(), 300);
  const [importing, { open: openImport, close: closeImport }] = useDisclosure(false);
  const [exporting, setExporting] = useState(false);
  // on phones the filters fold away behind a button
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);

  // typed text reaches the address once the typing pauses
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the debounced text only
  useEffect(() => {
    if (debouncedSearch !== (filters.q ?? '')) update({ q: debouncedSearch });
  }, [debouncedSearch]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the debounced text only
  useEffect(() => {
    if (debouncedCity !== (filters.city ?? '')) update({ city: debouncedCity });
  }, [debouncedCity]);
  // the address changed from elsewhere (the header's "see all results")
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the address only
  useEffect(() => {
    if ((filters.q ?? '') !== search.trim()) setSearch(filters.q ?? '');
  }, [filters.q]);

  const customers = useCustomers(filters);
  const activeFilters = [filters.kind, filters.hasAssetKind, filters.city, filters.consent].filter(
    Boolean,
  ).length;
  const filtered = Boolean(filters.q) || activeFilters > 0;

  const download = async () => {
    setExporting(true);
    try {
      const { page: _page, pageSize: _pageSize, ...rest } = filters;
      const file = await exportCustomers(rest);
      const today = new Date().toISOString().slice(0, 10);
      saveFile(file.blob, file.filename ?? `${t('customers.exportFileName')}-${today}.csv`);
    } catch (error) {
      notifyError(error);
    } finally {
      setExporting(false);
    }
  };

  const lastVisit = (customer: Customer) =>
    customer.lastVisitAt ? (
      <Text size="sm" title={format.dateTime(customer.lastVisitAt)}>
        {format.date(customer.lastVisitAt)}
      </Text>
    ) : (
      <Text size="sm" c="dimmed">
        {t('customers.neverVisited')}
      </Text>
    );

  return (
    <>
      <PageHeader
        title={t('nav.customers')}
        description={t('customers.description')}
        actions={
          <>
            {can('customers:import') ? (
              <Button
                variant="default"
                leftSection={<IconFileImport size={16} aria-hidden />}
                onClick={openImport}
              >
                {t('customers.import.open')}
              </Button>
            ) : null}
            {can('customers:import') ? (
              // the export carries every customer's personal data: the server asks for the import grant
              <Button
                variant="default"
                leftSection={<IconDownload size={16} aria-hidden />}
                onClick={() => void download()}
                loading={exporting}
              >
                {t('customers.export')}
              </Button>
            ) : null}
            {can('customers:write') ? (
              <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} aria-hidden />}>
                {t('customers.new')}
              </Button>
            ) : null}
          </>
        }
      />

      <Stack gap="sm" mb="md">
        <TextInput
          label={t('common.search')}
          placeholder={t('customers.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
          maxLength={120}
        />
        {isPhone ? (
          <Group justify="space-between">
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
              onClick={toggleFilters}
              aria-expanded={filtersOpen}
              aria-controls="customer-filters"
            >
              {activeFilters > 0
                ? t('customers.filters.toggleActive', { count: activeFilters })
                : t('customers.filters.toggle')}
            </Button>
          </Group>
        ) : null}
        <Collapse expanded={!isPhone || filtersOpen} id="customer-filters">
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
            <Select
              label={t('customers.fields.kind')}
              placeholder={t('common.all')}
              data={CUSTOMER_KINDS.map((value) => ({ value, label: t(`customers.kinds.${value}`) }))}
              value={filters.kind ?? null}
              onChange={(value) => update({ kind: value })}
              clearable
            />
            <Select
              label={t('customers.filters.assetKind')}
              placeholder={t('common.all')}
              data={ASSET_KINDS.map((value) => ({ value, label: t(`assets.kindsPlural.${value}`) }))}
              value={filters.hasAssetKind ?? null}
              onChange={(value) => update({ hasAssetKind: value as AssetKind | null })}
              clearable
            />
            <TextInput
              label={t('customers.fields.city')}
              placeholder={t('common.all')}
              value={city}
              onChange={(event) => setCity(event.currentTarget.value)}
              maxLength={80}
            />
            <Select
              label={t('customers.filters.consent')}
              placeholder={t('common.all')}
              data={CONSENT_CHANNELS.map((value) => ({
                value,
                label: t(`customers.consentChannels.${value}`),
              }))}
              value={filters.consent ?? null}
              onChange={(value) => update({ consent: value })}
              clearable
            />
            <Select
              label={t('customers.filters.sort')}
              data={SORTS.map((value) => ({ value, label: t(`customers.sorts.${value}`) }))}
              value={filters.sort as Sort}
              onChange={(value) => update({ sort: value })}
              allowDeselect={false}
            />
          </SimpleGrid>
        </Collapse>
      </Stack>

      <QueryStatus query={customers} />

      {customers.data && customers.data.items.length === 0 ? (
        <Empty
          icon={<IconUsersGroup size={28} aria-hidden />}
          title={filtered ? t('customers.emptyFilteredTitle') : t('customers.emptyTitle')}
          description={filtered ? t('common.emptyFilteredHint') : t('customers.emptyHint')}
        >
          {!filtered && can('customers:write') ? (
            <Button component={Link} to="/customers/new" leftSection={<IconPlus size={16} aria-hidden />}>
              {t('customers.new')}
            </Button>
          ) : null}
        </Empty>
      ) : null}

      {customers.data && customers.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: customers.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={860} visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('customers.fields.name')}</Table.Th>
                  <Table.Th>{t('customers.fields.document')}</Table.Th>
                  <Table.Th>{t('customers.fields.phone')}</Table.Th>
                  <Table.Th>{t('customers.fields.email')}</Table.Th>
                  <Table.Th ta="right">{t('customers.fields.assetCount')}</Table.Th>
                  <Table.Th>{t('customers.fields.lastVisit')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {customers.data.items.map((customer) => (
                  <Table.Tr
                    key={customer.id}
                    onClick={() => navigate(`/customers/${customer.id}`)}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td>
                      <Stack gap={2}>
                        <TextLink
                          to={`/customers/${customer.id}`}
                          fw={500}
                          size="sm"
                          onClick={(event) => event.stopPropagation()}
                        >
                          {customer.name}
                        </TextLink>
                        {customer.tradeName ? (
                          <Text size="xs" c="dimmed">
                            {customer.tradeName}
                          </Text>
                        ) : null}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {documentOf(customer) ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {customer.phone ? formatPhone(customer.phone) : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{customer.email ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{format.number(customer.assetCount)}</Text>
                    </Table.Td>
                    <Table.Td>{lastVisit(customer)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>

          <Stack gap="sm" hiddenFrom="sm">
            {customers.data.items.map((customer) => (
              <Card
                key={customer.id}
                withBorder
                padding="md"
                component={Link}
                to={`/customers/${customer.id}`}
                style={{ textDecoration: 'none', color: 'inherit' }}
              >
                <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <Text fw={600} lineClamp={2}>
                      {customer.name}
                    </Text>
                    {documentOf(customer) ? (
                      <Text size="sm" c="dimmed" ff="monospace">
                        {documentOf(customer)}
                      </Text>
                    ) : null}
                  </Stack>
                  <CustomerKindBadge kind={customer.kind} />
                </Group>
                <Stack gap={2} mt="xs">
                  {customer.phone ? <Text size="sm">{formatPhone(customer.phone)}</Text> : null}
                  {customer.email ? (
                    <Text size="sm" c="dimmed" truncate>
                      {customer.email}
                    </Text>
                  ) : null}
                </Stack>
                <Group gap="xs" mt="xs">
                  <Badge variant="light" color="gray">
                    {t('customers.assetCount', { count: customer.assetCount })}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('customers.fields.lastVisit')}:{' '}
                    {customer.lastVisitAt ? format.date(customer.lastVisitAt) : t('customers.neverVisited')}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>

          <Paging
            total={customers.data.total}
            page={filters.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => update({ page })}
          />
        </Stack>
      ) : null}

      {can('customers:import') ? <ImportModal opened={importing} onClose={closeImport} /> : null}
    </>
  );
}
