import {
  EstimateDecisionSchema,
  type EstimateLine,
  keptEstimateTotals,
  type PublicEstimate,
} from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDocumentTitle } from '@mantine/hooks';
import {
  IconAlertCircle,
  IconCalendarTime,
  IconCircleCheck,
  IconClockX,
  IconFileOff,
  IconSignature,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { PublicFrame } from '../../app/components/PublicFrame';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { publicEstimateKeys, useDecidePublicEstimate, usePublicEstimate } from '../repairs/order-api';

type Choice = 'approved' | 'declined';

/** The customer's page behind the estimate link: no login, phone first. */
export function PublicEstimatePage() {
  const { t } = useTranslation();
  const { token = '' } = useParams();
  const estimate = usePublicEstimate(token);
  useDocumentTitle(
    estimate.data
      ? `${t('estimatePublic.documentTitle', { number: estimate.data.repairNumber })} · ${estimate.data.shopName}`
      : `${t('estimatePublic.documentTitleShort')} · Bancada`,
  );

  return (
    <PublicFrame width={640} shopName={estimate.data?.shopName}>
      {estimate.isPending ? (
        <Stack gap="sm" role="status" aria-busy="true" aria-label={t('common.loading')}>
          <Skeleton height={28} width="60%" />
          <Skeleton height={90} />
          <Skeleton height={90} />
          <Skeleton height={140} />
        </Stack>
      ) : estimate.isError ? (
        <LoadError error={estimate.error} onRetry={() => void estimate.refetch()} />
      ) : (
        <EstimateView token={token} estimate={estimate.data} />
      )}
    </PublicFrame>
  );
}

function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  const notFound = error instanceof ApiError && error.status === 404;
  const gone =
    error instanceof ApiError && (error.status === 409 || error.status === 410 || error.status === 422);
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm" align="flex-start">
        <Group gap="xs">
          {notFound || gone ? (
            <IconFileOff size={24} aria-hidden />
          ) : (
            <IconAlertCircle size={24} aria-hidden />
          )}
          <Title order={1} fz="h3">
            {notFound
              ? t('estimatePublic.notFoundTitle')
              : gone
                ? t('estimatePublic.goneTitle')
                : t('errors.title')}
          </Title>
        </Group>
        <Text size="sm">{errorMessage(error)}</Text>
        {notFound || gone ? (
          <Text size="sm" c="dimmed">
            {t('estimatePublic.askShop')}
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

interface DecisionValues {
  decisions: Record<string, Choice>;
  signerName: string;
  consent: boolean;
}

function toBody(values: DecisionValues) {
  return {
    decisions: Object.entries(values.decisions).map(([lineId, decision]) => ({ lineId, decision })),
    signerName: values.signerName.trim(),
  };
}

/** Why the estimate can no longer be answered, in the customer's words. */
function readOnlyReason(estimate: PublicEstimate): 'decided' | 'expired' | 'superseded' | 'closed' | null {
  if (estimate.canDecide) return null;
  if (estimate.decision) return 'decided';
  if (estimate.status === 'superseded') return 'superseded';
  if (estimate.isExpired || estimate.status === 'expired') return 'expired';
  return 'closed';
}

function EstimateView({ token, estimate }: { token: string; estimate: PublicEstimate }) {
  const { t } = useTranslation();
  // the customer's phone may be anywhere: dates are the shop's
  const format = useFormat(estimate.timeZone);
  const queryClient = useQueryClient();
  const decide = useDecidePublicEstimate(token);
  const reason = readOnlyReason(estimate);
  const form = useForm<DecisionValues>({
    initialValues: {
      decisions: Object.fromEntries(estimate.lines.map((line) => [line.lineId, 'approved' as Choice])),
      signerName: '',
      consent: false,
    },
    validate: zodResolver(EstimateDecisionSchema, {
      prepare: toBody,
      refine: (values) => (values.consent ? {} : { consent: t('estimatePublic.consentRequired') }),
    }),
  });
  const money = (value: number) => format.money(value, estimate.currency);
  const choiceOf = (line: EstimateLine): Choice =>
    reason ? (line.decision ?? 'approved') : (form.values.decisions[line.lineId] ?? 'approved');
  const chosen = estimate.lines.filter((line) => choiceOf(line) === 'approved');
  // the discount applies to what is approved; nothing approved costs nothing
  const {
    partsTotal: parts,
    laborValue: labor,
    discount,
    totalValue: total,
  } = keptEstimateTotals(chosen, estimate.discount);
  const declinedCount = estimate.lines.length - chosen.length;

  const submit = form.onSubmit((values) => {
    decide.mutate(toBody(values), {
      // the confirmation sits at the top of the page
      onSuccess: () => window.scrollTo({ top: 0, behavior: 'smooth' }),
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) {
          // expired or replaced meanwhile: show the estimate as it now stands
          void queryClient.invalidateQueries({ queryKey: publicEstimateKeys.detail(token) });
        }
      },
    });
  });

  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {t('estimatePublic.greeting', { name: estimate.customerName })}
        </Text>
        <Title order={1} fz={{ base: 'h3', sm: 'h2' }}>
          {t('estimatePublic.title', { number: estimate.repairNumber })}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color="gray">
            {t('estimatePublic.version', { version: estimate.version })}
          </Badge>
          <Badge
            variant="light"
            color={estimate.isExpired ? 'red' : 'blue'}
            leftSection={<IconCalendarTime size={12} aria-hidden />}
          >
            {estimate.isExpired
              ? t('estimatePublic.expiredOn', { date: format.date(estimate.validUntil) })
              : t('estimatePublic.validUntil', { date: format.date(estimate.validUntil) })}
          </Badge>
        </Group>
      </Stack>

      <Paper withBorder radius="md" p="md">
        <Stack gap="xs">
          {estimate.assetLabel ? (
            <div>
              <Text size="xs" c="dimmed" fw={500}>
                {t('estimatePublic.asset')}
              </Text>
              <Text size="sm" fw={600}>
                {estimate.assetLabel}
              </Text>
            </div>
          ) : null}
          {estimate.serviceDescription ? (
            <div>
              <Text size="xs" c="dimmed" fw={500}>
                {t('estimatePublic.problem')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {estimate.serviceDescription}
              </Text>
            </div>
          ) : null}
          {estimate.estimatedHours > 0 ? (
            <Text size="xs" c="dimmed">
              {t('estimatePublic.hours', { hours: format.number(estimate.estimatedHours) })}
            </Text>
          ) : null}
          {estimate.paymentTerms ? (
            <div>
              <Text size="xs" c="dimmed" fw={500}>
                {t('estimatePublic.paymentTerms')}
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {estimate.paymentTerms}
              </Text>
            </div>
          ) : null}
        </Stack>
      </Paper>

      {reason ? <ReadOnlyNotice estimate={estimate} reason={reason} /> : null}

      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Stack gap="xs" component="section" aria-labelledby="estimate-lines">
            <Group justify="space-between" gap="xs">
              <Title order={2} fz="h5" id="estimate-lines">
                {t('estimatePublic.lines')}
              </Title>
              {!reason ? (
                <Text size="xs" c="dimmed">
                  {t('estimatePublic.linesHint')}
                </Text>
              ) : null}
            </Group>
            {estimate.lines.map((line) => (
              <LineCard
                key={line.lineId}
                line={line}
                choice={choiceOf(line)}
                readOnly={reason !== null}
                money={money}
                onChange={(value) => form.setFieldValue(`decisions.${line.lineId}`, value)}
              />
            ))}
          </Stack>

          <Paper withBorder radius="md" p="md" component="section" aria-labelledby="estimate-totals">
            <Title order={2} fz="h5" id="estimate-totals" mb="sm">
              {t('estimatePublic.totals')}
            </Title>
            <Stack gap={6} component="dl" m={0}>
              <TotalRow label={t('estimatePublic.partsTotal')} value={money(parts)} />
              <TotalRow label={t('estimatePublic.laborValue')} value={money(labor)} />
              {estimate.discount > 0 ? (
                <TotalRow label={t('estimatePublic.discount')} value={`− ${money(discount)}`} />
              ) : null}
              {/* a border, not a separator element: a <dl> holds only dt/dd groups (WCAG 1.3.1) */}
              <Group
                justify="space-between"
                gap="xs"
                pt={6}
                style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
              >
                <Text component="dt" fw={700}>
                  {reason && reason !== 'decided'
                    ? t('estimatePublic.totalPlain')
                    : t('estimatePublic.total')}
                </Text>
                <Text component="dd" fw={800} fz="xl" m={0} aria-live="polite">
                  {money(total)}
                </Text>
              </Group>
            </Stack>
            {declinedCount > 0 ? (
              <Text size="xs" c="dimmed" mt={6}>
                {t('estimatePublic.declinedNote', { count: declinedCount })}
              </Text>
            ) : null}
          </Paper>

          {!reason ? (
            <Paper withBorder radius="md" p="md" component="section" aria-labelledby="estimate-sign">
              <Stack gap="sm">
                <Title order={2} fz="h5" id="estimate-sign">
                  {t('estimatePublic.signTitle')}
                </Title>
                {decide.isError && !(decide.error instanceof ApiError && decide.error.status === 400) ? (
                  <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
                    {errorMessage(decide.error)}
                  </Alert>
                ) : null}
                <TextInput
                  label={t('estimatePublic.signerName')}
                  description={t('estimatePublic.signerHint')}
                  autoComplete="name"
                  size="md"
                  maxLength={160}
                  withAsterisk
                  {...form.getInputProps('signerName')}
                />
                <Checkbox
                  label={t('estimatePublic.consent', { shop: estimate.shopName })}
                  {...form.getInputProps('consent', { type: 'checkbox' })}
                />
                <Text size="xs" c="dimmed">
                  {t('estimatePublic.recordNotice')}
                </Text>
                <Button
                  type="submit"
                  size="lg"
                  fullWidth
                  loading={decide.isPending}
                  leftSection={<IconSignature size={20} aria-hidden />}
                  color={chosen.length === 0 ? 'red' : undefined}
                >
                  {chosen.length === 0
                    ? t('estimatePublic.submitDeclineAll')
                    : t('estimatePublic.submit', { total: money(total) })}
                </Button>
              </Stack>
            </Paper>
          ) : null}
        </Stack>
      </form>

      <Text size="xs" c="dimmed" ta="center" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {t('estimatePublic.hash', { hash: estimate.documentHash })}
      </Text>
    </Stack>
  );
}

function TotalRow({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" gap="xs">
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0}>
        {value}
      </Text>
    </Group>
  );
}

function LineCard({
  line,
  choice,
  readOnly,
  money,
  onChange,
}: {
  line: EstimateLine;
  choice: Choice;
  readOnly: boolean;
  money: (value: number) => string;
  onChange: (value: Choice) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const declined = choice === 'declined';
  return (
    <Card withBorder radius="md" padding="sm" bg={declined ? 'var(--mantine-color-gray-1)' : undefined}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t(`estimatePublic.lineTypes.${line.lineType}`)}
            </Text>
            <Text size="sm" fw={600} c={declined ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
              {line.description}
            </Text>
            {line.lineType === 'part' ? (
              <Text size="xs" c="dimmed">
                {format.number(line.quantity)} × {money(line.unitValue)}
              </Text>
            ) : null}
          </Stack>
          <Text
            size="sm"
            fw={700}
            style={{ whiteSpace: 'nowrap' }}
            td={declined ? 'line-through' : undefined}
            c={declined ? 'dimmed' : undefined}
          >
            {money(line.totalValue)}
          </Text>
        </Group>
        {readOnly ? (
          line.decision ? (
            <Badge variant="light" color={line.decision === 'approved' ? 'teal' : 'red'} w="fit-content">
              {t(`estimatePublic.decided.${line.decision}`)}
            </Badge>
          ) : null
        ) : (
          <SegmentedControl
            fullWidth
            size="sm"
            aria-label={t('estimatePublic.choiceFor', { line: line.description })}
            value={choice}
            onChange={(value) => onChange(value as Choice)}
            color={declined ? 'red' : 'teal'}
            data={[
              { value: 'approved', label: t('estimatePublic.approve') },
              { value: 'declined', label: t('estimatePublic.decline') },
            ]}
          />
        )}
      </Stack>
    </Card>
  );
}

function ReadOnlyNotice({
  estimate,
  reason,
}: {
  estimate: PublicEstimate;
  reason: 'decided' | 'expired' | 'superseded' | 'closed';
}) {
  const { t } = useTranslation();
  const format = useFormat(estimate.timeZone);
  const decision = estimate.decision;
  if (reason === 'decided' && decision) {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck aria-hidden />}
        title={t('estimatePublic.recordedTitle')}
        role="status"
      >
        <Stack gap={4}>
          <Text size="sm">
            {t('estimatePublic.recordedText', {
              name: decision.signerName,
              date: format.dateTime(decision.decidedAt),
            })}
          </Text>
          <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
            {t('estimatePublic.recordedHash', { hash: decision.documentHash })}
          </Text>
          <Text size="xs" c="dimmed">
            {t('estimatePublic.recordedNext')}
          </Text>
        </Stack>
      </Alert>
    );
  }
  return (
    <Alert
      color={reason === 'expired' ? 'orange' : 'gray'}
      variant="light"
      icon={<IconClockX aria-hidden />}
      title={t(`estimatePublic.readOnly.${reason}Title`)}
      role="status"
    >
      {t(`estimatePublic.readOnly.${reason}`, { date: format.date(estimate.validUntil) })}
    </Alert>
  );
}
