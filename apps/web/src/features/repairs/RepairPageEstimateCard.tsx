import { type Estimate, keptEstimateTotals } from '@bancada/shared';
import { Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconSignature } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { estimateLineLabel } from './estimate-lines';
import { EstimateStatusBadge } from './RepairPageDisplay';

/** One version of the estimate: its lines as sent, the answer and who recorded it. */
export function EstimateCard({
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
                {estimateLineLabel(line, {
                  hours: (hours) => t('repairPage.lines.hours', { hours }),
                  number: format.number,
                })}
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
