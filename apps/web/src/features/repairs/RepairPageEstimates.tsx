import { type Estimate, type EstimateWithLink, isEditableStatus, type Repair } from '@bancada/shared';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconFileDollar, IconInfoCircle, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useEstimates } from './order-api';
import { EstimateStatusBadge, Section } from './RepairPageDisplay';
import { EstimateCard } from './RepairPageEstimateCard';
import { CreateEstimateModal, DecisionModal } from './RepairPageEstimateDialogs';
import { LinkCard } from './RepairPageEstimateLink';

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
