import { WEEKDAYS, type WorkingHours } from '@bancada/shared';
import { ActionIcon, Button, Group, Input, Select, Stack, Text } from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import type { FormErrors } from '@mantine/form';
import { IconCalendarTime, IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Interval = WorkingHours[number];

interface WorkingHoursEditorProps {
  value: WorkingHours;
  onChange: (value: WorkingHours) => void;
  /** the form's errors; rows read theirs at `workingHours.<i>.<field>` */
  errors: FormErrors;
  disabled?: boolean;
}

const WEEKDAY_PRESET: WorkingHours = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({
  day,
  start: '08:00',
  end: '18:00',
}));

function nextInterval(value: WorkingHours): Interval {
  const last = value.at(-1);
  if (!last) return { day: 'mon', start: '08:00', end: '18:00' };
  const index = WEEKDAYS.indexOf(last.day);
  return { day: WEEKDAYS[(index + 1) % WEEKDAYS.length] ?? 'mon', start: last.start, end: last.end };
}

/** Rows of weekday + start + end; a day may have several intervals (e.g. a lunch break). */
export function WorkingHoursEditor({ value, onChange, errors, disabled }: WorkingHoursEditorProps) {
  const { t } = useTranslation();
  const dayOptions = WEEKDAYS.map((day) => ({ value: day, label: t(`weekdays.${day}`) }));
  const rootError = errors.workingHours;

  const update = (index: number, patch: Partial<Interval>) =>
    onChange(value.map((interval, i) => (i === index ? { ...interval, ...patch } : interval)));

  return (
    <Input.Wrapper
      label={t('users.fields.workingHours')}
      description={t('users.workingHours.description')}
      error={rootError}
    >
      <Stack gap="xs" mt="xs">
        {value.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('users.workingHours.empty')}
          </Text>
        ) : null}
        {value.map((interval, index) => {
          const row = index + 1;
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: rows are positional, like the API's paths
            <Group key={index} gap="xs" align="flex-start" wrap="nowrap">
              <Select
                data={dayOptions}
                value={interval.day}
                onChange={(day) => day && update(index, { day: day as Interval['day'] })}
                allowDeselect={false}
                aria-label={t('users.workingHours.day', { row })}
                error={errors[`workingHours.${index}.day`]}
                disabled={disabled}
                style={{ flex: '1 1 7rem', minWidth: 0 }}
              />
              <TimeInput
                value={interval.start}
                onChange={(event) => update(index, { start: event.currentTarget.value })}
                aria-label={t('users.workingHours.start', { row })}
                error={errors[`workingHours.${index}.start`]}
                disabled={disabled}
                style={{ flex: '0 1 6.5rem', minWidth: 0 }}
              />
              <TimeInput
                value={interval.end}
                onChange={(event) => update(index, { end: event.currentTarget.value })}
                aria-label={t('users.workingHours.end', { row })}
                error={errors[`workingHours.${index}.end`]}
                disabled={disabled}
                style={{ flex: '0 1 6.5rem', minWidth: 0 }}
              />
              {disabled ? null : (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  onClick={() => onChange(value.filter((_, i) => i !== index))}
                  aria-label={t('users.workingHours.remove', { row })}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          );
        })}
        {disabled ? null : (
          <Group gap="xs">
            <Button
              variant="light"
              size="xs"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() => onChange([...value, nextInterval(value)])}
            >
              {t('users.workingHours.add')}
            </Button>
            {value.length === 0 ? (
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconCalendarTime size={14} aria-hidden />}
                onClick={() => onChange(WEEKDAY_PRESET)}
              >
                {t('users.workingHours.preset')}
              </Button>
            ) : null}
          </Group>
        )}
      </Stack>
    </Input.Wrapper>
  );
}
