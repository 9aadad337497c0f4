import type { RepairEvent } from '@bancada/shared';
import { Anchor, Button, Group, Image, SimpleGrid, Skeleton, Stack, Text, Timeline } from '@mantine/core';
import { IconArrowLeft, IconFileTypePdf, IconQrcode } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { type ApiFile, apiFile } from '../../app/api';
import { Empty } from '../../app/components/QueryStates';
import { NotFoundPage } from '../../app/components/StatusPages';
import { saveFile } from '../../app/download';
import { useFormat } from '../../app/format';
import { notifyError } from '../../app/notify';
import { downloadInvoicePdf, useInvoiceLink, useRepairInvoice } from '../billing/api';
import { usePhotoFile, useRepairEvents, useRepairPhotos } from '../repairs/order-api';
import { type PortalOrder, usePortalCurrency, usePortalOrders, usePortalRepair } from './api';
import { OrderStatusBadge, PortalTitle } from './display';
import { PortalEstimate } from './PortalEstimate';
import { usePortalCustomerId } from './PortalShell';
import { PortalSection, SectionStatus } from './sections';

// what a customer follows of an order; timers, checklists and internal edits are the shop's
const CUSTOMER_EVENTS: readonly RepairEvent['type'][] = [
  'created',
  'status',
  'estimate_sent',
  'estimate_decided',
];

/** One of my orders: status (live), estimate to answer, timeline, documents, payment and photos. */
export function PortalOrderPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const customerId = usePortalCustomerId();
  const orders = usePortalOrders(customerId);
  const order = orders.data?.find((entry) => entry.id === id);

  if (orders.isPending || orders.isError) return <SectionStatus query={orders} rows={6} />;
  if (!order) return <NotFoundPage />;
  return (
    <Stack gap="md">
      <Anchor component={Link} to="/portal" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={16} aria-hidden />
          {t('portal.order.back')}
        </Group>
      </Anchor>
      <OrderSummary order={order} />
      <PortalEstimate repairId={order.id} />
      <OrderTimeline repairId={order.id} />
      <OrderDocuments order={order} />
      <OrderPhotos repairId={order.id} />
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </div>
  );
}

function OrderSummary({ order }: { order: PortalOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = usePortalCurrency();
  // the details need the order route; the list's entry already says the essentials
  const repair = usePortalRepair(order.id);
  const details = repair.data?.data;
  const status = details?.status ?? order.status;
  return (
    <Stack gap="sm">
      <PortalTitle title={t('portal.orders.number', { number: order.number })} />
      <Group gap="xs" mt={-8}>
        <OrderStatusBadge status={status} size="lg" />
      </Group>
      <PortalSection id="portal-order-summary" title={t('portal.order.summary')}>
        <SimpleGrid cols={2} spacing="sm">
          {order.assetLabel ? <Fact label={t('portal.order.asset')} value={order.assetLabel} /> : null}
          <Fact label={t('portal.order.received')} value={format.date(details?.receivedAt ?? order.at)} />
          {details?.deadline ? (
            <Fact label={t('portal.order.deadline')} value={format.date(details.deadline)} />
          ) : null}
          <Fact
            label={t('portal.order.total')}
            value={format.money(details?.totalValue ?? order.total, currency)}
          />
          {details?.warrantyUntil ? (
            <Fact label={t('portal.order.warrantyUntil')} value={format.date(details.warrantyUntil)} />
          ) : null}
        </SimpleGrid>
        {details?.serviceDescription ? (
          <Fact label={t('portal.order.problem')} value={details.serviceDescription} />
        ) : null}
        {details && details.parts.length > 0 ? (
          <div>
            <Text size="xs" c="dimmed" fw={500}>
              {t('portal.order.parts')}
            </Text>
            {details.parts.map((part) => (
              <Text key={part.id} size="sm">
                {format.number(part.quantity)} {part.unit} · {part.name}
              </Text>
            ))}
          </div>
        ) : null}
      </PortalSection>
    </Stack>
  );
}

function OrderTimeline({ repairId }: { repairId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const events = useRepairEvents(repairId);
  const items = (events.data ?? [])
    .filter((event) => CUSTOMER_EVENTS.includes(event.type))
    .sort((a, b) => b.at.localeCompare(a.at));
  return (
    <PortalSection id="portal-order-timeline" title={t('portal.order.timeline')}>
      <SectionStatus query={events} />
      {events.data && items.length === 0 ? <Empty title={t('portal.order.timelineEmpty')} /> : null}
      {items.length > 0 ? (
        <Timeline bulletSize={14} lineWidth={2} active={items.length}>
          {items.map((event) => (
            <Timeline.Item
              key={event.id}
              title={
                event.type === 'status' && event.toStatus ? (
                  <OrderStatusBadge status={event.toStatus} />
                ) : (
                  <Text size="sm" fw={600}>
                    {t(
                      `portal.order.events.${event.type as 'created' | 'estimate_sent' | 'estimate_decided'}`,
                    )}
                  </Text>
                )
              }
            >
              <Text size="xs" c="dimmed">
                {format.dateTime(event.at)}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      ) : null}
    </PortalSection>
  );
}

function OrderDocuments({ order }: { order: PortalOrder }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = usePortalCurrency();
  const invoice = useRepairInvoice(order.id);
  const invoiceData = invoice.data?.data;
  const link = useInvoiceLink(invoiceData?.id ?? '');
  const [busy, setBusy] = useState<string | null>(null);

  const download = async (key: string, load: () => Promise<ApiFile>, fallbackName: string) => {
    setBusy(key);
    try {
      const file = await load();
      saveFile(file.blob, file.filename ?? fallbackName);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(null);
    }
  };
  const documents = order.documents;
  // the history gives each document's API path; the service report only once the order is done
  const files = [
    documents?.intake ? { key: 'intake', path: documents.intake } : null,
    documents?.report ? { key: 'report', path: documents.report } : null,
  ].filter((file): file is { key: 'intake' | 'report'; path: string } => file !== null);

  return (
    <PortalSection id="portal-order-documents" title={t('portal.order.documents')}>
      {files.length === 0 && !invoiceData ? (
        <Text size="sm" c="dimmed">
          {t('portal.order.noDocuments')}
        </Text>
      ) : null}
      <Stack gap="xs">
        {files.map((file) => (
          <Button
            key={file.key}
            variant="light"
            justify="flex-start"
            leftSection={<IconFileTypePdf size={18} aria-hidden />}
            loading={busy === file.key}
            onClick={() =>
              void download(
                file.key,
                () =>
                  apiFile(file.path.replace(/^\/api(?=\/)/, ''), { headers: { Accept: 'application/pdf' } }),
                `${file.key}-${order.number}.pdf`,
              )
            }
          >
            {t(`portal.order.${file.key}`)}
          </Button>
        ))}
        {invoiceData ? (
          <Button
            variant="light"
            justify="flex-start"
            leftSection={<IconFileTypePdf size={18} aria-hidden />}
            loading={busy === 'invoice'}
            onClick={() =>
              void download(
                'invoice',
                () => downloadInvoicePdf(invoiceData.id),
                `invoice-${invoiceData.number}.pdf`,
              )
            }
          >
            {t('portal.order.invoice', { number: invoiceData.number })}
          </Button>
        ) : null}
      </Stack>
      {invoice.isError ? <SectionStatus query={invoice} /> : null}
      {invoiceData && invoiceData.balance > 0 && invoiceData.status !== 'CANCELLED' ? (
        <Stack gap={4}>
          <Text size="sm">
            {t('portal.order.balance', { amount: format.money(invoiceData.balance, currency) })}
          </Text>
          <Button
            leftSection={<IconQrcode size={18} aria-hidden />}
            loading={link.isPending}
            onClick={() =>
              link.mutate(undefined, {
                onSuccess: ({ url }) => window.location.assign(url),
                onError: (error) => notifyError(error),
              })
            }
          >
            {t('portal.order.payPix')}
          </Button>
        </Stack>
      ) : null}
    </PortalSection>
  );
}

function OrderPhotos({ repairId }: { repairId: string }) {
  const { t } = useTranslation();
  const photos = useRepairPhotos(repairId);
  return (
    <PortalSection id="portal-order-photos" title={t('portal.order.photos')}>
      <SectionStatus query={photos} />
      {photos.data && photos.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('portal.order.photosEmpty')}
        </Text>
      ) : null}
      {photos.data && photos.data.length > 0 ? (
        <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="xs">
          {photos.data.map((photo) => (
            <Photo key={photo.id} url={photo.url} caption={photo.caption ?? t('portal.order.photo')} />
          ))}
        </SimpleGrid>
      ) : null}
    </PortalSection>
  );
}

function Photo({ url, caption }: { url: string; caption: string }) {
  const file = usePhotoFile(url);
  const [src, setSrc] = useState<string | null>(null);
  // an object URL for the Blob, revoked when the photo is no longer shown
  useEffect(() => {
    if (!file.data) return;
    const next = URL.createObjectURL(file.data);
    setSrc(next);
    return () => URL.revokeObjectURL(next);
  }, [file.data]);
  if (!src) return <Skeleton h={120} radius="sm" />;
  return <Image src={src} alt={caption} h={120} radius="sm" fit="cover" />;
}
