import { Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconCalendarPlus, IconChevronRight, IconClipboardList } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { usePortalCurrency, usePortalOrders } from './api';
import { OrderStatusBadge, PortalTitle } from './display';
import { PortalAppointments } from './PortalAppointments';
import { usePortalCustomerId } from './PortalShell';

/**
 * My orders, newest first; their statuses follow the shop live (PortalShell keeps the socket open).
 * Above them, "Book a visit" and my appointments.
 */
export function PortalOrdersPage() {
  const { t } = useTranslation();
  const customerId = usePortalCustomerId();
  const orders = usePortalOrders(customerId);
  const format = useFormat();
  const currency = usePortalCurrency();

  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <PortalTitle title={t('portal.orders.title')} />
        <Button
          component={Link}
          to="/portal/book"
          size="sm"
          style={{ flexShrink: 0 }}
          leftSection={<IconCalendarPlus size={16} aria-hidden />}
        >
          {t('portal.book.title')}
        </Button>
      </Group>
      <Stack mb="md">
        <PortalAppointments />
      </Stack>
      <QueryStatus query={orders} rows={4} />
      {orders.data && orders.data.length === 0 ? (
        <Card withBorder radius="md">
          <Empty
            icon={<IconClipboardList size={28} aria-hidden />}
            title={t('portal.orders.empty')}
            description={t('portal.orders.emptyText')}
          />
        </Card>
      ) : null}
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-live="polite">
        {orders.data?.map((order) => (
          <li key={order.id}>
            <Card
              withBorder
              radius="md"
              padding="md"
              component={Link}
              to={`/portal/orders/${order.id}`}
              aria-label={t('portal.orders.open', { number: order.number })}
            >
              <Group justify="space-between" wrap="nowrap" gap="xs">
                <Stack gap={4} style={{ minWidth: 0 }}>
                  <Group gap="xs">
                    <Text fw={700}>{t('portal.orders.number', { number: order.number })}</Text>
                    <OrderStatusBadge status={order.status} />
                  </Group>
                  {order.assetLabel ? (
                    <Text size="sm" truncate>
                      {order.assetLabel}
                    </Text>
                  ) : null}
                  <Text size="xs" c="dimmed">
                    {t('portal.orders.date', { date: format.date(order.at) })} ·{' '}
                    {format.money(order.total, currency)}
                  </Text>
                </Stack>
                <IconChevronRight size={20} aria-hidden style={{ flexShrink: 0 }} />
              </Group>
            </Card>
          </li>
        ))}
      </Stack>
    </>
  );
}
