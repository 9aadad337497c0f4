import { formatPhone, type Supplier } from '@bancada/shared';
import { Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconPlus, IconSearch, IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useSuppliers } from './api';
import { SupplierCreateModal } from './SupplierCreateModal';

const PAGE_SIZE = 25;

export function SuppliersPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { can } = useAuth();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [page, setPage] = useState(1);
  const [creating, { open: openCreate, close: closeCreate }] = useDisclosure(false);
  const suppliers = useSuppliers({ q: q || undefined, page, pageSize: PAGE_SIZE });
  const canWrite = can('suppliers:write');
  const leadTime = (supplier: Supplier) =>
    supplier.leadTimeDays === null ? '—' : t('suppliers.days', { count: supplier.leadTimeDays });

  const newButton = canWrite ? (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={openCreate}>
      {t('suppliers.new')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('nav.suppliers')} description={t('suppliers.description')} actions={newButton} />
      <TextInput
        mb="md"
        label={t('common.search')}
        placeholder={t('suppliers.searchPlaceholder')}
        leftSection={<IconSearch size={16} aria-hidden />}
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          setPage(1);
        }}
        type="search"
        maxLength={120}
      />

      <QueryStatus query={suppliers} />
      {suppliers.data && suppliers.data.items.length === 0 ? (
        <Empty
          icon={<IconTruckDelivery size={28} aria-hidden />}
          title={q ? t('suppliers.emptyFilteredTitle') : t('suppliers.emptyTitle')}
          description={q ? t('common.emptyFilteredHint') : t('suppliers.emptyHint')}
        >
          {!q ? newButton : null}
        </Empty>
      ) : null}
      {suppliers.data && suppliers.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: suppliers.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={760} visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="sm" aria-label={t('nav.suppliers')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('suppliers.fields.name')}</Table.Th>
                  <Table.Th>{t('suppliers.fields.document')}</Table.Th>
                  <Table.Th>{t('suppliers.fields.phone')}</Table.Th>
                  <Table.Th>{t('suppliers.fields.email')}</Table.Th>
                  <Table.Th ta="right">{t('suppliers.fields.leadTimeDays')}</Table.Th>
                  <Table.Th ta="right">{t('suppliers.componentsTitle')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {suppliers.data.items.map((supplier) => (
                  <Table.Tr
                    key={supplier.id}
                    onClick={() => navigate(`/suppliers/${supplier.id}`)}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td>
                      <TextLink
                        to={`/suppliers/${supplier.id}`}
                        fw={500}
                        size="sm"
                        onClick={(event) => event.stopPropagation()}
                      >
                        {supplier.name}
                      </TextLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                        {supplier.documentFormatted ?? supplier.document ?? '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {supplier.phone ? formatPhone(supplier.phone) : '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{supplier.email ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{leadTime(supplier)}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm">{supplier.components.length}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack gap="sm" hiddenFrom="sm">
            {suppliers.data.items.map((supplier) => (
              <Card
                key={supplier.id}
                withBorder
                padding="md"
                component={Link}
                to={`/suppliers/${supplier.id}`}
                style={{ textDecoration: 'none', color: 'inherit' }}
              >
                <Text fw={600}>{supplier.name}</Text>
                {supplier.documentFormatted ? (
                  <Text size="sm" c="dimmed" ff="monospace">
                    {supplier.documentFormatted}
                  </Text>
                ) : null}
                <Group gap="xs" mt={4}>
                  {supplier.phone ? <Text size="sm">{formatPhone(supplier.phone)}</Text> : null}
                  <Text size="xs" c="dimmed">
                    {t('suppliers.fields.leadTimeDays')}: {leadTime(supplier)}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>
          <Paging total={suppliers.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      ) : null}

      {canWrite ? <SupplierCreateModal opened={creating} onClose={closeCreate} /> : null}
    </>
  );
}
