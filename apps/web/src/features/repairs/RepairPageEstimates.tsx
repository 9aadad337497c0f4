import {
  DEFAULT_ESTIMATE_VALIDITY_DAYS,
  type Estimate,
  EstimateDecisionSchema,
  type EstimateWithLink,
  isEditableStatus,
  keptEstimateTotals,
  type Repair,
} from '@bancada/shared';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  CopyButton,
  Group,
  Modal,
  NumberInput,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import {
  IconBrandWhatsapp,
  IconCheck,
  IconCopy,
  IconFileDollar,
  IconInfoCircle,
  IconSend,
  IconSignature,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { CustomerLinksWarning } from '../../app/components/CustomerLinksBanner';
import { Empty, ErrorAlert, QueryStatus } from '../../app/components/QueryStates';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useCreateEstimate, useEstimates, useRecordEstimateDecision } from './order-api';
import { EstimateStatusBadge, Section } from './RepairPageDisplay';
import { Totals } from './RepairPageLines';

interface Props {
  repair: Repair;
  currency: string;
  /** the estimate made while this page is open, with the customer's link (the server shows it once) */
  lastEstimate: EstimateWithLink | null;
  onCreated: (estimate: EstimateWithLink) => void;
}

export function RepairPageEstimates({ repair, currency, lastEstimate, onCreated }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const estimates = useEstimates(repair.id);
  const [creating, setCreating] = useState(false);
  const [deciding, setDeciding] = useState<Estimate | null>(null);
  const canWrite = can('repairs:update') && isEditableStatus(repair.status);
  const lines = [...repair.appliances, ...repair.services, ...repair.parts];
  const unestimated = lines.filter((line) => line.approval === null).length;
  const items = [...(estimates.data ?? [])].sort((a, b) => b.version - a.version);
  const link = lastEstimate && lastEstimate.repairId === repair.id ? lastEstimate : null;

  return (
    <Stack gap="lg">
      <Section
        id="repair-estimate"
        title={t('repairPage.estimate.title')}
        actions={
          canWrite ? (
            <Button
              size="compact-sm"
              leftSection={<IconSend size={14} aria-hidden />}
              onClick={() => setCreating(true)}
              disabled={lines.length === 0}
            >
              {repair.estimate ? t('repairPage.estimate.sendNew') : t('repairPage.estimate.send')}
            </Button>
          ) : null
        }
      >
        <Stack gap="sm">
          {repair.estimate ? (
            <Group gap="xs" wrap="wrap">
              <Text size="sm">{t('repairPage.estimate.latest', { version: repair.estimate.version })}</Text>
              <EstimateStatusBadge status={repair.estimate.status as Estimate['status']} />
              <Text size="sm" c="dimmed">
                {t('repairPage.estimate.validUntil', { date: format.date(repair.estimate.validUntil) })}
              </Text>
            </Group>
          ) : (
            <Text size="sm" c="dimmed">
              {t('repairPage.estimate.none')}
            </Text>
          )}
          {unestimated > 0 && isEditableStatus(repair.status) ? (
            <Alert color="orange" variant="light" icon={<IconFileDollar aria-hidden />} p="xs">
              {t('repairPage.lines.unestimated', { count: unestimated })}
            </Alert>
          ) : null}
          <Text size="xs" c="dimmed">
            <IconInfoCircle size={12} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
            {t('repairPage.estimate.cdcHint')}
          </Text>
        </Stack>
      </Section>

      {link ? <LinkCard repair={repair} estimate={link} /> : null}

      <Section id="repair-estimate-versions" title={t('repairPage.estimate.versions')}>
        <QueryStatus query={estimates} rows={3} />
        {estimates.data && items.length === 0 ? <Empty title={t('repairPage.estimate.noVersions')} /> : null}
        <Stack gap="sm">
          {items.map((estimate) => (
            <EstimateCard
              key={estimate.id}
              estimate={estimate}
              currency={currency}
              canRecord={canWrite && estimate.status === 'pending'}
              onRecord={() => setDeciding(estimate)}
            />
          ))}
        </Stack>
      </Section>

      {canWrite ? (
        <>
          <CreateEstimateModal
            repair={repair}
            currency={currency}
            opened={creating}
            onClose={() => setCreating(false)}
            onCreated={(estimate) => {
              setCreating(false);
              onCreated(estimate);
            }}
          />
          <DecisionModal
            repair={repair}
            estimate={deciding}
            currency={currency}
            onClose={() => setDeciding(null)}
          />
        </>
      ) : null}
    </Stack>
  );
}

function absoluteLink(link: string): string {
  try {
    return new URL(link, window.location.origin).toString();
  } catch {
    return link;
  }
}

/** The customer's no-login link, to copy or send by WhatsApp. */
function LinkCard({ repair, estimate }: { repair: Repair; estimate: EstimateWithLink }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const format = useFormat();
  const link = absoluteLink(estimate.link);
  const message = t('repairPage.estimate.whatsappMessage', {
    customer: repair.customerName.split(' ')[0],
    shop: me.organization.name,
    number: repair.number,
    date: format.date(estimate.validUntil),
    link,
  });
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCheck aria-hidden />}
      title={t('repairPage.estimate.linkTitle', { version: estimate.version })}
      role="status"
    >
      <Stack gap="xs">
        <Text size="sm">{t('repairPage.estimate.linkHint')}</Text>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            value={link}
            readOnly
            aria-label={t('repairPage.estimate.linkLabel')}
            style={{ flex: 1, minWidth: 0 }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={link} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip
                label={copied ? t('repairPage.estimate.copied') : t('repairPage.estimate.copy')}
                withArrow
              >
                <ActionIcon
                  size="lg"
                  variant={copied ? 'filled' : 'default'}
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                  aria-label={t('repairPage.estimate.copy')}
                >
                  {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                </ActionIcon>
              </Tooltip>
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
            leftSection={<IconBrandWhatsapp size={16} aria-hidden />}
          >
            {t('repairPage.estimate.whatsapp')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

function EstimateCard({
  estimate,
  currency,
  canRecord,
  onRecord,
}: {
  estimate: Estimate;
  currency: string;
  canRecord: boolean;
  onRecord: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (value: number) => format.money(value, currency);
  const decision = estimate.decision;
  // what the customer agreed to pay, when they declined part of it
  const approved = estimate.lines.filter((line) => line.decision === 'approved');
  const approvedTotal =
    estimate.status === 'partially_approved'
      ? keptEstimateTotals(approved, estimate.discount).totalValue
      : null;
  return (
    <Card withBorder padding="sm">
      <Stack gap="xs">
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs">
            <Text fw={600} size="sm">
              {t('repairPage.estimate.version', { version: estimate.version })}
            </Text>
            <EstimateStatusBadge status={estimate.status} />
          </Group>
          <Stack gap={0} align="flex-end">
            <Text fw={700} size="sm">
              {money(estimate.totalValue)}
            </Text>
            {approvedTotal !== null ? (
              <Text size="xs" c="teal.8" fw={600}>
                {t('repairPage.estimate.approvedTotal', { total: money(approvedTotal) })}
              </Text>
            ) : null}
          </Stack>
        </Group>
        <Text size="xs" c="dimmed">
          {t('repairPage.estimate.createdLine', {
            date: format.dateTime(estimate.createdAt),
            name: estimate.createdBy ?? '—',
            until: format.date(estimate.validUntil),
          })}
        </Text>
        <Stack gap={4}>
          {estimate.lines.map((line) => (
            <Group key={line.lineId} justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
              <Text
                size="sm"
                style={{ minWidth: 0, overflowWrap: 'anywhere' }}
                td={line.decision === 'declined' ? 'line-through' : undefined}
              >
                {/* a service line's quantity is its hours: "2 h", not "2 ×" (issue 10) */}
                {line.lineType === 'service'
                  ? `${t('repairPage.lines.hours', { hours: format.number(line.quantity) })} · `
                  : line.quantity !== 1
                    ? `${format.number(line.quantity)} × `
                    : ''}
                {line.description}
              </Text>
              <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
                {line.decision ? (
                  <Badge size="xs" variant="light" color={line.decision === 'approved' ? 'teal' : 'red'}>
                    {t(`repairPage.approval.${line.decision}`)}
                  </Badge>
                ) : null}
                <Text size="sm">{money(line.totalValue)}</Text>
              </Group>
            </Group>
          ))}
          {estimate.discount > 0 ? (
            // without it the lines do not add up to the total above
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed">
                {t('repairPage.lines.totals.discount')}
              </Text>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                − {money(estimate.discount)}
              </Text>
            </Group>
          ) : null}
        </Stack>
        <Text
          size="xs"
          c="dimmed"
          ff="monospace"
          title={estimate.documentHash}
          style={{ overflowWrap: 'anywhere' }}
        >
          {t('repairPage.estimate.hash', { hash: estimate.documentHash.slice(0, 16) })}
        </Text>
        {decision ? (
          <Card withBorder padding="xs" bg="var(--mantine-color-gray-0)">
            <Stack gap={2}>
              <Group gap={6}>
                <IconSignature size={16} aria-hidden />
                <Text size="sm" fw={600}>
                  {t('repairPage.estimate.decisionBy', { name: decision.signerName })}
                </Text>
              </Group>
              <Text size="xs">
                {t('repairPage.estimate.decisionLine', {
                  date: format.dateTime(decision.decidedAt),
                  channel: t(`repairPage.estimate.channels.${decision.channel}`),
                })}
              </Text>
              {decision.recordedBy ? (
                <Text size="xs" c="dimmed">
                  {t('repairPage.estimate.recordedBy', { name: decision.recordedBy })}
                </Text>
              ) : null}
              {decision.ip ? (
                <Text size="xs" c="dimmed">
                  {t('repairPage.estimate.ip', { ip: decision.ip })}
                </Text>
              ) : null}
              {decision.userAgent ? (
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {t('repairPage.estimate.device', { device: decision.userAgent })}
                </Text>
              ) : null}
              <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
                {t('repairPage.estimate.signedHash', { hash: decision.documentHash })}
              </Text>
            </Stack>
          </Card>
        ) : null}
        {canRecord ? (
          <Group justify="flex-end">
            <Button
              size="xs"
              variant="light"
              leftSection={<IconSignature size={14} aria-hidden />}
              onClick={onRecord}
            >
              {t('repairPage.estimate.record')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function CreateEstimateModal({
  repair,
  currency,
  opened,
  onClose,
  onCreated,
}: {
  repair: Repair;
  currency: string;
  opened: boolean;
  onClose: () => void;
  onCreated: (estimate: EstimateWithLink) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const create = useCreateEstimate(repair.id);
  const [validDays, setValidDays] = useState<number | string>(DEFAULT_ESTIMATE_VALIDITY_DAYS);
  const [notify, setNotify] = useState(true);
  const [note, setNote] = useState('');
  const days = typeof validDays === 'number' ? validDays : Number.NaN;
  const invalidDays = !Number.isInteger(days) || days < 1 || days > 90;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (invalidDays) return;
    create.mutate(
      { validDays: days, notify, note: note.trim() || null },
      {
        onSuccess: (estimate) => {
          notifySuccess(t('repairPage.estimate.sent', { version: estimate.version }));
          onCreated(estimate);
        },
      },
    );
  };

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('repairPage.estimate.createTitle', { number: repair.number })}
      fullScreen={isPhone}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm">
            {t('repairPage.estimate.createText', { total: format.money(repair.totalValue, currency) })}
          </Text>
          {repair.estimate?.status === 'pending' ? (
            <Alert color="yellow" variant="light" icon={<IconInfoCircle aria-hidden />} p="xs">
              {t('repairPage.estimate.supersedes', { version: repair.estimate.version })}
            </Alert>
          ) : null}
          <CustomerLinksWarning />
          {create.isError ? <ErrorAlert error={create.error} /> : null}
          <NumberInput
            label={t('repairPage.estimate.validDays')}
            description={t('repairPage.estimate.validDaysHint')}
            min={1}
            max={90}
            allowDecimal={false}
            allowNegative={false}
            value={validDays}
            onChange={setValidDays}
            error={invalidDays ? t('repairPage.estimate.validDaysError') : undefined}
            data-autofocus
          />
          <Checkbox
            label={t('repairPage.estimate.notify')}
            checked={notify}
            onChange={(event) => setNotify(event.currentTarget.checked)}
          />
          <Textarea
            label={t('repairPage.estimate.note')}
            autosize
            minRows={2}
            maxLength={1000}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
          />
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} leftSection={<IconSend size={16} aria-hidden />}>
              {t('repairPage.estimate.createSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface DecisionValues {
  decisions: Record<string, 'approved' | 'declined'>;
  signerName: string;
  note: string;
}

function toDecisionBody(values: DecisionValues) {
  return {
    decisions: Object.entries(values.decisions).map(([lineId, decision]) => ({ lineId, decision })),
    signerName: values.signerName.trim(),
    note: values.note.trim() || null,
  };
}

/** The customer answered at the counter or by phone: staff record it (channel in person). */
function DecisionModal({
  repair,
  estimate,
  currency,
  onClose,
}: {
  repair: Repair;
  estimate: Estimate | null;
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={estimate !== null}
      onClose={onClose}
      title={estimate ? t('repairPage.estimate.recordTitle', { version: estimate.version }) : ''}
      size="lg"
      fullScreen={isPhone}
    >
      {estimate ? (
        <DecisionForm repair={repair} estimate={estimate} currency={currency} onClose={onClose} />
      ) : null}
    </Modal>
  );
}

function DecisionForm({
  repair,
  estimate,
  currency,
  onClose,
}: {
  repair: Repair;
  estimate: Estimate;
  currency: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const record = useRecordEstimateDecision(repair.id);
  const form = useForm<DecisionValues>({
    initialValues: {
      decisions: Object.fromEntries(estimate.lines.map((line) => [line.lineId, 'approved' as const])),
      signerName: repair.customerName,
      note: '',
    },
    validate: zodResolver(EstimateDecisionSchema, { prepare: toDecisionBody }),
  });
  const chosen = estimate.lines.filter((line) => form.values.decisions[line.lineId] === 'approved');
  const kept = keptEstimateTotals(chosen, estimate.discount);
  const money = (value: number) => format.money(value, currency);

  const submit = form.onSubmit((values) => {
    record.mutate(
      { version: estimate.version, body: toDecisionBody(values) },
      {
        onSuccess: () => {
          notifySuccess(t('repairPage.estimate.recorded', { version: estimate.version }));
          onClose();
        },
        onError: (error) => applyServerErrors(form.setErrors, error),
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('repairPage.estimate.recordHint')}
        </Text>
        {record.isError ? <ErrorAlert error={record.error} /> : null}
        <Stack gap="xs">
          {estimate.lines.map((line) => (
            <Card key={line.lineId} withBorder padding="xs">
              <Group justify="space-between" gap="xs" wrap="wrap">
                <Stack gap={0} style={{ minWidth: 0, flex: '1 1 12rem' }}>
                  <Text size="sm" fw={500}>
                    {line.description}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {money(line.totalValue)}
                  </Text>
                </Stack>
                <SegmentedControl
                  size="xs"
                  aria-label={line.description}
                  value={form.values.decisions[line.lineId] ?? 'approved'}
                  onChange={(value) =>
                    form.setFieldValue(`decisions.${line.lineId}`, value as 'approved' | 'declined')
                  }
                  color={form.values.decisions[line.lineId] === 'declined' ? 'red' : 'teal'}
                  data={[
                    { value: 'approved', label: t('repairPage.estimate.approve') },
                    { value: 'declined', label: t('repairPage.estimate.decline') },
                  ]}
                />
              </Group>
            </Card>
          ))}
        </Stack>
        <Totals
          rows={[
            { label: t('repairPage.lines.totals.partsTotal'), value: money(kept.partsTotal) },
            { label: t('repairPage.lines.totals.laborValue'), value: money(kept.laborValue) },
            {
              label: t('repairPage.lines.totals.discount'),
              value: estimate.discount > 0 ? `− ${money(estimate.discount)}` : money(0),
            },
          ]}
          total={{
            label: t('repairPage.lines.totals.totalValue'),
            value: money(kept.totalValue),
          }}
        />
        <TextInput
          label={t('repairPage.estimate.signerName')}
          description={t('repairPage.estimate.signerHint')}
          withAsterisk
          maxLength={160}
          {...form.getInputProps('signerName')}
        />
        <Textarea
          label={t('repairPage.estimate.recordNote')}
          autosize
          minRows={2}
          maxLength={1000}
          {...form.getInputProps('note')}
        />
        {typeof form.errors.decisions === 'string' ? (
          <Text size="sm" c="red" role="alert">
            {form.errors.decisions}
          </Text>
        ) : null}
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            type="submit"
            loading={record.isPending}
            leftSection={<IconSignature size={16} aria-hidden />}
          >
            {t('repairPage.estimate.recordSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
