import type { PublicInvoice } from '@bancada/shared';
import {
  Alert,
  Button,
  Group,
  List,
  Loader,
  Paper,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconAlertCircle, IconCircleCheck, IconFileOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { PublicFrame } from '../../app/components/PublicFrame';
import { useFormat } from '../../app/format';
import { usePublicInvoice, usePublicInvoicePix } from './api';
import { OverdueBadge, useCalendarDate } from './display';
import { InvoiceLines } from './InvoiceLines';
import { PixCopyPaste, PixQr } from './PixCode';

/** The customer's page behind the invoice link: no login, phone first, Pix to pay the balance. */
export function PublicInvoicePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const invoice = usePublicInvoice(token);
  useDocumentTitle(
    invoice.data
      ? `${t('billing.invoiceNumber', { number: invoice.data.number })} · ${invoice.data.shopName}`
      : `${t('billing.public.documentTitle')} · Bancada`,
  );
  return (
    <PublicFrame shopName={invoice.data?.shopName}>
      {invoice.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={28} width="60%" />
          <Skeleton height={120} />
          <Skeleton height={260} />
        </Stack>
      ) : invoice.isError ? (
        <LoadError error={invoice.error} onRetry={() => void invoice.refetch()} />
      ) : (
        <InvoiceView token={token} invoice={invoice.data} />
      )}
    </PublicFrame>
  );
}

function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  // 401: the link is wrong or expired; 404: the invoice is gone (cancelled)
  const gone = error instanceof ApiError && (error.status === 401 || error.status === 404);
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm" align="flex-start">
        <Group gap="xs" wrap="nowrap">
          {gone ? <IconFileOff size={24} aria-hidden /> : <IconAlertCircle size={24} aria-hidden />}
          <Title order={1} fz="h3">
            {gone ? t('billing.public.goneTitle') : t('errors.title')}
          </Title>
        </Group>
        <Text size="sm">{errorMessage(error)}</Text>
        {gone ? (
          <Text size="sm" c="dimmed">
            {t('billing.public.askShop')}
          </Text>
        ) : (
          <Button variant="light" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function InvoiceView({ token, invoice }: { token: string; invoice: PublicInvoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const calendarDate = useCalendarDate();
  const money = (value: number) => format.money(value, invoice.currency);
  const isPaid = invoice.status === 'PAID' || invoice.balance <= 0;
  return (
    <Stack gap="md">
      <Stack gap={2}>
        <Title order={1} fz="h2">
          {t('billing.invoiceNumber', { number: invoice.number })}
        </Title>
        <Text c="dimmed">
          {t('billing.public.hello', { name: invoice.customerName })}
          {invoice.repairNumber !== null
            ? ` · ${t('billing.public.forOrder', { number: invoice.repairNumber })}`
            : ''}
        </Text>
      </Stack>

      {isPaid ? (
        <Paper
          withBorder
          radius="md"
          p="lg"
          bg="var(--mantine-color-teal-0)"
          role="status"
          data-testid="paid"
        >
          <Stack align="center" gap="xs">
            <ThemeIcon size={72} radius="xl" color="teal">
              <IconCircleCheck size={48} aria-hidden />
            </ThemeIcon>
            <Text fz={32} fw={800} c="teal.9">
              {t('billing.public.paid')}
            </Text>
            <Text ta="center">{t('billing.public.paidText', { amount: money(invoice.total) })}</Text>
          </Stack>
        </Paper>
      ) : (
        <Paper withBorder radius="md" p="lg">
          <Stack gap={4} align="center">
            <Text size="sm" c="dimmed" fw={600} tt="uppercase">
              {t('billing.public.toPay')}
            </Text>
            <Text fz={40} fw={800} lh={1.1} data-testid="public-balance">
              {money(invoice.balance)}
            </Text>
            <Group gap="xs">
              <Text size="sm" c={invoice.overdue ? 'red.8' : 'dimmed'}>
                {t('billing.public.dueOn', { date: calendarDate(invoice.dueDate) })}
              </Text>
              {invoice.overdue ? <OverdueBadge /> : null}
            </Group>
            {invoice.paid > 0 ? (
              <Text size="sm" c="teal.8">
                {t('billing.public.alreadyPaid', {
                  amount: money(invoice.paid),
                  total: money(invoice.total),
                })}
              </Text>
            ) : null}
          </Stack>
        </Paper>
      )}

      {!isPaid && invoice.pixAvailable ? <PixBlock token={token} invoice={invoice} /> : null}
      {!isPaid && !invoice.pixAvailable ? (
        <Alert color="blue" variant="light">
          {t('billing.public.noPix')}
        </Alert>
      ) : null}

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="public-lines">
        <Title order={2} fz="h5" mb="sm" id="public-lines">
          {t('billing.public.details')}
        </Title>
        <InvoiceLines invoice={invoice} currency={invoice.currency} />
        {invoice.paymentTerms ? (
          <Text size="sm" c="dimmed" mt="md">
            {invoice.paymentTerms}
          </Text>
        ) : null}
      </Paper>
    </Stack>
  );
}

function PixBlock({ token, invoice }: { token: string; invoice: PublicInvoice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const pix = usePublicInvoicePix(token, invoice.balance, true);
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-labelledby="public-pix">
      <Stack gap="md" align="center">
        <Title order={2} fz="h4" id="public-pix">
          {t('billing.public.payWithPix')}
        </Title>
        {pix.isPending ? (
          <Loader aria-label={t('common.loading')} />
        ) : pix.isError ? (
          <Alert color="orange" variant="light" w="100%">
            {errorMessage(pix.error)}
          </Alert>
        ) : (
          <>
            <PixCopyPaste payload={pix.data.payload} size="xl" />
            <List type="ordered" size="sm" spacing={4} w="100%">
              <List.Item>{t('billing.public.step1')}</List.Item>
              <List.Item>{t('billing.public.step2')}</List.Item>
              <List.Item>
                {t('billing.public.step3', { amount: format.money(pix.data.amount, invoice.currency) })}
              </List.Item>
            </List>
            <Text size="sm" c="dimmed">
              {t('billing.public.orScan')}
            </Text>
            <PixQr
              pix={pix.data}
              size={220}
              alt={t('billing.pix.qrAlt', { amount: format.money(pix.data.amount, invoice.currency) })}
            />
            <Group gap="xs" c="dimmed" role="status" justify="center">
              <Loader size="xs" type="dots" aria-hidden />
              <Text size="xs">{t('billing.public.waiting')}</Text>
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
