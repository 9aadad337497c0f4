import {
  CLOSED_REPAIR_STATUSES,
  REPAIR_STATUSES,
  type RepairStatus,
  type RepairSummary,
} from '@bancada/shared';
import {
  Anchor,
  Badge,
  Box,
  Button,
  Collapse,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAdjustmentsHorizontal, IconBan, IconClipboardList } from '@tabler/icons-react';
import { useQueries } from '@tanstack/react-query';
import { type DragEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { errorMessage } from '../../app/api';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, ErrorAlert, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useLiveRepairs } from '../../app/live';
import { notifySuccess } from '../../app/notify';
import { useOrganizationCurrency } from '../organization/api';
import { type RepairFilters, repairListQuery, useTransitionRepair } from './api';
import { useAllowedStatuses, useRepairNumber } from './display';
import { RepairCard } from './RepairCard';
import {
  NewRepairButton,
  PriorityFilter,
  RepairSearchInput,
  TechnicianFilter,
  useRepairFilters,
  ViewToggle,
} from './RepairsToolbar';
import { STATUS_COLORS } from './status';

// a column shows its first cards; the list has them all
const OPEN_COLUMN_SIZE = 50;
const CLOSED_COLUMN_SIZE = 20;

type Moves = Record<string, RepairSummary>;

export function RepairsBoardPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = useOrganizationCurrency();
  const allowedFrom = useAllowedStatuses();
  const number = useRepairNumber();
  const transition = useTransitionRepair();
  useLiveRepairs();
  const { filters, update } = useRepairFilters(OPEN_COLUMN_SIZE);
  // cards moved here but not yet confirmed by the server (shown in their new column meanwhile)
  const [moves, setMoves] = useState<Moves>({});
  const [dragging, setDragging] = useState<RepairSummary | null>(null);
  const [hovered, setHovered] = useState<RepairStatus | null>(null);
  // a card moved from its menu is drawn anew in its new column, and the keyboard focus would fall
  // back to <body>: it goes to the card's menu button wherever the card now is (WCAG 2.4.3)
  const [refocus, setRefocus] = useState<string | null>(null);
  // on phones the filters fold away behind a button
  const isPhone = useMediaQuery('(max-width: 47.99em)', false, { getInitialValueInEffect: false });
  const [filtersOpen, { toggle: toggleFilters }] = useDisclosure(false);

  const base = { technicianId: filters.technicianId, priority: filters.priority, q: filters.q };
  const columnFilters = (status: RepairStatus): RepairFilters => {
    const closed = CLOSED_REPAIR_STATUSES.includes(status);
    return {
      ...base,
      status: [status],
      // urgent work first; finished work by when it finished
      sort: closed ? '-updatedAt' : 'priority',
      page: 1,
      pageSize: closed ? CLOSED_COLUMN_SIZE : OPEN_COLUMN_SIZE,
    };
  };
  const columns = useQueries({
    queries: REPAIR_STATUSES.map((status) => repairListQuery(columnFilters(status))),
  });
  const filtered = Boolean(filters.technicianId || filters.priority || filters.q);
  const activeFilters = [filters.technicianId, filters.priority].filter(Boolean).length;
  const allFailed = columns.every((column) => column.isError);
  const allEmpty = columns.every((column) => column.data && column.data.total === 0);
  const allowedTargets = dragging ? allowedFrom(dragging.status) : [];

  const move = async (repair: RepairSummary, to: RepairStatus) => {
    if (to === repair.status || moves[repair.id]) return;
    setMoves((current) => ({ ...current, [repair.id]: { ...repair, status: to } }));
    try {
      const result = await transition.mutateAsync({ id: repair.id, status: to });
      notifySuccess(
        t('repairShared.moved', { number: number(repair.number), status: t(`repairStatus.${to}`) }),
      );
      for (const warning of result.warnings ?? []) {
        notifications.show({ color: 'yellow', message: warning.message });
      }
    } catch (error) {
      // the card goes back: the columns are refetched before the move is forgotten
      notifications.show({
        color: 'red',
        title: t('repairBoard.refused', { number: number(repair.number) }),
        message: errorMessage(error),
      });
    } finally {
      setMoves(({ [repair.id]: _done, ...rest }) => rest);
    }
  };

  // after every render until the move settles: the card may be drawn anew more than once
  useEffect(() => {
    if (!refocus) return;
    const button = document.querySelector<HTMLElement>(
      `[data-testid="repair-card"][data-repair-id="${refocus}"] [data-card-menu]`,
    );
    if (!button) return;
    // only focus that was lost: the user may have gone elsewhere meanwhile
    const active = document.activeElement;
    if (!active || active === document.body) button.focus();
    if (!moves[refocus]) setRefocus(null);
  });

  const cardsOf = (status: RepairStatus, items: RepairSummary[]) => {
    const stayed = items.filter((r) => !moves[r.id] || moves[r.id]?.status === status);
    const arrived = Object.values(moves).filter(
      (r) => r.status === status && !stayed.some((s) => s.id === r.id),
    );
    return [...arrived, ...stayed.map((r) => moves[r.id] ?? r)];
  };

  return (
    <>
      <PageHeader
        title={t('nav.repairs')}
        description={t('repairBoard.description')}
        actions={
          <>
            <ViewToggle />
            <NewRepairButton />
          </>
        }
      />

      <Stack gap="sm" mb="md">
        {isPhone ? (
          <Group justify="space-between">
            <Button
              variant="subtle"
              size="compact-sm"
              leftSection={<IconAdjustmentsHorizontal size={16} aria-hidden />}
              onClick={toggleFilters}
              aria-expanded={filtersOpen}
              aria-controls="board-filters"
            >
              {activeFilters > 0
                ? t('repairShared.filters.toggleActive', { count: activeFilters })
                : t('repairShared.filters.toggle')}
            </Button>
          </Group>
        ) : null}
        <Collapse expanded={!isPhone || filtersOpen} id="board-filters">
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm" maw={960}>
            <RepairSearchInput value={filters.q} onChange={(q) => update({ q })} />
            <TechnicianFilter
              value={filters.technicianId}
              onChange={(value) => update({ technicianId: value })}
            />
            <PriorityFilter value={filters.priority} onChange={(value) => update({ priority: value })} />
          </SimpleGrid>
        </Collapse>
        {isPhone && !allFailed ? (
          // on a phone one column shows at a time: jump to the others
          <Group gap={6} wrap="nowrap" style={{ overflowX: 'auto' }} pb={4}>
            {REPAIR_STATUSES.map((status, index) => (
              <Button
                key={status}
                size="compact-xs"
                variant="light"
                color={STATUS_COLORS[status]}
                style={{ flex: 'none' }}
                onClick={() =>
                  document
                    .querySelector(`[data-status="${status}"]`)
                    ?.scrollIntoView({ behavior: 'smooth', inline: 'start', block: 'nearest' })
                }
              >
                {t(`repairStatus.${status}`)} ·{' '}
                {format.count(columns[index]?.data?.total ?? 0, columns[index]?.data?.totalCapped)}
              </Button>
            ))}
          </Group>
        ) : null}
      </Stack>

      {allFailed && columns[0] ? (
        <ErrorAlert error={columns[0].error} onRetry={() => columns.forEach((c) => void c.refetch())} />
      ) : null}

      {allEmpty && !filtered ? (
        <Empty
          icon={<IconClipboardList size={28} aria-hidden />}
          title={t('repairList.emptyTitle')}
          description={t('repairList.emptyHint')}
        >
          <NewRepairButton />
        </Empty>
      ) : null}

      {!allFailed && !(allEmpty && !filtered) ? (
        <Box
          role="list"
          aria-label={t('repairBoard.label')}
          style={{
            display: 'flex',
            gap: 'var(--mantine-spacing-sm)',
            overflowX: 'auto',
            alignItems: 'stretch',
            paddingBottom: 'var(--mantine-spacing-sm)',
            scrollSnapType: 'x proximity',
            // the board fills the screen and each column scrolls on its own, as on a wall board
            height: isPhone ? 'max(420px, calc(100dvh - 190px))' : 'max(480px, calc(100dvh - 270px))',
          }}
        >
          {REPAIR_STATUSES.map((status, index) => {
            const query = columns[index];
            if (!query) return null;
            const items = cardsOf(status, query.data?.items ?? []);
            const total = query.data?.total ?? 0;
            const isSource = dragging?.status === status;
            const canDrop = dragging !== null && !isSource && allowedTargets.includes(status);
            const blocked = dragging !== null && !isSource && !canDrop;
            const over = (event: DragEvent<HTMLDivElement>) => {
              if (!canDrop) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              if (hovered !== status) setHovered(status);
            };
            const drop = (event: DragEvent<HTMLDivElement>) => {
              event.preventDefault();
              const repair = dragging;
              setDragging(null);
              setHovered(null);
              if (repair && canDrop) void move(repair, status);
            };
            const color = STATUS_COLORS[status];
            return (
              <Paper
                key={status}
                role="listitem"
                aria-label={t('repairBoard.columnLabel', {
                  status: t(`repairStatus.${status}`),
                  count: total,
                })}
                aria-disabled={blocked || undefined}
                data-status={status}
                data-drop={canDrop ? 'allowed' : blocked ? 'blocked' : undefined}
                onDragOver={over}
                onDragEnter={over}
                onDragLeave={() => setHovered((h) => (h === status ? null : h))}
                onDrop={drop}
                withBorder
                radius="md"
                p="xs"
                bg={hovered === status ? `${color}.0` : 'gray.0'}
                style={{
                  flex: '0 0 min(290px, 85vw)',
                  scrollSnapAlign: 'start',
                  display: 'flex',
                  flexDirection: 'column',
                  minHeight: 0,
                  transition: 'opacity 120ms, border-color 120ms',
                  opacity: blocked ? 0.45 : 1,
                  borderStyle: dragging && !isSource ? 'dashed' : undefined,
                  borderWidth: canDrop ? 2 : undefined,
                  borderColor: canDrop ? `var(--mantine-color-${color}-5)` : undefined,
                  cursor: blocked ? 'not-allowed' : undefined,
                }}
              >
                <Group justify="space-between" gap="xs" mb="xs" wrap="nowrap" px={4}>
                  <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
                    <Box
                      w={10}
                      h={10}
                      style={{
                        borderRadius: '50%',
                        flex: 'none',
                        background: `var(--mantine-color-${color}-6)`,
                      }}
                      aria-hidden
                    />
                    <Title order={2} fz="sm" fw={700} lineClamp={1}>
                      {t(`repairStatus.${status}`)}
                    </Title>
                  </Group>
                  <Badge variant="light" color={color} size="sm">
                    {format.count(total, query.data?.totalCapped)}
                  </Badge>
                </Group>
                {blocked ? (
                  <Group gap={4} px={4} mb="xs" wrap="nowrap">
                    <IconBan size={14} aria-hidden />
                    <Text size="xs" c="dimmed">
                      {t('repairBoard.notAllowed')}
                    </Text>
                  </Group>
                ) : null}
                {allFailed ? null : <QueryStatus query={query} rows={2} />}
                <Stack gap="xs" style={{ flex: 1, minHeight: 0, overflowY: 'auto' }} px={2} pb={2}>
                  {query.data && items.length === 0 ? (
                    <Text size="xs" c="dimmed" ta="center" py="lg">
                      {canDrop ? t('repairBoard.dropHere') : t('repairBoard.empty')}
                    </Text>
                  ) : null}
                  {items.map((repair) => (
                    <RepairCard
                      key={repair.id}
                      repair={repair}
                      currency={currency}
                      allowed={allowedFrom(repair.status)}
                      moving={Boolean(moves[repair.id])}
                      onMove={(to) => {
                        setRefocus(repair.id);
                        void move(repair, to);
                      }}
                      onDragStart={setDragging}
                      onDragEnd={() => {
                        setDragging(null);
                        setHovered(null);
                      }}
                    />
                  ))}
                  {total > (query.data?.items.length ?? 0) ? (
                    <Anchor
                      style={{ flexShrink: 0 }}
                      component={Link}
                      to={`/repairs/list?status=${status}${filters.q ? `&q=${encodeURIComponent(filters.q)}` : ''}`}
                      size="xs"
                      ta="center"
                    >
                      {query.data?.totalCapped
                        ? t('repairBoard.moreCapped')
                        : t('repairBoard.more', { count: total - (query.data?.items.length ?? 0) })}
                    </Anchor>
                  ) : null}
                </Stack>
              </Paper>
            );
          })}
        </Box>
      ) : null}
      {filtered && allEmpty ? (
        <Group justify="center" mt="md">
          <Text size="sm" c="dimmed">
            {t('common.emptyFilteredHint')}
          </Text>
          <Button
            variant="subtle"
            size="compact-sm"
            onClick={() => update({ q: null, technicianId: null, priority: null })}
          >
            {t('repairShared.filters.clear')}
          </Button>
        </Group>
      ) : null}
    </>
  );
}
