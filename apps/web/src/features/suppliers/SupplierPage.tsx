import { formatPhone, type Supplier } from '@bancada/shared';
import { Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBox, IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Details } from '../../app/components/Details';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, ErrorAlert, LoadingRows, QueryStatus } from '../../app/components/QueryStates';
import { NotFoundPage } from '../../app/components/StatusPages';
import { useFormat } from '../../app/format';
import { Panel } from '../customers/CustomerDataTab';
import { BackLink } from '../customers/CustomerPage';
import { useComponents } from '../inventory/api';
import { useOrganizationCurrency } from '../organization/api';
import { useSupplier } from './api';
import { SupplierEditDrawer } from './SupplierEditDrawer';

export function SupplierPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const supplier = useSupplier(id);
  if (supplier.isPending) return <LoadingRows rows={8} />;
  if (supplier.isError) {
    if (supplier.error instanceof ApiError && supplier.error.status === 404) return <NotFoundPage />;
    return (
      <Stack>
        <BackLink to="/suppliers" label={t('nav.suppliers')} />
        <ErrorAlert error={supplier.error} onRetry={() => void supplier.refetch()} />
      </Stack>
    );
  }
  return <SupplierView resource={supplier.data} onReload={() => void supplier.refetch()} />;
}

function SupplierView({ resource, onReload }: { resource: Versioned<Supplier>; onReload: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const supplier = resource.data;
  const [editing, { open: openEdit, close: closeEdit }] = useDisclosure(false);

  return (
    <>
      <BackLink to="/suppliers" label={t('nav.suppliers')} />
      <PageHeader
        title={supplier.name}
        description={supplier.documentFormatted ?? undefined}
        actions={
          can('suppliers:write') ? (
            <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={openEdit}>
              {t('suppliers.edit')}
            </Button>
          ) : null
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <Panel id="supplier-details" title={t('suppliers.detailsTitle')}>
            <Details
              items={[
                {
                  label:
                    supplier.documentType && supplier.documentType !== 'OTHER'
                      ? supplier.documentType
                      : t('suppliers.fields.document'),
                  value: supplier.documentFormatted ?? supplier.document,
                },
                {
                  label: t('suppliers.fields.leadTimeDays'),
                  value:
                    supplier.leadTimeDays === null
                      ? null
                      : t('suppliers.days', { count: supplier.leadTimeDays }),
                },
                {
                  label: t('suppliers.fields.email'),
                  value: supplier.email ? (
                    <Anchor href={`mailto:${supplier.email}`} size="sm">
                      {supplier.email}
                    </Anchor>
                  ) : null,
                },
                {
                  label: t('suppliers.fields.phone'),
                  value: supplier.phone ? (
                    <Anchor href={`tel:${supplier.phone}`} size="sm">
                      {formatPhone(supplier.phone)}
                    </Anchor>
                  ) : null,
                },
                ...(supplier.notes
                  ? [{ label: t('suppliers.fields.notes'), value: supplier.notes, wide: true }]
                  : []),
              ]}
            />
          </Panel>
          <Panel id="supplier-contacts" title={t('suppliers.fields.contacts')}>
            {supplier.contacts.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('suppliers.noContacts')}
              </Text>
            ) : (
              <Stack gap="sm">
                {supplier.contacts.map((contact, index) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: contacts have no id
                  <Card key={index} withBorder padding="sm">
                    <Text size="sm" fw={600}>
                      {contact.name}
                      {contact.role ? (
                        <Text component="span" size="sm" c="dimmed">
                          {' '}
                          · {contact.role}
                        </Text>
                      ) : null}
                    </Text>
                    <Group gap="md">
                      {contact.email ? (
                        <Anchor href={`mailto:${contact.email}`} size="sm">
                          {contact.email}
                        </Anchor>
                      ) : null}
                      {contact.phone ? (
                        <Anchor href={`tel:${contact.phone}`} size="sm">
                          {formatPhone(contact.phone)}
                        </Anchor>
                      ) : null}
                    </Group>
                  </Card>
                ))}
              </Stack>
            )}
          </Panel>
        </SimpleGrid>
        <SuppliedComponents supplier={supplier} />
      </Stack>
      {can('suppliers:write') ? (
        <SupplierEditDrawer opened={editing} resource={resource} onReload={onReload} onClose={closeEdit} />
      ) : null}
    </>
  );
}

/** The components linked to this supplier, with the supplier's own cost where it was recorded. */
function SuppliedComponents({ supplier }: { supplier: Supplier }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const linked = useComponents({ supplierId: supplier.id, page: 1, pageSize: 200 });
  const costs = new Map(supplier.components.map((c) => [c.componentId, c]));
  const rows = [
    ...(linked.data?.items ?? []).map((c) => ({
      componentId: c.id,
      name: c.name,
      code: c.code,
      cost: costs.get(c.id)?.cost ?? c.cost,
      supplierCode: costs.get(c.id)?.supplierCode ?? null,
      stock: c.stock as number | null,
      belowMinimum: c.belowMinimum,
    })),
    ...supplier.components
      .filter((c) => !linked.data?.items.some((item) => item.id === c.componentId))
      .map((c) => ({ ...c, stock: null, belowMinimum: false })),
  ];
  return (
    <Panel id="supplier-components" title={t('suppliers.componentsTitle')}>
      <QueryStatus query={linked} rows={3} />
      {linked.data && rows.length === 0 ? (
        <Empty icon={<IconBox size={28} aria-hidden />} title={t('suppliers.noComponents')} />
      ) : null}
      {linked.data && rows.length > 0 ? (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs" aria-labelledby="supplier-components">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inventory.fields.code')}</Table.Th>
                <Table.Th>{t('inventory.fields.name')}</Table.Th>
                <Table.Th>{t('suppliers.supplierCode')}</Table.Th>
                <Table.Th ta="right">{t('inventory.fields.cost')}</Table.Th>
                <Table.Th ta="right">{t('inventory.fields.available')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.componentId}>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {row.code}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/inventory/${encodeURIComponent(row.componentId)}`}
                      size="sm"
                    >
                      {row.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.supplierCode ?? '—'}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{format.money(row.cost, currency)}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c={row.belowMinimum ? 'red' : undefined}>
                      {row.stock === null ? '—' : format.number(row.stock)}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Panel>
  );
}
