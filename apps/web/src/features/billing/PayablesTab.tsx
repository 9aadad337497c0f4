import {
  PAYMENT_METHODS,
  type Payable,
  type PayableCreate,
  PayableCreateSchema,
  type PaymentMethod,
} from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconFileImport, IconPlus, IconTruckDelivery } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useOrganizationCurrency } from '../organization/api';
import { usePurchaseOrders } from '../purchase-orders/api';
import { useSupplierOptions } from '../suppliers/api';
import {
  type PayableFilters,
  useCreatePayable,
  usePayableFromPurchaseOrder,
  usePayables,
  usePayPayable,
} from './api';
import { METHOD_ICONS, OverdueBadge, useAmountBoxProps, useCalendarDate } from './display';

const PAGE_SIZE = 25;

/** The supplier bills: typed in or from a received purchase order, each paid once. */
export function PayablesTab() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<'OPEN' | 'PAID' | 'all'>('OPEN');
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<'new' | 'fromOrder' | null>(null);
  const [paying, setPaying] = useState<Payable | null>(null);
  const filters: PayableFilters = { ...(status === 'all' ? {} : { status }), page, pageSize: PAGE_SIZE };
  const payables = usePayables(filters);
  const items = payables.data?.items ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="sm" wrap="wrap">
        <SegmentedControl
          aria-label={t('billing.payables.statusFilter')}
          value={status}
          onChange={(value) => {
            setStatus(value === 'PAID' ? 'PAID' : value === 'all' ? 'all' : 'OPEN');
            setPage(1);
          }}
          data={[
            { value: 'OPEN', label: t('billing.payables.statuses.OPEN') },
            { value: 'PAID', label: t('billing.payables.statuses.PAID') },
            { value: 'all', label: t('common.all') },
          ]}
        />
        <Group gap="xs">
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog('new')}>
            {t('billing.payables.new')}
          </Button>
          <Button
            variant="default"
            leftSection={<IconFileImport size={16} aria-hidden />}
            onClick={() => setDialog('fromOrder')}
          >
            {t('billing.payables.fromOrder')}
          </Button>
        </Group>
      </Group>
      <QueryStatus query={payables} />
      {payables.data && items.length === 0 ? (
        <Empty
          icon={<IconTruckDelivery size={28} aria-hidden />}
          title={t('billing.payables.emptyTitle')}
          description={t('billing.payables.emptyHint')}
        />
      ) : null}
      {items.length > 0 ? (
        <Stack gap="sm" style={{ opacity: payables.isPlaceholderData ? 0.6 : 1 }}>
          <PayableList items={items} onPay={setPaying} />
          <Paging total={payables.data?.total ?? 0} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      ) : null}
      {dialog === 'new' ? <NewPayableDialog onClose={() => setDialog(null)} /> : null}
      {dialog === 'fromOrder' ? <FromOrderDialog onClose={() => setDialog(null)} /> : null}
      {paying ? <PayPayableDialog payable={paying} onClose={() => setPaying(null)} /> : null}
    </Stack>
  );
}

function PayableList({ items, onPay }: { items: Payable[]; onPay: (payable: Payable) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const calendarDate = useCalendarDate(true);
  const status = (payable: Payable) =>
    payable.status === 'PAID' ? (
      <Badge variant="light" color="teal" size="sm">
        {t('billing.payables.paidOn', { date: format.shortDate(payable.paidAt) })}
      </Badge>
    ) : payable.overdue ? (
      <OverdueBadge />
    ) : (
      <Badge variant="light" color="blue" size="sm">
        {t('billing.payables.statuses.OPEN')}
      </Badge>
    );
  const payButton = (payable: Payable) =>
    payable.status === 'OPEN' ? (
      <Button
        size="compact-sm"
        variant="light"
        onClick={() => onPay(payable)}
        aria-label={t('billing.payables.payFor', { description: payable.description })}
      >
        {t('billing.payables.pay')}
      </Button>
    ) : null;
  const origin = (payable: Payable) =>
    payable.purchaseOrderId && payable.purchaseOrderNumber !== null ? (
      <TextLink to={`/purchase-orders/${payable.purchaseOrderId}`} size="xs">
        {t('purchasing.number', { number: payable.purchaseOrderNumber })}
      </TextLink>
    ) : null;
  return (
    <>
      <Table.ScrollContainer minWidth={720} visibleFrom="sm">
        <Table verticalSpacing="xs" aria-label={t('billing.receivables.tabs.payables')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.payables.description')}</Table.Th>
              <Table.Th>{t('billing.payables.supplier')}</Table.Th>
              <Table.Th>{t('billing.fields.dueDate')}</Table.Th>
              <Table.Th>{t('billing.payables.status')}</Table.Th>
              <Table.Th ta="right">{t('billing.payables.amount')}</Table.Th>
              <Table.Th w={1} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((payable) => (
              <Table.Tr key={payable.id}>
                <Table.Td>
                  <Text size="sm">{payable.description}</Text>
                  {origin(payable)}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{payable.supplierName ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={payable.overdue ? 'red.8' : undefined}>
                    {calendarDate(payable.dueDate)}
                  </Text>
                </Table.Td>
                <Table.Td>{status(payable)}</Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                    {format.money(payable.amount, currency)}
                  </Text>
                </Table.Td>
                <Table.Td>{payButton(payable)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {items.map((payable) => (
          <Card key={payable.id} withBorder padding="sm">
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" fw={600}>
                {payable.description}
              </Text>
              <Text size="sm" fw={700} style={{ whiteSpace: 'nowrap' }}>
                {format.money(payable.amount, currency)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {[payable.supplierName, t('billing.invoices.dueOn', { date: calendarDate(payable.dueDate) })]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <Group justify="space-between" mt={6}>
              {status(payable)}
              {payButton(payable)}
            </Group>
          </Card>
        ))}
      </Stack>
    </>
  );
}

interface PayableValues {
  description: string;
  supplierId: string | null;
  amount: number | string;
  dueDate: string | null;
}

function toPayableBody(values: PayableValues): PayableCreate {
  return {
    description: values.description,
    supplierId: values.supplierId,
    amount: values.amount === '' ? Number.NaN : Number(values.amount),
    dueDate: values.dueDate ?? '',
  };
}

function NewPayableDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const currency = useOrganizationCurrency();
  const moneyBox = useAmountBoxProps(currency);
  const suppliers = useSupplierOptions(can('suppliers:read'));
  const create = useCreatePayable();
  const form = useForm<PayableValues>({
    initialValues: { description: '', supplierId: null, amount: '', dueDate: null },
    validate: zodResolver(PayableCreateSchema, { prepare: toPayableBody }),
  });
  const submit = form.onSubmit((values) => {
    create.mutate(toPayableBody(values), {
      onSuccess: () => {
        notifySuccess(t('billing.payables.created'));
        onClose();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });
  return (
    <Modal opened onClose={onClose} title={t('billing.payables.newTitle')} fullScreen={isPhone}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <TextInput
            label={t('billing.payables.description')}
            required
            maxLength={300}
            {...form.getInputProps('description')}
            data-autofocus
          />
          <Select
            label={t('billing.payables.supplier')}
            data={suppliers.data ?? []}
            searchable
            clearable
            {...form.getInputProps('supplierId')}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
            <NumberInput
              label={t('billing.payables.amount')}
              required
              {...moneyBox}
              {...form.getInputProps('amount')}
            />
            <DateInput
              label={t('billing.fields.dueDate')}
              required
              valueFormat="L"
              {...form.getInputProps('dueDate')}
            />
          </SimpleGrid>
          {create.isError && !(create.error instanceof ApiError && create.error.status === 400) ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(create.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('billing.payables.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A received purchase order becomes one bill (what arrived, at cost, due in 30 days). */
function FromOrderDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const canRead = can('purchase-orders:read');
  const received = usePurchaseOrders({ status: 'received', page: 1, pageSize: 50 });
  const partly = usePurchaseOrders({ status: 'partially_received', page: 1, pageSize: 50 });
  const create = usePayableFromPurchaseOrder();
  const [orderId, setOrderId] = useState<string | null>(null);
  const orders = [...(received.data?.items ?? []), ...(partly.data?.items ?? [])];
  return (
    <Modal opened onClose={onClose} title={t('billing.payables.fromOrderTitle')}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('billing.payables.fromOrderText')}
        </Text>
        <Select
          label={t('billing.payables.purchaseOrder')}
          placeholder={canRead ? undefined : t('billing.payables.noOrderAccess')}
          data={orders.map((order) => ({
            value: order.id,
            label: `${t('purchasing.number', { number: order.number })} · ${order.supplierName} · ${format.money(order.total, currency)}`,
          }))}
          nothingFoundMessage={t('billing.payables.noOrders')}
          searchable
          value={orderId}
          onChange={setOrderId}
          disabled={!canRead}
          data-autofocus
        />
        {create.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(create.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!orderId}
            loading={create.isPending}
            onClick={() =>
              orderId &&
              create.mutate(orderId, {
                onSuccess: (payable) => {
                  notifySuccess(
                    t('billing.payables.createdFromOrder', {
                      amount: format.money(payable.amount, currency),
                    }),
                  );
                  onClose();
                },
              })
            }
          >
            {t('billing.payables.create')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function PayPayableDialog({ payable, onClose }: { payable: Payable; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const pay = usePayPayable();
  const [method, setMethod] = useState<PaymentMethod>('TRANSFER');
  return (
    <Modal opened onClose={onClose} title={t('billing.payables.payTitle')}>
      <Stack gap="md">
        <Text size="sm">
          {t('billing.payables.payText', {
            description: payable.description,
            amount: format.money(payable.amount, currency),
          })}
        </Text>
        <Text id="payable-method-label" size="sm" fw={500}>
          {t('billing.pay.method')}
        </Text>
        <SimpleGrid
          cols={{ base: 2, xs: 3 }}
          spacing="xs"
          role="group"
          aria-labelledby="payable-method-label"
        >
          {PAYMENT_METHODS.map((value) => {
            const Icon = METHOD_ICONS[value];
            return (
              <Button
                key={value}
                variant={method === value ? 'filled' : 'default'}
                aria-pressed={method === value}
                leftSection={<Icon size={18} aria-hidden />}
                onClick={() => setMethod(value)}
                styles={{ label: { whiteSpace: 'normal', lineHeight: 1.2 } }}
              >
                {t(`billing.methods.${value}`)}
              </Button>
            );
          })}
        </SimpleGrid>
        {pay.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(pay.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            loading={pay.isPending}
            onClick={() =>
              pay.mutate(
                { id: payable.id, method },
                {
                  onSuccess: () => {
                    notifySuccess(t('billing.payables.paid'));
                    onClose();
                  },
                },
              )
            }
          >
            {t('billing.payables.payConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
