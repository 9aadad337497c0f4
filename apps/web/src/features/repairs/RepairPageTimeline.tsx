import type { RepairEvent, RepairEventType } from '@bancada/shared';
import { Group, Text, ThemeIcon, Timeline } from '@mantine/core';
import {
  IconChecklist,
  IconClockPause,
  IconClockPlay,
  IconFileDollar,
  IconFilePlus,
  IconPencil,
  IconPhoto,
  IconSignature,
  IconSwitchHorizontal,
  IconUserCheck,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useRepairEvents } from './order-api';
import { Section } from './RepairPageDisplay';
import { STATUS_COLORS, StatusBadge } from './status';

const EVENT_ICONS: Record<RepairEventType, typeof IconPencil> = {
  created: IconFilePlus,
  status: IconSwitchHorizontal,
  updated: IconPencil,
  assigned: IconUserCheck,
  checklist: IconChecklist,
  estimate_sent: IconFileDollar,
  estimate_decided: IconSignature,
  photo: IconPhoto,
  timer_started: IconClockPlay,
  timer_stopped: IconClockPause,
};

/** A value the event's data may carry, as text (the data is free-form). */
function dataText(event: RepairEvent, key: string): string | null {
  const value = event.data?.[key];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** Everything that happened to the order, newest first. */
export function RepairPageTimeline({ repairId }: { repairId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const events = useRepairEvents(repairId);
  const items = [...(events.data ?? [])].sort((a, b) => b.at.localeCompare(a.at));

  return (
    <Section id="repair-timeline" title={t('repairPage.timeline.title')}>
      <QueryStatus query={events} rows={4} />
      {events.data && items.length === 0 ? <Empty title={t('repairPage.timeline.empty')} /> : null}
      {items.length > 0 ? (
        <Timeline bulletSize={28} lineWidth={2} active={items.length}>
          {items.map((event) => {
            const Icon = EVENT_ICONS[event.type] ?? IconPencil;
            const color = event.type === 'status' && event.toStatus ? STATUS_COLORS[event.toStatus] : 'gray';
            const technician = dataText(event, 'technicianName');
            const version = dataText(event, 'version');
            return (
              <Timeline.Item
                key={event.id}
                bullet={
                  <ThemeIcon size={28} radius="xl" variant="light" color={color}>
                    <Icon size={15} aria-hidden />
                  </ThemeIcon>
                }
                title={
                  <Text size="sm" fw={600}>
                    {t(`repairPage.timeline.types.${event.type}`, {
                      name: technician ?? '—',
                      version: version ?? '',
                    })}
                  </Text>
                }
              >
                {event.type === 'status' && event.toStatus ? (
                  <Group gap={6} mt={4}>
                    {event.fromStatus ? <StatusBadge status={event.fromStatus} size="xs" /> : null}
                    {event.fromStatus ? (
                      <Text size="xs" c="dimmed" aria-hidden>
                        →
                      </Text>
                    ) : null}
                    <StatusBadge status={event.toStatus} size="xs" />
                  </Group>
                ) : null}
                {event.type === 'assigned' && !technician ? (
                  <Text size="xs">{t('repairPage.timeline.unassigned')}</Text>
                ) : null}
                {event.note ? (
                  <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {event.note}
                  </Text>
                ) : null}
                <Text size="xs" c="dimmed" mt={4}>
                  <time dateTime={event.at}>{format.dateTime(event.at)}</time>
                  {event.actorName ? ` · ${event.actorName}` : ''}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      ) : null}
    </Section>
  );
}
