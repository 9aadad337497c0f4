import { type Invoice, InvoiceCancelSchema } from '@bancada/shared';
import {
  Alert,
  Anchor,
  Button,
  CopyButton,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  ThemeIcon,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconBrandWhatsapp, IconCheck, IconCircleCheck, IconCopy, IconShare } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, errorMessage, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/QueryStates';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useCancelInvoice, useInvoiceLink, useInvoicePix } from './api';
import { useCalendarDate } from './display';
import { PixCopyPaste, PixQr } from './PixCode';

/** The Pix for the balance, on the counter's screen for the customer to scan. */
export function PixDialog({
  invoice,
  currency,
  opened,
  onClose,
}: {
  invoice: Invoice;
  currency: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const isPaid = invoice.status === 'PAID';
  const pix = useInvoicePix(invoice.id, invoice.balance, opened && !isPaid && invoice.balance > 0);
  const missingKey = pix.error instanceof ApiError && pix.error.status === 422;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('billing.pix.title', { number: invoice.number })}
      fullScreen={isPhone}
    >
      {isPaid ? (
        <Stack align="center" gap="sm" py="lg" role="status">
          <ThemeIcon size={72} radius="xl" color="teal">
            <IconCircleCheck size={48} aria-hidden />
          </ThemeIcon>
          <Text fw={700} fz="xl">
            {t('billing.pix.paid')}
          </Text>
          <Button onClick={onClose}>{t('common.close')}</Button>
        </Stack>
      ) : pix.isPending ? (
        <Group justify="center" py="xl">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : pix.isError ? (
        <Stack gap="sm">
          <ErrorAlert error={pix.error} onRetry={missingKey ? undefined : () => void pix.refetch()} />
          {missingKey && can('organization:manage') ? (
            <Anchor component={Link} to="/organization#org-billing" size="sm">
              {t('billing.pix.setUpKey')}
            </Anchor>
          ) : null}
        </Stack>
      ) : (
        <Stack align="center" gap="md">
          <Text fz={32} fw={800} data-testid="pix-amount">
            {format.money(pix.data.amount, currency)}
          </Text>
          <PixQr
            pix={pix.data}
            size={220}
            alt={t('billing.pix.qrAlt', { amount: format.money(pix.data.amount, currency) })}
          />
          <Text size="sm" c="dimmed" ta="center">
            {pix.data.dynamic ? t('billing.pix.dynamicHint') : t('billing.pix.staticHint')}
          </Text>
          <PixCopyPaste payload={pix.data.payload} />
          <Group gap="xs" c="dimmed" role="status" justify="center">
            <Loader size="xs" type="dots" aria-hidden />
            <Text size="xs">{t('billing.pix.waiting')}</Text>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

/** The customer's no-login link: created when the dialog opens, to copy, share or send by WhatsApp. */
export function InvoiceLinkDialog({
  invoice,
  currency,
  opened,
  onClose,
}: {
  invoice: Invoice;
  currency: string;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const format = useFormat();
  const calendarDate = useCalendarDate();
  const link = useInvoiceLink(invoice.id);
  const { mutate, reset } = link;
  // biome-ignore lint/correctness/useExhaustiveDependencies: one link per opening
  useEffect(() => {
    if (opened) mutate();
    else reset();
  }, [opened]);
  const url = link.data ? new URL(link.data.url, window.location.origin).toString() : '';
  const message = t('billing.link.whatsappMessage', {
    customer: invoice.customerName.split(' ')[0],
    shop: me.organization.name,
    number: invoice.number,
    balance: format.money(invoice.balance, currency),
    due: calendarDate(invoice.dueDate),
    link: url,
  });
  const canShare = typeof navigator !== 'undefined' && typeof navigator.share === 'function';
  return (
    <Modal opened={opened} onClose={onClose} title={t('billing.link.title', { number: invoice.number })}>
      {link.isPending || link.isIdle ? (
        <Group justify="center" py="xl">
          <Loader aria-label={t('common.loading')} />
        </Group>
      ) : link.isError ? (
        <ErrorAlert error={link.error} onRetry={() => mutate()} />
      ) : (
        <Stack gap="md">
          <Text size="sm">{t('billing.link.text', { date: format.date(link.data.expiresAt) })}</Text>
          <Group gap="xs" wrap="nowrap">
            <TextInput
              value={url}
              readOnly
              aria-label={t('billing.link.label')}
              style={{ flex: 1, minWidth: 0 }}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyButton value={url} timeout={2000}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? 'filled' : 'default'}
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                  leftSection={
                    copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />
                  }
                >
                  {copied ? t('billing.link.copied') : t('billing.link.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Group gap="xs">
            <Button
              component="a"
              href={`https://wa.me/?text=${encodeURIComponent(message)}`}
              target="_blank"
              rel="noopener noreferrer"
              color="green"
              leftSection={<IconBrandWhatsapp size={18} aria-hidden />}
            >
              {t('billing.link.whatsapp')}
            </Button>
            {canShare ? (
              <Button
                variant="default"
                leftSection={<IconShare size={16} aria-hidden />}
                onClick={() => void navigator.share({ text: message, url }).catch(() => undefined)}
              >
                {t('billing.link.share')}
              </Button>
            ) : null}
          </Group>
          {me.organization.customerLinksReachable ? null : (
            <Paper withBorder p="xs" radius="sm" bg="var(--mantine-color-orange-0)">
              <Text size="xs">{t('billing.link.unreachable')}</Text>
            </Paper>
          )}
        </Stack>
      )}
    </Modal>
  );
}

/** Cancelling needs a reason; the server refuses while payments remain (refund them first). */
export function CancelInvoiceDialog({
  resource,
  opened,
  onClose,
}: {
  resource: Versioned<Invoice>;
  opened: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const invoice = resource.data;
  const cancel = useCancelInvoice(invoice.id);
  const form = useForm({
    initialValues: { reason: '' },
    validate: zodResolver(InvoiceCancelSchema),
  });
  const close = () => {
    cancel.reset();
    form.reset();
    onClose();
  };
  const submit = form.onSubmit((values) => {
    cancel.mutate(
      { etag: resource.etag, reason: values.reason.trim() },
      {
        onSuccess: () => {
          notifySuccess(t('billing.cancel.done', { number: invoice.number }));
          close();
        },
        onError: (error) => applyServerErrors(form.setErrors, error),
      },
    );
  });
  return (
    <Modal opened={opened} onClose={close} title={t('billing.cancel.title', { number: invoice.number })}>
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('billing.cancel.text')}</Text>
          {invoice.paid > 0 ? (
            <Alert color="orange" variant="light">
              {t('billing.cancel.refundFirst')}
            </Alert>
          ) : null}
          <Textarea
            label={t('billing.cancel.reason')}
            required
            autosize
            minRows={2}
            maxLength={500}
            {...form.getInputProps('reason')}
            data-autofocus
          />
          {cancel.isError && !(cancel.error instanceof ApiError && cancel.error.status === 400) ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(cancel.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t('billing.cancel.keep')}
            </Button>
            <Button type="submit" color="red" loading={cancel.isPending}>
              {t('billing.cancel.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
