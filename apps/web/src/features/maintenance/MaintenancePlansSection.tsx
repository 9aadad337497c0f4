import type { Asset, MaintenanceDueStatus, MaintenancePlan } from '@bancada/shared';
import { Badge, Button, Card, Group, type MantineColor, Menu, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconCalendarCheck,
  IconCheck,
  IconDots,
  IconPlayerPause,
  IconPlayerPlay,
  IconPlus,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { Panel } from '../customers/CustomerDataTab';
import { dueDay, useMaintenancePlans, useUpdatePlan } from './api';
import { AddPlanModal, ServedModal } from './PlanModals';

export const DUE_STATUS_COLORS: Record<MaintenanceDueStatus, MantineColor> = {
  ok: 'teal',
  due_soon: 'yellow',
  overdue: 'red',
};

export function DueStatusBadge({ status }: { status: MaintenanceDueStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={DUE_STATUS_COLORS[status]} variant="light" style={{ minWidth: 'max-content' }}>
      {t(`maintenance.statuses.${status}`)}
    </Badge>
  );
}

/** "every 10,000 km or 6 months": the plan's intervals, whichever comes first. */
function useIntervals() {
  const { t } = useTranslation();
  const format = useFormat();
  return (plan: Pick<MaintenancePlan, 'intervalKm' | 'intervalHours' | 'intervalMonths'>) =>
    [
      plan.intervalKm ? t('maintenance.intervals.km', { value: format.number(plan.intervalKm) }) : null,
      plan.intervalHours
        ? t('maintenance.intervals.hours', { value: format.number(plan.intervalHours) })
        : null,
      plan.intervalMonths ? t('maintenance.intervals.months', { count: plan.intervalMonths }) : null,
    ]
      .filter(Boolean)
      .join(t('maintenance.intervals.or'));
}

function PlanCard({
  asset,
  plan,
  canWrite,
  onServed,
}: {
  asset: Asset;
  plan: MaintenancePlan;
  canWrite: boolean;
  onServed: (plan: MaintenancePlan) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const intervals = useIntervals();
  const update = useUpdatePlan(asset.id);
  const { projection } = plan;
  const setActive = (active: boolean) =>
    update.mutate(
      { plan, body: { active } },
      {
        onSuccess: () =>
          notifySuccess(t(active ? 'maintenance.section.reactivated' : 'maintenance.section.deactivated')),
        onError: notifyError,
      },
    );
  const unit = asset.kind === 'machine' ? 'h' : 'km';
  const lastReading =
    plan.lastServiceKm !== null
      ? ` · ${format.number(plan.lastServiceKm)} km`
      : plan.lastServiceHours !== null
        ? ` · ${format.number(plan.lastServiceHours)} h`
        : '';

  return (
    <Card withBorder padding="md" radius="md" opacity={plan.active ? 1 : 0.65} data-testid="maintenance-plan">
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
            {plan.name}
          </Text>
          <Text size="sm" c="dimmed">
            {intervals(plan)}
          </Text>
        </Stack>
        <Group gap="xs" wrap="nowrap">
          {plan.active ? (
            <DueStatusBadge status={projection.status} />
          ) : (
            <Badge color="gray" variant="outline">
              {t('maintenance.section.inactive')}
            </Badge>
          )}
          {canWrite ? (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button
                  variant="subtle"
                  color="gray"
                  px="xs"
                  size="compact-sm"
                  aria-label={t('maintenance.section.actions', { name: plan.name })}
                >
                  <IconDots size={18} aria-hidden />
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                {plan.active ? (
                  <Menu.Item leftSection={<IconCheck size={16} aria-hidden />} onClick={() => onServed(plan)}>
                    {t('maintenance.section.markServed')}
                  </Menu.Item>
                ) : null}
                <Menu.Item
                  leftSection={
                    plan.active ? (
                      <IconPlayerPause size={16} aria-hidden />
                    ) : (
                      <IconPlayerPlay size={16} aria-hidden />
                    )
                  }
                  onClick={() => setActive(!plan.active)}
                >
                  {plan.active ? t('maintenance.section.deactivate') : t('maintenance.section.reactivate')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          ) : null}
        </Group>
      </Group>
      <Stack gap={2} mt="sm">
        <Text size="sm" title={t(`maintenance.confidences.${projection.confidence}`)}>
          <Text span c="dimmed" size="sm">
            {t('maintenance.section.nextDue')}:
          </Text>{' '}
          {projection.dueAt
            ? `${format.date(dueDay(projection.dueAt))} · ${t(`maintenance.reasons.${projection.reason}`)}`
            : t('maintenance.section.noDueDate')}
        </Text>
        {projection.dueValue !== null && projection.currentEstimate !== null ? (
          <Text size="xs" c="dimmed">
            {t('maintenance.section.meter', {
              current: `${format.number(projection.currentEstimate)} ${unit}`,
              due: `${format.number(projection.dueValue)} ${unit}`,
            })}
          </Text>
        ) : null}
        {projection.confidence === 'time_only' && asset.kind !== 'appliance' && plan.active ? (
          <Text size="xs" c="dimmed">
            {t('maintenance.section.timeOnlyHint')}
          </Text>
        ) : null}
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('maintenance.section.lastService')}:
          </Text>{' '}
          {plan.lastServiceAt
            ? `${format.date(plan.lastServiceAt)}${lastReading}`
            : t('maintenance.section.never')}
        </Text>
        {plan.active && projection.dueAt ? (
          <Text size="xs" c="dimmed">
            {plan.nextReminderAt
              ? t('maintenance.section.nextReminder', { date: format.date(dueDay(plan.nextReminderAt)) })
              : t('maintenance.section.remindersOff')}
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

/** The asset's preventive maintenance plans (issue 14 §4): due dates, add, mark served, deactivate. */
export function MaintenancePlansSection({ asset }: { asset: Asset }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const canWrite = can('assets:write');
  const plans = useMaintenancePlans(asset.id);
  const [adding, { open: openAdd, close: closeAdd }] = useDisclosure(false);
  const [serving, setServing] = useState<MaintenancePlan | null>(null);

  return (
    <Panel id="asset-maintenance" title={t('maintenance.section.title')}>
      <Stack gap="sm">
        {canWrite ? (
          <Group justify="flex-end">
            <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={openAdd}>
              {t('maintenance.section.add')}
            </Button>
          </Group>
        ) : null}
        <QueryStatus query={plans} rows={2} />
        {plans.data && plans.data.length === 0 ? (
          <Empty
            icon={<IconCalendarCheck size={28} aria-hidden />}
            title={t('maintenance.section.emptyTitle')}
            description={t('maintenance.section.emptyHint')}
          />
        ) : null}
        {plans.data?.map((plan) => (
          <PlanCard key={plan.id} asset={asset} plan={plan} canWrite={canWrite} onServed={setServing} />
        ))}
      </Stack>
      {canWrite ? (
        <>
          <AddPlanModal asset={asset} opened={adding} onClose={closeAdd} />
          <ServedModal asset={asset} plan={serving} onClose={() => setServing(null)} />
        </>
      ) : null}
    </Panel>
  );
}
