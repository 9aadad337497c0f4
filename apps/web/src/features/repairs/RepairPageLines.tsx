import { isEditableStatus, type LineApproval, type Repair } from '@bancada/shared';
import { Alert, Anchor, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconBellPlus, IconFileDollar, IconInfoCircle, IconPencil } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { useFormat } from '../../app/format';
import { ServicePlanModal } from '../maintenance/ServicePlanModal';
import { planTargets } from '../maintenance/service-plan';
import { ApprovalBadge, Section, StockStateBadge, useApplianceTitle } from './RepairPageDisplay';
import { showsAppliances } from './repair-blocks';

interface Props {
  repair: Repair;
  currency: string;
  onEdit?: () => void;
  onOpenEstimate: () => void;
}

/** What the order is made of, line by line, and what it costs. */
export function RepairPageLines({ repair, currency, onEdit, onOpenEstimate }: Props) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const applianceTitle = useApplianceTitle();
  const lines = [...repair.appliances, ...repair.services, ...repair.parts];
  const unestimated = lines.filter((line) => line.approval === null).length;
  const declined = lines.filter((line) => line.approval === 'declined').length;
  const money = (value: number) => format.money(value, currency);
  const editButton = onEdit ? (
    <Button
      size="compact-sm"
      variant="light"
      leftSection={<IconPencil size={14} aria-hidden />}
      onClick={onEdit}
    >
      {t('repairPage.lines.edit')}
    </Button>
  ) : null;
  // a vehicle or machine order has no appliance block to fill (issue 10): only what fits the asset
  const showAppliances = showsAppliances(repair);
  // a service line can start a reminder plan for the order's asset (issue 14 §4)
  const planFor = can('assets:write') ? planTargets(repair, applianceTitle) : [];
  const [planLine, setPlanLine] = useState<Repair['services'][number] | null>(null);

  return (
    <Stack gap="lg">
      {unestimated > 0 && isEditableStatus(repair.status) ? (
        <Alert color="orange" variant="light" icon={<IconFileDollar aria-hidden />} role="status">
          <Stack gap={6} align="flex-start">
            <span>{t('repairPage.lines.unestimated', { count: unestimated })}</span>
            <Button size="xs" variant="light" color="orange" onClick={onOpenEstimate}>
              {t('repairPage.lines.openEstimate')}
            </Button>
          </Stack>
        </Alert>
      ) : null}

      {showAppliances ? (
        <Section id="repair-appliances" title={t('repairPage.lines.appliances')} actions={editButton}>
          {repair.appliances.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('repairPage.lines.noAppliances')}
            </Text>
          ) : (
            <Stack gap="xs">
              {repair.appliances.map((appliance) => (
                <LineRow
                  key={appliance.id}
                  approval={appliance.approval}
                  title={
                    appliance.assetId && can('assets:read') ? (
                      <Anchor component={Link} to={`/assets/${appliance.assetId}`} size="sm" fw={600}>
                        {applianceTitle(appliance)}
                      </Anchor>
                    ) : (
                      applianceTitle(appliance)
                    )
                  }
                  meta={[
                    appliance.voltage
                      ? t(`assets.voltages.${appliance.voltage as '127 V'}`, appliance.voltage)
                      : null,
                    appliance.serial ? t('repairPage.lines.serial', { serial: appliance.serial }) : null,
                    appliance.estimatedHours !== null
                      ? t('repairPage.lines.hours', { hours: format.number(appliance.estimatedHours) })
                      : null,
                    t('repairPage.lines.warranty', { count: appliance.warrantyDays }),
                  ]}
                  note={appliance.customerNote}
                  amountLabel={t('repairPage.lines.labor')}
                  amount={money(appliance.laborValue)}
                />
              ))}
            </Stack>
          )}
        </Section>
      ) : null}

      <Section
        id="repair-services"
        title={t('repairPage.lines.services')}
        actions={showAppliances ? undefined : editButton}
      >
        {repair.services.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('repairPage.lines.noServices')}
          </Text>
        ) : (
          <Stack gap="xs">
            {repair.services.map((service) => (
              <LineRow
                key={service.id}
                approval={service.approval}
                title={service.description}
                meta={[
                  t('repairPage.lines.hours', { hours: format.number(service.hours) }),
                  service.technicianName,
                  t('repairPage.lines.warranty', { count: service.warrantyDays }),
                ]}
                amount={money(service.price)}
                action={
                  planFor.length > 0 && service.approval !== 'declined' ? (
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      leftSection={<IconBellPlus size={14} aria-hidden />}
                      onClick={() => setPlanLine(service)}
                      aria-label={t('maintenance.fromService.actionLabel', { name: service.description })}
                    >
                      {t('maintenance.fromService.action')}
                    </Button>
                  ) : null
                }
              />
            ))}
          </Stack>
        )}
        <ServicePlanModal
          repairId={repair.id}
          line={planLine}
          targets={planFor}
          onClose={() => setPlanLine(null)}
        />
      </Section>

      <Section id="repair-parts" title={t('repairPage.lines.parts')}>
        {repair.parts.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('repairPage.lines.noParts')}
          </Text>
        ) : (
          <Stack gap="xs">
            {repair.parts.map((part) => (
              <LineRow
                key={part.id}
                approval={part.approval}
                badges={<StockStateBadge state={part.stockState} />}
                title={
                  can('components:read') ? (
                    <Anchor
                      component={Link}
                      to={`/inventory/${encodeURIComponent(part.componentId)}`}
                      size="sm"
                      fw={600}
                    >
                      {part.name}
                    </Anchor>
                  ) : (
                    part.name
                  )
                }
                code={part.code}
                meta={[t('repairPage.lines.warranty', { count: part.warrantyDays })]}
                quantity={`${format.number(part.quantity)} ${part.unit} × ${money(part.unitValue)}`}
                amount={money(part.totalValue)}
              />
            ))}
          </Stack>
        )}
      </Section>

      <Section id="repair-totals" title={t('repairPage.lines.totals.title')}>
        <Totals
          rows={[
            { label: t('repairPage.lines.totals.partsTotal'), value: money(repair.partsTotal) },
            { label: t('repairPage.lines.totals.laborValue'), value: money(repair.laborValue) },
            {
              label: t('repairPage.lines.totals.discount'),
              value: repair.discount > 0 ? `− ${money(repair.discount)}` : money(0),
            },
          ]}
          total={{ label: t('repairPage.lines.totals.totalValue'), value: money(repair.totalValue) }}
        />
        {declined > 0 ? (
          <Text size="xs" c="dimmed" mt="sm">
            <IconInfoCircle size={12} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
            {t('repairPage.lines.declinedNote', { count: declined })}
          </Text>
        ) : null}
      </Section>
    </Stack>
  );
}

function LineRow({
  title,
  code,
  meta,
  note,
  badges,
  approval,
  quantity,
  amountLabel,
  amount,
  action,
}: {
  title: ReactNode;
  code?: string;
  meta: (string | null)[];
  note?: string | null;
  badges?: ReactNode;
  approval: LineApproval | null;
  quantity?: string;
  amountLabel?: string;
  amount: string;
  /** a button under the line (a service line's reminder plan) */
  action?: ReactNode;
}) {
  const { t } = useTranslation();
  const declined = approval === 'declined';
  return (
    <Paper withBorder radius="sm" p="sm" bg={declined ? 'var(--mantine-color-gray-0)' : undefined}>
      <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={600} c={declined ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
            {title}
          </Text>
          {code ? (
            <Text size="xs" c="dimmed" ff="monospace">
              {code}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {meta.filter(Boolean).join(' · ')}
          </Text>
          {note ? (
            <Text size="xs" fs="italic" style={{ whiteSpace: 'pre-wrap' }}>
              “{note}”
            </Text>
          ) : null}
          <Group gap={4}>
            <ApprovalBadge approval={approval} />
            {badges}
          </Group>
          {action ? <div>{action}</div> : null}
        </Stack>
        <Stack gap={2} align="flex-end" style={{ flexShrink: 0 }}>
          {amountLabel ? (
            <Text size="xs" c="dimmed">
              {amountLabel}
            </Text>
          ) : null}
          {quantity ? (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              {quantity}
            </Text>
          ) : null}
          <Text
            size="sm"
            fw={600}
            td={declined ? 'line-through' : undefined}
            c={declined ? 'dimmed' : undefined}
            style={{ whiteSpace: 'nowrap' }}
          >
            {amount}
          </Text>
          {declined ? (
            <Text size="xs" c="dimmed">
              {t('repairPage.lines.recommendation')}
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Paper>
  );
}

/** The line between the amounts and their total. */
const TOTAL_RULE = { borderTop: '1px solid var(--mantine-color-default-border)' };

export function Totals({
  rows,
  total,
}: {
  rows: { label: string; value: string }[];
  total: { label: string; value: string };
}) {
  return (
    <Stack gap={6} component="dl" m={0}>
      {rows.map((row) => (
        <Group key={row.label} justify="space-between" gap="xs">
          <Text component="dt" size="sm" c="dimmed">
            {row.label}
          </Text>
          <Text component="dd" size="sm" m={0}>
            {row.value}
          </Text>
        </Group>
      ))}
      {/* the rule above the total is a border: a <dl> may hold only dt/dd groups (WCAG 1.3.1) */}
      <Group justify="space-between" gap="xs" pt={6} style={TOTAL_RULE}>
        <Text component="dt" fw={700}>
          {total.label}
        </Text>
        <Text component="dd" fw={700} fz="lg" m={0}>
          {total.value}
        </Text>
      </Group>
    </Stack>
  );
}
