import { type Estimate, EstimateDecisionSchema, keptEstimateTotals } from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconCircleCheck, IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Empty } from '../../app/components/QueryStates';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { useEstimates, useRecordEstimateDecision } from '../repairs/order-api';
import { usePortalCurrency } from './api';
import { PortalSection, SectionStatus } from './sections';

type Choice = 'approved' | 'declined';

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

/** The order's latest estimate: answered line by line in the portal (the approval record's channel PORTAL). */
export function PortalEstimate({ repairId }: { repairId: string }) {
  const { t } = useTranslation();
  const estimates = useEstimates(repairId);
  const latest = [...(estimates.data ?? [])].sort((a, b) => b.version - a.version)[0];
  return (
    <PortalSection id="portal-estimate" title={t('portal.estimate.title')}>
      <SectionStatus query={estimates} />
      {estimates.data && !latest ? <Empty title={t('portal.estimate.none')} /> : null}
      {latest ? (
        <EstimateView key={`${latest.id}-${latest.status}`} repairId={repairId} estimate={latest} />
      ) : null}
    </PortalSection>
  );
}

function EstimateView({ repairId, estimate }: { repairId: string; estimate: Estimate }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const format = useFormat();
  const currency = usePortalCurrency();
  const decide = useRecordEstimateDecision(repairId);
  const isOpen = estimate.status === 'pending' && new Date(estimate.validUntil).getTime() > Date.now();
  const form = useForm<DecisionValues>({
    initialValues: {
      decisions: Object.fromEntries(estimate.lines.map((line) => [line.lineId, 'approved' as Choice])),
      signerName: me.name,
      consent: false,
    },
    validate: zodResolver(EstimateDecisionSchema, {
      prepare: toBody,
      refine: (values) => (values.consent ? {} : { consent: t('estimatePublic.consentRequired') }),
    }),
  });
  const choiceOf = (lineId: string, decided: Choice | null): Choice =>
    isOpen ? (form.values.decisions[lineId] ?? 'approved') : (decided ?? 'approved');
  const chosen = estimate.lines.filter((line) => choiceOf(line.lineId, line.decision) === 'approved');
  const totals = keptEstimateTotals(chosen, estimate.discount);
  const money = (value: number) => format.money(value, currency);

  const submit = form.onSubmit((values) => {
    decide.mutate(
      { version: estimate.version, body: toBody(values) },
      { onError: (error) => applyServerErrors(form.setErrors, error) },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Group gap="xs">
          <Badge variant="light" color="gray">
            {t('estimatePublic.version', { version: estimate.version })}
          </Badge>
          <Badge variant="light" color={isOpen ? 'blue' : 'gray'}>
            {t(`portal.estimate.statuses.${estimate.status}`)}
          </Badge>
          {isOpen ? (
            <Text size="xs" c="dimmed">
              {t('estimatePublic.validUntil', { date: format.date(estimate.validUntil) })}
            </Text>
          ) : null}
        </Group>
        {estimate.decision ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} role="status">
            {t('estimatePublic.recordedText', {
              name: estimate.decision.signerName,
              date: format.dateTime(estimate.decision.decidedAt),
            })}
          </Alert>
        ) : null}
        {isOpen ? <Text size="sm">{t('estimatePublic.linesHint')}</Text> : null}
        {estimate.lines.map((line) => {
          const choice = choiceOf(line.lineId, line.decision);
          const declined = choice === 'declined';
          return (
            <Stack
              key={line.lineId}
              gap={6}
              pb="xs"
              style={{ borderBottom: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                    {t(`estimatePublic.lineTypes.${line.lineType}`)}
                  </Text>
                  <Text
                    size="sm"
                    fw={600}
                    c={declined ? 'dimmed' : undefined}
                    style={{ overflowWrap: 'anywhere' }}
                  >
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
                  td={declined ? 'line-through' : undefined}
                  style={{ whiteSpace: 'nowrap' }}
                >
                  {money(line.totalValue)}
                </Text>
              </Group>
              {isOpen ? (
                <SegmentedControl
                  fullWidth
                  size="sm"
                  aria-label={t('estimatePublic.choiceFor', { line: line.description })}
                  value={choice}
                  color={declined ? 'red' : 'teal'}
                  onChange={(value) => form.setFieldValue(`decisions.${line.lineId}`, value as Choice)}
                  data={[
                    { value: 'approved', label: t('estimatePublic.approve') },
                    { value: 'declined', label: t('estimatePublic.decline') },
                  ]}
                />
              ) : line.decision ? (
                <Badge variant="light" color={line.decision === 'approved' ? 'teal' : 'red'} w="fit-content">
                  {t(`estimatePublic.decided.${line.decision}`)}
                </Badge>
              ) : null}
            </Stack>
          );
        })}
        <Group justify="space-between">
          <Text fw={700}>
            {isOpen || estimate.decision ? t('estimatePublic.total') : t('estimatePublic.totalPlain')}
          </Text>
          <Text fw={800} fz="lg" aria-live="polite">
            {money(totals.totalValue)}
          </Text>
        </Group>
        {isOpen ? (
          <>
            {decide.isError && !(decide.error instanceof ApiError && decide.error.status === 400) ? (
              <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
                {errorMessage(decide.error)}
              </Alert>
            ) : null}
            <TextInput
              label={t('estimatePublic.signerName')}
              description={t('estimatePublic.signerHint')}
              autoComplete="name"
              maxLength={160}
              withAsterisk
              {...form.getInputProps('signerName')}
            />
            <Checkbox
              label={t('estimatePublic.consent', { shop: me.organization.name })}
              {...form.getInputProps('consent', { type: 'checkbox' })}
            />
            <Button
              type="submit"
              size="md"
              fullWidth
              loading={decide.isPending}
              leftSection={<IconSignature size={20} aria-hidden />}
              color={chosen.length === 0 ? 'red' : undefined}
            >
              {chosen.length === 0
                ? t('estimatePublic.submitDeclineAll')
                : t('estimatePublic.submit', { total: money(totals.totalValue) })}
            </Button>
          </>
        ) : null}
      </Stack>
    </form>
  );
}
