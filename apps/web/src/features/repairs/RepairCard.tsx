import type { RepairStatus, RepairSummary } from '@bancada/shared';
import { ActionIcon, Badge, Card, Group, Menu, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconDots, IconExternalLink, IconUser } from '@tabler/icons-react';
import type { DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/format';
import { DeadlineText, PriorityBadge, useRepairNumber, useRepairSubject } from './display';
import { STATUS_COLORS } from './status';

/** The drag payload's type: only our cards are accepted by the columns. */
export const REPAIR_DRAG_TYPE = 'application/x-bancada-repair';

/** "Mover para…": the statuses the user may choose, for phones and keyboards (and anyone). */
export function MoveMenu({
  repair,
  allowed,
  onMove,
  disabled,
}: {
  repair: Pick<RepairSummary, 'id' | 'number'>;
  allowed: RepairStatus[];
  onMove: (status: RepairStatus) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const number = useRepairNumber();
  return (
    <Menu position="bottom-end" withinPortal shadow="md" disabled={disabled}>
      <Menu.Target>
        {/* never `disabled` while the card moves: a disabled button would drop the keyboard focus */}
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t('repairShared.actionsFor', { number: number(repair.number) })}
          aria-disabled={disabled || undefined}
          data-disabled={disabled || undefined}
          data-card-menu
          draggable={false}
          onClick={(event) => event.stopPropagation()}
        >
          <IconDots size={18} aria-hidden />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item
          component={Link}
          to={`/repairs/${repair.id}`}
          leftSection={<IconExternalLink size={16} aria-hidden />}
        >
          {t('repairShared.open')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Label>{t('repairShared.moveTo')}</Menu.Label>
        {allowed.length === 0 ? <Menu.Item disabled>{t('repairShared.noMoves')}</Menu.Item> : null}
        {allowed.map((status) => (
          <Menu.Item
            key={status}
            leftSection={
              <IconArrowRight
                size={16}
                color={`var(--mantine-color-${STATUS_COLORS[status]}-6)`}
                aria-hidden
              />
            }
            onClick={() => onMove(status)}
          >
            {t(`repairStatus.${status}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

interface RepairCardProps {
  repair: RepairSummary;
  currency: string;
  allowed: RepairStatus[];
  onMove: (status: RepairStatus) => void;
  /** a move of this card is on its way to the server */
  moving?: boolean;
  onDragStart?: (repair: RepairSummary) => void;
  onDragEnd?: () => void;
}

/** An order on the board: number, customer, what is in for repair, priority, deadline, technician, total. */
export function RepairCard({
  repair,
  currency,
  allowed,
  onMove,
  moving,
  onDragStart,
  onDragEnd,
}: RepairCardProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const subject = useRepairSubject();
  const number = useRepairNumber();
  const draggable = Boolean(onDragStart) && allowed.length > 0 && !moving;

  const start = (event: DragEvent<HTMLDivElement>) => {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData(REPAIR_DRAG_TYPE, repair.id);
    event.dataTransfer.setData('text/plain', number(repair.number));
    onDragStart?.(repair);
  };

  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      shadow="xs"
      draggable={draggable}
      onDragStart={draggable ? start : undefined}
      onDragEnd={onDragEnd}
      data-testid="repair-card"
      data-repair-id={repair.id}
      data-repair-number={repair.number}
      aria-busy={moving || undefined}
      style={{
        // inside a column that scrolls, cards keep their height
        flexShrink: 0,
        cursor: draggable ? 'grab' : undefined,
        opacity: moving ? 0.6 : 1,
        borderLeft: `4px solid var(--mantine-color-${STATUS_COLORS[repair.status]}-5)`,
      }}
    >
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text
              component={Link}
              to={`/repairs/${repair.id}`}
              fw={700}
              size="sm"
              draggable={false}
              style={{ textDecoration: 'none', color: 'inherit' }}
            >
              {number(repair.number)}
            </Text>
            <Text size="sm" fw={500} lineClamp={1} title={repair.customerName}>
              {repair.customerName}
            </Text>
          </Stack>
          <MoveMenu repair={repair} allowed={allowed} onMove={onMove} disabled={moving} />
        </Group>
        <Text size="xs" c="dimmed" lineClamp={2}>
          {subject(repair)}
        </Text>
        <Group gap={6} wrap="wrap">
          {repair.priority !== 'NORMAL' ? <PriorityBadge priority={repair.priority} size="xs" /> : null}
          {repair.warrantyReturn ? (
            <Badge size="xs" color="grape" variant="light">
              {t('repairShared.warrantyReturn')}
            </Badge>
          ) : null}
        </Group>
        <Group justify="space-between" gap="xs" wrap="nowrap">
          <DeadlineText repair={repair} size="xs" />
          <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap' }}>
            {format.money(repair.totalValue, currency)}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap">
          <IconUser size={14} color="var(--mantine-color-dimmed)" aria-hidden />
          <Text size="xs" c={repair.technicianName ? undefined : 'dimmed'} truncate>
            {repair.technicianName ?? t('repairShared.unassigned')}
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
