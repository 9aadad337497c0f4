import {
  FISCAL_DOCUMENT_TYPES,
  type FiscalDocument,
  type FiscalDocumentCreate,
  FiscalDocumentCreateSchema,
  type FiscalDocumentStatus,
  type Invoice,
} from '@bancada/shared';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  type MantineColor,
  Menu,
  Modal,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconBan,
  IconDots,
  IconFileCertificate,
  IconPencilPlus,
  IconRefresh,
  IconSend,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { Panel } from '../customers/CustomerDataTab';
import { useFiscalDocumentAction, useRecordFiscalDocument } from './api';
import { NfseDialog } from './NfseDialog';

const FISCAL_COLORS: Record<FiscalDocumentStatus, MantineColor> = {
  PROCESSING: 'yellow',
  AUTHORIZED: 'teal',
  REJECTED: 'red',
  CANCELLED: 'gray',
};

/** The invoice's fiscal documents (NF-e, NFS-e, NFC-e): typed in by hand, or an NFS-e through the provider. */
export function InvoiceFiscal({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [dialog, setDialog] = useState<'record' | 'nfse' | null>(null);
  const canWrite = can('invoices:write') && invoice.status !== 'CANCELLED';
  return (
    <Panel id="invoice-fiscal" title={t('billing.fiscal.title')}>
      <Stack gap="md">
        {invoice.fiscalDocuments.length === 0 ? (
          <Group gap="sm" wrap="nowrap" align="flex-start">
            <IconFileCertificate size={22} aria-hidden style={{ flexShrink: 0, opacity: 0.6 }} />
            <Stack gap={0}>
              <Text size="sm" fw={500}>
                {t('billing.fiscal.empty')}
              </Text>
              <Text size="sm" c="dimmed">
                {t('billing.fiscal.emptyHint')}
              </Text>
            </Stack>
          </Group>
        ) : (
          <Stack gap="xs">
            {invoice.fiscalDocuments.map((document) => (
              <FiscalDocumentCard key={document.id} document={document} />
            ))}
          </Stack>
        )}
        {canWrite ? (
          <Group gap="xs">
            <Button
              variant="light"
              leftSection={<IconSend size={16} aria-hidden />}
              onClick={() => setDialog('nfse')}
            >
              {t('billing.fiscal.issueNfse')}
            </Button>
            <Button
              variant="default"
              leftSection={<IconPencilPlus size={16} aria-hidden />}
              onClick={() => setDialog('record')}
            >
              {t('billing.fiscal.record')}
            </Button>
          </Group>
        ) : null}
      </Stack>
      {dialog === 'record' ? <RecordDialog invoiceId={invoice.id} onClose={() => setDialog(null)} /> : null}
      {dialog === 'nfse' ? <NfseDialog invoiceId={invoice.id} onClose={() => setDialog(null)} /> : null}
    </Panel>
  );
}

function FiscalDocumentCard({ document }: { document: FiscalDocument }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const action = useFiscalDocumentAction();
  const [cancelling, setCancelling] = useState(false);
  const canRefresh = document.source === 'PROVIDER' && document.status === 'PROCESSING';
  const canCancel = document.status === 'AUTHORIZED' && can('invoices:cancel');
  const refresh = () =>
    action.mutate(
      { id: document.id, action: 'refresh' },
      {
        onSuccess: (updated) =>
          notifySuccess(
            t('billing.fiscal.refreshed', { status: t(`billing.fiscalStatuses.${updated.status}`) }),
          ),
        onError: (error) => notifyError(error),
      },
    );
  return (
    <Card withBorder padding="sm">
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={600} size="sm">
              {t(`billing.fiscalTypes.${document.type}`)}
              {document.number ? ` ${t('billing.fiscal.numberValue', { number: document.number })}` : ''}
              {document.series ? ` · ${t('billing.fiscal.seriesValue', { series: document.series })}` : ''}
            </Text>
            <Badge size="sm" variant="light" color={FISCAL_COLORS[document.status]}>
              {t(`billing.fiscalStatuses.${document.status}`)}
            </Badge>
          </Group>
          {document.accessKey ? (
            <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {document.accessKey}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {t(document.source === 'PROVIDER' ? 'billing.fiscal.fromProvider' : 'billing.fiscal.typedIn')} ·{' '}
            {format.dateTime(document.createdAt)}
          </Text>
          {document.providerMessage ? <Text size="xs">{document.providerMessage}</Text> : null}
          <Group gap="sm">
            {document.pdfUrl ? (
              <Anchor href={document.pdfUrl} target="_blank" rel="noopener noreferrer" size="xs">
                {t('billing.fiscal.pdf')}
              </Anchor>
            ) : null}
            {document.xmlUrl ? (
              <Anchor href={document.xmlUrl} target="_blank" rel="noopener noreferrer" size="xs">
                {t('billing.fiscal.xml')}
              </Anchor>
            ) : null}
          </Group>
        </Stack>
        {canRefresh || canCancel ? (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <Button
                variant="subtle"
                px={6}
                size="compact-sm"
                aria-label={t('billing.fiscal.actions')}
                loading={action.isPending}
              >
                <IconDots size={16} aria-hidden />
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {canRefresh ? (
                <Menu.Item leftSection={<IconRefresh size={16} aria-hidden />} onClick={refresh}>
                  {t('billing.fiscal.refresh')}
                </Menu.Item>
              ) : null}
              {canCancel ? (
                <Menu.Item
                  color="red"
                  leftSection={<IconBan size={16} aria-hidden />}
                  onClick={() => setCancelling(true)}
                >
                  {t('billing.fiscal.cancel')}
                </Menu.Item>
              ) : null}
            </Menu.Dropdown>
          </Menu>
        ) : null}
      </Group>
      {cancelling ? <CancelFiscalDialog document={document} onClose={() => setCancelling(false)} /> : null}
    </Card>
  );
}

function CancelFiscalDialog({ document, onClose }: { document: FiscalDocument; onClose: () => void }) {
  const { t } = useTranslation();
  const action = useFiscalDocumentAction();
  const [reason, setReason] = useState('');
  const length = reason.trim().length;
  const valid = length >= 15 && length <= 255;
  return (
    <Modal opened onClose={onClose} title={t('billing.fiscal.cancelTitle')}>
      <Stack gap="md">
        <Textarea
          label={t('billing.fiscal.cancelReason')}
          description={t('billing.fiscal.cancelReasonHint', { length })}
          autosize
          minRows={2}
          maxLength={255}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          data-autofocus
        />
        {action.isError ? (
          <Alert color="red" variant="light" role="alert">
            {errorMessage(action.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            disabled={!valid}
            loading={action.isPending}
            onClick={() =>
              action.mutate(
                { id: document.id, action: 'cancel', reason: reason.trim() },
                { onSuccess: onClose },
              )
            }
          >
            {t('billing.fiscal.cancelConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface RecordValues {
  type: FiscalDocumentCreate['type'];
  number: string;
  series: string;
  accessKey: string;
  pdfUrl: string;
  xmlUrl: string;
}

function toRecordBody(values: RecordValues): FiscalDocumentCreate {
  return {
    type: values.type,
    number: values.number,
    series: values.series.trim() || null,
    accessKey: values.accessKey.trim() || null,
    pdfUrl: values.pdfUrl.trim() || null,
    xmlUrl: values.xmlUrl.trim() || null,
  };
}

/** A document issued elsewhere (the city's site, another system), typed in. */
function RecordDialog({ invoiceId, onClose }: { invoiceId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const record = useRecordFiscalDocument(invoiceId);
  const form = useForm<RecordValues>({
    initialValues: { type: 'NFSE', number: '', series: '', accessKey: '', pdfUrl: '', xmlUrl: '' },
    validate: zodResolver(FiscalDocumentCreateSchema, { prepare: toRecordBody }),
  });
  const submit = form.onSubmit((values) => {
    record.mutate(toRecordBody(values), {
      onSuccess: () => {
        notifySuccess(t('billing.fiscal.recorded'));
        onClose();
      },
      onError: (error) => applyServerErrors(form.setErrors, error),
    });
  });
  return (
    <Modal opened onClose={onClose} title={t('billing.fiscal.recordTitle')} fullScreen={isPhone} size="lg">
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Select
              label={t('billing.fiscal.type')}
              data={FISCAL_DOCUMENT_TYPES.map((value) => ({
                value,
                label: t(`billing.fiscalTypes.${value}`),
              }))}
              allowDeselect={false}
              {...form.getInputProps('type')}
            />
            <TextInput
              label={t('billing.fiscal.number')}
              required
              maxLength={30}
              {...form.getInputProps('number')}
            />
            <TextInput label={t('billing.fiscal.series')} maxLength={10} {...form.getInputProps('series')} />
          </SimpleGrid>
          <TextInput
            label={t('billing.fiscal.accessKey')}
            description={t('billing.fiscal.accessKeyHint')}
            maxLength={60}
            {...form.getInputProps('accessKey')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('billing.fiscal.pdfUrl')}
              type="url"
              placeholder="https://"
              {...form.getInputProps('pdfUrl')}
            />
            <TextInput
              label={t('billing.fiscal.xmlUrl')}
              type="url"
              placeholder="https://"
              {...form.getInputProps('xmlUrl')}
            />
          </SimpleGrid>
          {record.isError && !(record.error instanceof ApiError && record.error.status === 400) ? (
            <Alert color="red" variant="light" role="alert">
              {errorMessage(record.error)}
            </Alert>
          ) : null}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={record.isPending}>
              {t('billing.fiscal.recordConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
