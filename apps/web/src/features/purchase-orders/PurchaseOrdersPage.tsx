import { PO_STATUSES, type PurchaseOrder } from '@bancada/shared';
import { Badge, Card, Chip, Group, Select, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconBulb, IconClipboardList, IconShoppingCart } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useFormat } from '../../app/format';
import { useOrganizationCurrency } from '../organization/api';
import { type PurchaseOrderFilters, usePurchaseOrders, useReorderSuggestions } from './api';
import { LateBadge, localDate, PurchaseOrderStatusBadge } from './display';
import { SuggestionsPanel } from './SuggestionsPanel';

const PAGE_SIZE = 25;
const TABS = ['orders', 'suggestions'] as const;
type Tab = (typeof TABS)[number];

export function PurchaseOrdersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.find((value) => value === params.get('tab')) ?? 'orders';
  const suggestions = useReorderSuggestions();
  const suggestionCount = suggestions.data?.reduce((sum, group) => sum + group.lines.length, 0) ?? 0;

  const setParam = (changes: Record<string, string | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === '') next.delete(key);
          else next.set(key, value);
        }
        if (!('page' in changes)) next.delete('page');
        return next;
      },
      { replace: true },
    );
  };

  return (
    <>
      <PageHeader title={t('nav.purchasing')} description={t('purchasing.description')} />
      <Tabs value={tab} onChange={(value) => setParam({ tab: value === 'orders' ? null : value })}>
        <Tabs.List mb="lg">
          <Tabs.Tab value="orders" leftSection={<IconClipboardList size={16} aria-hidden />}>
            {t('purchasing.tabs.orders')}
          </Tabs.Tab>
          <Tabs.Tab
            value="suggestions"
            leftSection={<IconBulb size={16} aria-hidden />}
            rightSection={
              suggestionCount > 0 ? (
                <Badge size="xs" color="red" circle>
                  {suggestionCount}
                </Badge>
              ) : null
            }
          >
            {t('purchasing.tabs.suggestions')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="orders">
          <OrdersList params={params} setParam={setParam} />
        </Tabs.Panel>
        <Tabs.Panel value="suggestions">{tab === 'suggestions' ? <SuggestionsPanel /> : null}</Tabs.Panel>
      </Tabs>
    </>
  );
}

function OrdersList({
  params,
  setParam,
}: {
  params: URLSearchParams;
  setParam: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const currency = useOrganizationCurrency();
  const filters: PurchaseOrderFilters = {
    status: PO_STATUSES.find((value) => value === params.get('status')),
    late: params.get('late') === 'true' ? 'true' : undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZE,
  };
  const orders = usePurchaseOrders(filters);
  const filtered = Boolean(filters.status || filters.late);
  const number = (order: PurchaseOrder) => t('purchasing.number', { number: order.number });

  return (
    <>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <Select
          label={t('purchasing.fields.status')}
          placeholder={t('common.all')}
          data={PO_STATUSES.map((value) => ({ value, label: t(`purchasing.statuses.${value}`) }))}
          value={filters.status ?? null}
          onChange={(value) => setParam({ status: value })}
          clearable
          w={{ base: '100%', xs: 220 }}
        />
        <Chip
          checked={filters.late === 'true'}
          onChange={(checked) => setParam({ late: checked ? 'true' : null })}
          color="red"
          variant="outline"
        >
          {t('purchasing.lateOnly')}
        </Chip>
      </Group>

      <QueryStatus query={orders} />
      {orders.data && orders.data.items.length === 0 ? (
        <Empty
          icon={<IconShoppingCart size={28} aria-hidden />}
          title={filtered ? t('purchasing.emptyFilteredTitle') : t('purchasing.emptyTitle')}
          description={filtered ? t('common.emptyFilteredHint') : t('purchasing.emptyHint')}
        />
      ) : null}
      {orders.data && orders.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: orders.isPlaceholderData ? 0.6 : 1 }}>
          <Table.ScrollContainer minWidth={760} visibleFrom="sm">
            <Table highlightOnHover verticalSpacing="sm" aria-label={t('purchasing.tabs.orders')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('purchasing.fields.number')}</Table.Th>
                  <Table.Th>{t('purchasing.fields.supplier')}</Table.Th>
                  <Table.Th>{t('purchasing.fields.status')}</Table.Th>
                  <Table.Th>{t('purchasing.fields.expectedAt')}</Table.Th>
                  <Table.Th ta="right">{t('purchasing.fields.total')}</Table.Th>
                  <Table.Th>{t('purchasing.fields.createdAt')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {orders.data.items.map((order) => (
                  <Table.Tr
                    key={order.id}
                    onClick={() => navigate(`/purchase-orders/${order.id}`)}
                    style={{ cursor: 'pointer' }}
                  >
                    <Table.Td>
                      <TextLink
                        to={`/purchase-orders/${order.id}`}
                        fw={500}
                        size="sm"
                        onClick={(event) => event.stopPropagation()}
                      >
                        {number(order)}
                      </TextLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{order.supplierName}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} wrap="nowrap">
                        <PurchaseOrderStatusBadge status={order.status} />
                        {order.late ? <LateBadge /> : null}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.date(localDate(order.expectedAt))}</Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {format.money(order.total, currency)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{format.date(order.createdAt)}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Stack gap="sm" hiddenFrom="sm">
            {orders.data.items.map((order) => (
              <Card
                key={order.id}
                withBorder
                padding="md"
                component={Link}
                to={`/purchase-orders/${order.id}`}
                style={{ textDecoration: 'none', color: 'inherit' }}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text fw={600}>{number(order)}</Text>
                  <Text fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {format.money(order.total, currency)}
                  </Text>
                </Group>
                <Text size="sm">{order.supplierName}</Text>
                <Group gap={6} mt="xs" wrap="wrap">
                  <PurchaseOrderStatusBadge status={order.status} />
                  {order.late ? <LateBadge /> : null}
                  {order.expectedAt ? (
                    <Text size="xs" c="dimmed">
                      {t('purchasing.fields.expectedAt')}: {format.date(localDate(order.expectedAt))}
                    </Text>
                  ) : null}
                </Group>
              </Card>
            ))}
          </Stack>
          <Paging
            total={orders.data.total}
            page={filters.page}
            pageSize={PAGE_SIZE}
            onChange={(page) => setParam({ page: String(page) })}
          />
        </Stack>
      ) : null}
    </>
  );
}
