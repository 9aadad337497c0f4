import type { PurchaseOrder } from '@bancada/shared';
import {
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Menu,
  Modal,
  Progress,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Timeline,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBan,
  IconCheck,
  IconDots,
  IconFilePencil,
  IconFileTypePdf,
  IconMailForward,
  IconMailOff,
  IconPackageImport,
  IconSend,
  IconTruckDelivery,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Details } from '../../app/components/Details';
import { PageHeader } from '../../app/components/PageHeader';
import { ErrorAlert, LoadingRows } from '../../app/components/QueryStates';
import { NotFoundPage } from '../../app/components/StatusPages';
import { saveFile } from '../../app/download';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { Panel } from '../customers/CustomerDataTab';
import { BackLink } from '../customers/CustomerPage';
import { useOrganizationCurrency } from '../organization/api';
import { useSupplier } from '../suppliers/api';
import {
  downloadPurchaseOrderPdf,
  useCancelPurchaseOrder,
  usePurchaseOrder,
  useSendPurchaseOrder,
} from './api';
import { DraftEditor } from './DraftEditor';
import { LateBadge, localDate, PurchaseOrderStatusBadge } from './display';
import { ReceiveModal } from './ReceiveModal';

export function PurchaseOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const order = usePurchaseOrder(id);
  if (order.isPending) return <LoadingRows rows={8} />;
  if (order.isError) {
    if (order.error instanceof ApiError && order.error.status === 404) return <NotFoundPage />;
    return (
      <Stack>
        <BackLink to="/purchase-orders" label={t('nav.purchasing')} />
        <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />
      </Stack>
    );
  }
  return <PurchaseOrderView resource={order.data} onReload={() => void order.refetch()} />;
}

function PurchaseOrderView({
  resource,
  onReload,
}: {
  resource: Versioned<PurchaseOrder>;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const order = resource.data;
  const send = useSendPurchaseOrder(order.id);
  const cancel = useCancelPurchaseOrder(order.id);
  const [sending, { open: openSend, close: closeSend }] = useDisclosure(false);
  const [cancelling, { open: openCancel, close: closeCancel }] = useDisclosure(false);
  const [receiving, { open: openReceive, close: closeReceive }] = useDisclosure(false);
  const [downloading, setDownloading] = useState(false);
  const [draftDirty, setDraftDirty] = useState(false);
  const [justSent, setJustSent] = useState(false);
  const canWrite = can('purchase-orders:write');
  const isDraft = order.status === 'draft';
  const canReceive = order.status === 'sent' || order.status === 'partially_received';
  const canCancel = order.status === 'draft' || order.status === 'sent';
  const title = t('purchasing.number', { number: order.number });

  const download = async () => {
    setDownloading(true);
    try {
      const file = await downloadPurchaseOrderPdf(order.id);
      saveFile(file.blob, file.filename ?? `${t('purchasing.pdfFileName')}-${order.number}.pdf`);
    } catch (error) {
      notifyError(error);
    } finally {
      setDownloading(false);
    }
  };

  const confirmSend = () => {
    send.mutate(
      {},
      {
        onSuccess: () => {
          closeSend();
          setJustSent(true);
          notifySuccess(t('purchasing.send.done', { number: order.number }));
        },
      },
    );
  };

  const confirmCancel = () => {
    cancel.mutate(
      {},
      {
        onSuccess: () => {
          closeCancel();
          notifySuccess(t('purchasing.cancel.done', { number: order.number }));
        },
      },
    );
  };

  return (
    <>
      <BackLink to="/purchase-orders" label={t('nav.purchasing')} />
      <PageHeader
        title={title}
        description={
          <Group component="span" gap="xs" wrap="wrap">
            <PurchaseOrderStatusBadge status={order.status} />
            {order.late ? <LateBadge /> : null}
            <span>
              {t('purchasing.fields.supplier')}:{' '}
              {can('suppliers:read') ? (
                <Anchor component={Link} to={`/suppliers/${order.supplierId}`} size="sm">
                  {order.supplierName}
                </Anchor>
              ) : (
                order.supplierName
              )}
            </span>
          </Group>
        }
        actions={
          <>
            {isDraft && canWrite ? (
              <Button
                leftSection={<IconSend size={16} aria-hidden />}
                onClick={openSend}
                disabled={draftDirty || order.lines.length === 0}
                title={draftDirty ? t('purchasing.send.saveFirst') : undefined}
              >
                {t('purchasing.send.open')}
              </Button>
            ) : null}
            {canReceive && canWrite ? (
              <Button leftSection={<IconPackageImport size={16} aria-hidden />} onClick={openReceive}>
                {t('purchasing.receive.open')}
              </Button>
            ) : null}
            <Button
              variant="default"
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
              onClick={() => void download()}
              loading={downloading}
            >
              {t('purchasing.pdf')}
            </Button>
            {canCancel && canWrite ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" px="xs" aria-label={t('purchasing.moreActions')}>
                    <IconDots size={18} aria-hidden />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item color="red" leftSection={<IconBan size={16} aria-hidden />} onClick={openCancel}>
                    {t('purchasing.cancel.open')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />

      {justSent || order.status === 'sent' ? <SentNotice order={order} /> : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Panel id="po-lines" title={t('purchasing.lines.title')}>
            {isDraft && canWrite ? (
              <DraftEditor
                resource={resource}
                currency={currency}
                onReload={onReload}
                onDirtyChange={setDraftDirty}
              />
            ) : (
              <LinesTable order={order} currency={currency} />
            )}
          </Panel>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <Panel id="po-details" title={t('purchasing.detailsTitle')}>
              <Details
                cols={1}
                items={[
                  { label: t('purchasing.fields.total'), value: format.money(order.total, currency) },
                  {
                    label: t('purchasing.fields.expectedAt'),
                    value: format.date(localDate(order.expectedAt)),
                  },
                  ...(order.notes ? [{ label: t('purchasing.fields.notes'), value: order.notes }] : []),
                ]}
              />
            </Panel>
            <Panel id="po-timeline" title={t('purchasing.timeline.title')}>
              <StatusTimeline order={order} />
            </Panel>
          </Stack>
        </Grid.Col>
      </Grid>

      <Modal
        opened={sending}
        onClose={closeSend}
        title={t('purchasing.send.title', { number: order.number })}
      >
        <Stack gap="md">
          <Text size="sm">{t('purchasing.send.text', { supplier: order.supplierName })}</Text>
          {send.isError ? <ErrorAlert error={send.error} /> : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={closeSend}>
              {t('common.cancel')}
            </Button>
            <Button
              onClick={confirmSend}
              loading={send.isPending}
              leftSection={<IconSend size={16} aria-hidden />}
            >
              {t('purchasing.send.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      <Modal
        opened={cancelling}
        onClose={closeCancel}
        title={t('purchasing.cancel.title', { number: order.number })}
      >
        <Stack gap="md">
          <Text size="sm">{t('purchasing.cancel.text')}</Text>
          {cancel.isError ? <ErrorAlert error={cancel.error} /> : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={closeCancel}>
              {t('purchasing.cancel.keep')}
            </Button>
            <Button color="red" onClick={confirmCancel} loading={cancel.isPending}>
              {t('purchasing.cancel.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>

      {canReceive && canWrite ? (
        <ReceiveModal order={order} opened={receiving} onClose={closeReceive} />
      ) : null}
    </>
  );
}

function LinesTable({ order, currency }: { order: PurchaseOrder; currency: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const showReceived = order.status !== 'draft' && order.status !== 'cancelled';
  return (
    <>
      <Table.ScrollContainer minWidth={620} visibleFrom="sm">
        <Table verticalSpacing="xs" aria-label={t('purchasing.lines.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('purchasing.lines.component')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.lines.ordered')}</Table.Th>
              {showReceived ? <Table.Th w={150}>{t('purchasing.lines.received')}</Table.Th> : null}
              <Table.Th ta="right">{t('purchasing.lines.unitCost')}</Table.Th>
              <Table.Th ta="right">{t('purchasing.lines.total')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {order.lines.map((line) => (
              <Table.Tr key={line.id}>
                <Table.Td>
                  <Anchor
                    component={Link}
                    to={`/inventory/${encodeURIComponent(line.componentId)}`}
                    size="sm"
                  >
                    {line.componentName}
                  </Anchor>
                  <Text size="xs" c="dimmed" ff="monospace">
                    {line.code}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {format.number(line.quantity)} {line.unit}
                  </Text>
                </Table.Td>
                {showReceived ? (
                  <Table.Td>
                    <Text size="sm">
                      {format.number(line.received)} / {format.number(line.quantity)}
                    </Text>
                    <Progress
                      value={line.quantity > 0 ? Math.min(100, (line.received / line.quantity) * 100) : 0}
                      size="sm"
                      color={line.received >= line.quantity ? 'teal' : 'yellow'}
                      aria-hidden
                    />
                  </Table.Td>
                ) : null}
                <Table.Td ta="right">
                  <Text size="sm">{format.money(line.unitCost, currency)}</Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={500}>
                    {format.money(line.total, currency)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
          <Table.Tfoot>
            <Table.Tr>
              <Table.Th colSpan={showReceived ? 4 : 3}>{t('purchasing.fields.total')}</Table.Th>
              <Table.Th ta="right">{format.money(order.total, currency)}</Table.Th>
            </Table.Tr>
          </Table.Tfoot>
        </Table>
      </Table.ScrollContainer>
      <Stack gap="xs" hiddenFrom="sm">
        {order.lines.map((line) => (
          <Card key={line.id} withBorder padding="sm">
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" fw={600}>
                {line.componentName}
              </Text>
              <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
                {format.money(line.total, currency)}
              </Text>
            </Group>
            <Text size="xs" c="dimmed">
              {line.code} · {format.number(line.quantity)} {line.unit} ×{' '}
              {format.money(line.unitCost, currency)}
            </Text>
            {showReceived ? (
              <Text size="xs" c={line.received >= line.quantity ? 'teal' : 'yellow.8'}>
                {t('purchasing.lines.receivedOf', {
                  received: format.number(line.received),
                  quantity: format.number(line.quantity),
                })}
              </Text>
            ) : null}
          </Card>
        ))}
        <Group justify="space-between">
          <Text fw={600}>{t('purchasing.fields.total')}</Text>
          <Text fw={700}>{format.money(order.total, currency)}</Text>
        </Group>
      </Stack>
    </>
  );
}

interface TimelineStep {
  key: 'created' | 'sent' | 'partially_received' | 'received' | 'cancelled';
  icon: typeof IconSend;
  at: string | null;
  done: boolean;
}

/** draft → sent → (partly) received, or cancelled, with the dates the order keeps. */
function StatusTimeline({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const partly = order.lines.some((line) => line.received > 0);
  const steps: TimelineStep[] = [
    { key: 'created' as const, icon: IconFilePencil, at: order.createdAt, done: true },
    { key: 'sent' as const, icon: IconSend, at: order.sentAt, done: order.sentAt !== null },
    ...(order.status === 'cancelled'
      ? [{ key: 'cancelled' as const, icon: IconBan, at: order.updatedAt, done: true }]
      : [
          ...(partly && order.status !== 'received'
            ? [{ key: 'partially_received' as const, icon: IconTruckDelivery, at: null, done: true }]
            : []),
          {
            key: 'received' as const,
            icon: IconCheck,
            at: order.receivedAt,
            done: order.status === 'received',
          },
        ]),
  ];
  const active = steps.filter((step) => step.done).length - 1;
  return (
    <Timeline active={active} bulletSize={26} lineWidth={2}>
      {steps.map((step) => {
        const Icon = step.icon;
        return (
          <Timeline.Item
            key={step.key}
            bullet={
              <ThemeIcon
                size={26}
                radius="xl"
                variant={step.done ? 'filled' : 'light'}
                color={step.key === 'cancelled' ? 'red' : step.done ? undefined : 'gray'}
              >
                <Icon size={14} aria-hidden />
              </ThemeIcon>
            }
            title={
              <Text size="sm" fw={600} c={step.done ? undefined : 'dimmed'}>
                {t(`purchasing.timeline.${step.key}`)}
              </Text>
            }
          >
            {step.at ? (
              <Text size="xs" c="dimmed">
                <time dateTime={step.at}>{format.dateTime(step.at)}</time>
              </Text>
            ) : step.key === 'received' && order.expectedAt ? (
              <Text size="xs" c={order.late ? 'red' : 'dimmed'}>
                {t('purchasing.timeline.expected', { date: format.date(localDate(order.expectedAt)) })}
              </Text>
            ) : null}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

/** Where the supplier's e-mail went: the outbox (sent through SMTP when configured), or nowhere without an address. */
function SentNotice({ order }: { order: PurchaseOrder }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const supplier = useSupplier(order.supplierId, can('suppliers:read'));
  const contact = supplier.data?.data;
  const noAddress = contact !== undefined && !contact.email && !contact.contacts.some((c) => c.email);
  if (noAddress) {
    return (
      <Alert color="orange" variant="light" icon={<IconMailOff aria-hidden />} mb="lg" role="status">
        {t('purchasing.send.noEmail')}
      </Alert>
    );
  }
  return (
    <Alert color="blue" variant="light" icon={<IconMailForward aria-hidden />} mb="lg" role="status">
      <Stack gap={4} align="flex-start">
        <span>{t('purchasing.send.outbox')}</span>
        {can('outbox:read') ? (
          <Anchor component={Link} to="/outbox" size="sm">
            {t('purchasing.send.openOutbox')}
          </Anchor>
        ) : null}
      </Stack>
    </Alert>
  );
}
