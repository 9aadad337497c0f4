import type { Invoice, PaymentCreate } from '@bancada/shared';
import { Alert, Anchor, Badge, Button, Grid, Group, Menu, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBan,
  IconCash,
  IconDots,
  IconFileTypePdf,
  IconQrcode,
  IconReceiptOff,
  IconSend,
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
import { downloadInvoicePdf, useInvoice, usePayInvoice } from './api';
import { InvoiceStatusBadge, OverdueBadge, TotalRow, useCalendarDate, useInvoiceNumber } from './display';
import { CancelInvoiceDialog, InvoiceLinkDialog, PixDialog } from './InvoiceDialogs';
import { InvoiceFiscal } from './InvoiceFiscal';
import { InvoiceLines } from './InvoiceLines';
import { InvoicePayments } from './InvoicePayments';
import { PaymentDialog } from './PaymentDialog';
import { changeOf, isPayable } from './payment-form';

export function InvoicePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [pixOpen, setPixOpen] = useState(false);
  // while the Pix code is on screen the invoice is read every few seconds: the customer's payment shows
  const invoice = useInvoice(id, { poll: pixOpen });
  if (invoice.isPending) return <LoadingRows rows={8} />;
  if (invoice.isError) {
    if (invoice.error instanceof ApiError && invoice.error.status === 404) return <NotFoundPage />;
    return (
      <Stack>
        <BackLink to="/invoices" label={t('billing.nav.invoices')} />
        <ErrorAlert error={invoice.error} onRetry={() => void invoice.refetch()} />
      </Stack>
    );
  }
  return <InvoiceView resource={invoice.data} pixOpen={pixOpen} onPixOpen={setPixOpen} />;
}

function InvoiceView({
  resource,
  pixOpen,
  onPixOpen,
}: {
  resource: Versioned<Invoice>;
  pixOpen: boolean;
  onPixOpen: (open: boolean) => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const currency = useOrganizationCurrency();
  const format = useFormat();
  const invoiceNumber = useInvoiceNumber();
  const invoice = resource.data;
  const pay = usePayInvoice(invoice.id);
  const [paying, { open: openPay, close: closePay }] = useDisclosure(false);
  const [linking, { open: openLink, close: closeLink }] = useDisclosure(false);
  const [cancelling, { open: openCancel, close: closeCancel }] = useDisclosure(false);
  const [downloading, setDownloading] = useState(false);
  const payable = isPayable(invoice);
  const money = (value: number) => format.money(value, currency);

  const download = async () => {
    setDownloading(true);
    try {
      const file = await downloadInvoicePdf(invoice.id);
      saveFile(file.blob, file.filename ?? `${t('billing.pdfFileName')}-${invoice.number}.pdf`);
    } catch (error) {
      notifyError(error);
    } finally {
      setDownloading(false);
    }
  };

  const receive = async (body: PaymentCreate, idempotencyKey: string) => {
    await pay.mutateAsync({ body, idempotencyKey });
    const change = changeOf(body.amount, body.tendered ?? null);
    notifySuccess(
      change
        ? t('billing.pay.doneWithChange', { amount: money(body.amount), change: money(change) })
        : t('billing.pay.done', { amount: money(body.amount) }),
    );
  };

  return (
    <>
      <BackLink to="/invoices" label={t('billing.nav.invoices')} />
      <PageHeader
        title={invoiceNumber(invoice.number)}
        description={<HeaderSummary invoice={invoice} />}
        actions={
          <>
            {payable && can('payments:write') ? (
              <Button leftSection={<IconCash size={18} aria-hidden />} onClick={openPay}>
                {t('billing.pay.open')}
              </Button>
            ) : null}
            {payable ? (
              <Button
                variant="light"
                leftSection={<IconQrcode size={18} aria-hidden />}
                onClick={() => onPixOpen(true)}
              >
                {t('billing.pix.open')}
              </Button>
            ) : null}
            {invoice.status !== 'CANCELLED' ? (
              <Button variant="default" leftSection={<IconSend size={16} aria-hidden />} onClick={openLink}>
                {t('billing.link.open')}
              </Button>
            ) : null}
            <Button
              variant="default"
              leftSection={<IconFileTypePdf size={16} aria-hidden />}
              onClick={() => void download()}
              loading={downloading}
            >
              {t('billing.pdf')}
            </Button>
            {invoice.status !== 'CANCELLED' && can('invoices:cancel') ? (
              <Menu position="bottom-end" withinPortal>
                <Menu.Target>
                  <Button variant="default" px="xs" aria-label={t('billing.moreActions')}>
                    <IconDots size={18} aria-hidden />
                  </Button>
                </Menu.Target>
                <Menu.Dropdown>
                  <Menu.Item color="red" leftSection={<IconBan size={16} aria-hidden />} onClick={openCancel}>
                    {t('billing.cancel.open')}
                  </Menu.Item>
                </Menu.Dropdown>
              </Menu>
            ) : null}
          </>
        }
      />

      {invoice.status === 'CANCELLED' ? (
        <Alert color="gray" variant="light" icon={<IconReceiptOff aria-hidden />} mb="lg">
          {t('billing.cancel.cancelledOn', {
            date: format.dateTime(invoice.cancelledAt),
            reason: invoice.cancelReason ?? '—',
          })}
        </Alert>
      ) : null}

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="lg">
            <Panel id="invoice-lines" title={t('billing.lines.title')}>
              <InvoiceLines invoice={invoice} currency={currency} withBalance={false} />
            </Panel>
            <InvoicePayments invoice={invoice} currency={currency} />
            <InvoiceFiscal invoice={invoice} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Panel id="invoice-summary" title={t('billing.summary.title')}>
            <Stack gap="xs">
              <TotalRow label={t('billing.totals.total')} value={money(invoice.total)} />
              <TotalRow label={t('billing.totals.paid')} value={money(invoice.paid)} color="teal.8" />
              <TotalRow
                label={t('billing.totals.balance')}
                value={money(invoice.balance)}
                strong
                color={invoice.overdue ? 'red.8' : undefined}
              />
              <Details
                cols={1}
                items={[
                  { label: t('billing.fields.issuedAt'), value: format.date(invoice.createdAt) },
                  { label: t('billing.fields.dueDate'), value: <DueDate invoice={invoice} /> },
                  ...(invoice.paymentTerms
                    ? [{ label: t('billing.fields.paymentTerms'), value: invoice.paymentTerms }]
                    : []),
                  ...(invoice.notes ? [{ label: t('billing.fields.notes'), value: invoice.notes }] : []),
                ]}
              />
            </Stack>
          </Panel>
        </Grid.Col>
      </Grid>

      {payable && can('payments:write') ? (
        <PaymentDialog
          opened={paying}
          onClose={() => {
            closePay();
            pay.reset();
          }}
          title={t('billing.pay.title', { number: invoice.number })}
          currency={currency}
          balance={invoice.balance}
          reference={{ label: t('billing.totals.balance'), value: invoice.balance }}
          pending={pay.isPending}
          error={pay.error}
          onSubmit={receive}
        />
      ) : null}
      <PixDialog
        invoice={invoice}
        currency={currency}
        opened={pixOpen && (payable || invoice.status === 'PAID')}
        onClose={() => onPixOpen(false)}
      />
      <InvoiceLinkDialog invoice={invoice} currency={currency} opened={linking} onClose={closeLink} />
      {can('invoices:cancel') ? (
        <CancelInvoiceDialog resource={resource} opened={cancelling} onClose={closeCancel} />
      ) : null}
    </>
  );
}

function DueDate({ invoice }: { invoice: Invoice }) {
  const calendarDate = useCalendarDate();
  return (
    <Text
      component="span"
      size="sm"
      c={invoice.overdue ? 'red.8' : undefined}
      fw={invoice.overdue ? 600 : undefined}
    >
      {calendarDate(invoice.dueDate)}
    </Text>
  );
}

function HeaderSummary({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  return (
    <Stack gap={6}>
      <Group component="span" gap="xs" wrap="wrap">
        <InvoiceStatusBadge status={invoice.status} size="md" />
        {invoice.overdue ? <OverdueBadge /> : null}
        {invoice.kind !== 'ORDER' ? (
          <Badge variant="outline" color="gray" size="sm">
            {t(`billing.invoiceKinds.${invoice.kind}`)}
          </Badge>
        ) : null}
      </Group>
      <Group component="span" gap="md" wrap="wrap" style={{ rowGap: 2 }}>
        <span>
          {t('billing.fields.customer')}:{' '}
          {can('customers:read') ? (
            <Anchor
              component={Link}
              to={`/customers/${invoice.customerId}?tab=financial`}
              size="sm"
              underline="always"
            >
              {invoice.customerName}
            </Anchor>
          ) : (
            invoice.customerName
          )}
        </span>
        {invoice.repairId && invoice.repairNumber !== null ? (
          <span>
            {t('billing.fields.order')}:{' '}
            {can('repairs:read') ? (
              <Anchor component={Link} to={`/repairs/${invoice.repairId}`} size="sm" underline="always">
                {t('repairShared.number', { number: invoice.repairNumber })}
              </Anchor>
            ) : (
              t('repairShared.number', { number: invoice.repairNumber })
            )}
          </span>
        ) : null}
      </Group>
    </Stack>
  );
}
