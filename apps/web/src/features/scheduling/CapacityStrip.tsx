import { Alert, Anchor, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useRepairNumber } from '../repairs/display';
import { useCapacity } from './api';
import { loadPercent } from './calendar-grid';

/** Capacity, not car count (issue 15 §1): each technician's booked vs available hours, and deadlines at risk. */
export function CapacityStrip({ date }: { date: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const number = useRepairNumber();
  const capacity = useCapacity(date);
  const technicians = capacity.data?.technicians ?? [];
  const risks = technicians.flatMap((tech) =>
    tech.atRisk.map((risk) => ({ ...risk, technician: tech.name })),
  );
  const hours = (value: number) =>
    t('scheduling.capacity.hours', { hours: format.number(Math.round(value * 10) / 10) });

  return (
    <Stack gap="xs" mb="md" component="section" aria-label={t('scheduling.capacity.title')}>
      <QueryStatus query={capacity} rows={1} />
      {technicians.length > 0 ? (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
          {technicians.map((tech) => {
            const percent = loadPercent(tech.bookedHours, tech.availableHours);
            const color = percent > 100 ? 'red' : percent >= 85 ? 'orange' : 'teal';
            return (
              <Paper key={tech.technicianId} withBorder p="xs" radius="md" data-testid="capacity-bar">
                <Group justify="space-between" gap={4} wrap="nowrap">
                  <Text size="sm" fw={600} lineClamp={1}>
                    {tech.name}
                  </Text>
                  <Text size="xs" c={percent > 100 ? 'red' : 'dimmed'} style={{ flex: 'none' }}>
                    {t('scheduling.capacity.booked', {
                      booked: hours(tech.bookedHours),
                      available: hours(tech.availableHours),
                    })}
                  </Text>
                </Group>
                <Progress
                  mt={6}
                  value={Math.min(percent, 100)}
                  color={color}
                  size="md"
                  aria-label={t('scheduling.capacity.barLabel', { name: tech.name, percent })}
                />
                <Text size="xs" c="dimmed" mt={4}>
                  {t('scheduling.capacity.split', {
                    appointments: hours(tech.appointmentHours),
                    orders: hours(tech.orderHours),
                  })}
                </Text>
              </Paper>
            );
          })}
        </SimpleGrid>
      ) : null}
      {risks.length > 0 ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t('scheduling.capacity.riskTitle', { count: risks.length })}
          data-testid="deadline-risks"
        >
          <Stack gap={4}>
            {risks.map((risk) => (
              <Text size="sm" key={risk.repairId}>
                <Anchor component={Link} to={`/repairs/${risk.repairId}`} fw={600}>
                  {number(risk.number)}
                </Anchor>{' '}
                {t(
                  format.isToday(risk.deadline) ? 'scheduling.capacity.risk' : 'scheduling.capacity.riskOn',
                  {
                    time: format.time(risk.deadline),
                    date: format.shortDate(risk.deadline),
                    remaining: hours(risk.remainingHours),
                    available: hours(risk.availableHours),
                    technician: risk.technician,
                  },
                )}
              </Text>
            ))}
          </Stack>
        </Alert>
      ) : null}
    </Stack>
  );
}
