import {
  BAY_KINDS,
  type Bay,
  BayCreateSchema,
  type BayKind,
  HolidayCreateSchema,
  translateValidationMessage,
} from '@bancada/shared';
import {
  ActionIcon,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import {
  IconCheck,
  IconChevronLeft,
  IconChevronRight,
  IconPencil,
  IconTrash,
  IconX,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useShopTimeZone } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { currentLocale } from '../../app/i18n';
import { notifyError, notifySuccess } from '../../app/notify';
import { zonedToday } from '../../app/shop-dates';
import { useBays, useCreateBay, useCreateHoliday, useDeleteHoliday, useHolidays, useUpdateBay } from './api';
import { useDayLabel } from './CalendarLists';
import { upperFirst } from './display';

/** The calendar's settings (issue 15 §1): the branch's bays, lifts and benches, and the holidays. */
export function SchedulingSettingsPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t('scheduling.settings.title')}
        description={t('scheduling.settings.description')}
        actions={
          <Button component={Link} to="/calendar" variant="default">
            {t('scheduling.settings.back')}
          </Button>
        }
      />
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <BaysCard />
        <HolidaysCard />
      </SimpleGrid>
    </>
  );
}

function BaysCard() {
  const { t } = useTranslation();
  const bays = useBays({ includeInactive: true });
  const create = useCreateBay();
  const form = useForm<{ name: string; kind: BayKind }>({
    initialValues: { name: '', kind: 'BAY' },
    validate: zodResolver(BayCreateSchema),
  });
  const add = form.onSubmit(async (values) => {
    try {
      await create.mutateAsync(parseWith(BayCreateSchema, values));
      notifySuccess(t('scheduling.settings.bays.added'));
      form.reset();
    } catch (error) {
      if (!applyServerErrors(form.setErrors, error, [400, 409])) notifyError(error);
    }
  });
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="bays-title">
      <Title order={2} fz="h4" id="bays-title" mb="xs">
        {t('scheduling.settings.bays.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('scheduling.settings.bays.hint')}
      </Text>
      <QueryStatus query={bays} rows={3} />
      {bays.data && bays.data.length === 0 ? <Empty title={t('scheduling.settings.bays.empty')} /> : null}
      <Stack gap={6} mb="md">
        {(bays.data ?? []).map((bay) => (
          <BayRow key={bay.id} bay={bay} />
        ))}
      </Stack>
      <form onSubmit={add} noValidate>
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t('scheduling.settings.bays.name')}
            style={{ flex: '1 1 10rem' }}
            maxLength={80}
            {...form.getInputProps('name')}
          />
          <Select
            label={t('scheduling.settings.bays.kind')}
            data={BAY_KINDS.map((kind) => ({ value: kind, label: t(`scheduling.bayKinds.${kind}`) }))}
            allowDeselect={false}
            w={150}
            {...form.getInputProps('kind')}
          />
          <Button type="submit" loading={create.isPending}>
            {t('scheduling.settings.bays.add')}
          </Button>
        </Group>
      </form>
    </Card>
  );
}

function BayRow({ bay }: { bay: Bay }) {
  const { t } = useTranslation();
  const update = useUpdateBay();
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(bay.name);
  const save = async (change: { name?: string; active?: boolean }) => {
    try {
      await update.mutateAsync({ id: bay.id, version: bay.version, change });
      notifySuccess(t('scheduling.settings.bays.saved'));
      setEditing(false);
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" data-testid="bay-row">
      {editing ? (
        <Group gap={4} wrap="nowrap" style={{ flex: 1 }}>
          <TextInput
            aria-label={t('scheduling.settings.bays.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={80}
            size="xs"
            style={{ flex: 1 }}
            data-autofocus
          />
          <ActionIcon
            variant="light"
            color="teal"
            aria-label={t('common.save')}
            loading={update.isPending}
            disabled={name.trim() === ''}
            onClick={() => void save({ name: name.trim() })}
          >
            <IconCheck size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('common.cancel')}
            onClick={() => setEditing(false)}
          >
            <IconX size={16} aria-hidden />
          </ActionIcon>
        </Group>
      ) : (
        <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
          <Text size="sm" fw={500} lineClamp={1} c={bay.active ? undefined : 'dimmed'}>
            {bay.name}
          </Text>
          <Badge size="xs" variant="light" color="gray">
            {t(`scheduling.bayKinds.${bay.kind}`)}
          </Badge>
          {bay.active ? null : (
            <Badge size="xs" variant="light" color="orange">
              {t('scheduling.settings.bays.inactive')}
            </Badge>
          )}
        </Group>
      )}
      {editing ? null : (
        <Group gap={4} wrap="nowrap">
          <ActionIcon
            variant="subtle"
            aria-label={t('scheduling.settings.bays.rename', { name: bay.name })}
            onClick={() => {
              setName(bay.name);
              setEditing(true);
            }}
          >
            <IconPencil size={16} aria-hidden />
          </ActionIcon>
          <Button
            size="compact-xs"
            variant="subtle"
            color={bay.active ? 'orange' : 'teal'}
            loading={update.isPending}
            onClick={() => void save({ active: !bay.active })}
          >
            {bay.active ? t('scheduling.settings.bays.deactivate') : t('scheduling.settings.bays.activate')}
          </Button>
        </Group>
      )}
    </Group>
  );
}

function HolidaysCard() {
  const { t } = useTranslation();
  const timeZone = useShopTimeZone();
  const dayLabel = useDayLabel();
  const [year, setYear] = useState(() => Number(zonedToday(timeZone).slice(0, 4)));
  const holidays = useHolidays(year);
  const create = useCreateHoliday();
  const remove = useDeleteHoliday();
  const form = useForm<{ date: string | null; name: string }>({
    initialValues: { date: null, name: '' },
    // a day must be picked before the shared schema reads the rest
    validate: (values) =>
      values.date
        ? zodResolver(HolidayCreateSchema)(values)
        : { date: translateValidationMessage('validation.required', currentLocale()) },
  });
  const add = form.onSubmit(async (values) => {
    try {
      const holiday = await create.mutateAsync(parseWith(HolidayCreateSchema, values));
      notifySuccess(t('scheduling.settings.holidays.added'));
      form.reset();
      setYear(Number(holiday.date.slice(0, 4)));
    } catch (error) {
      if (!applyServerErrors(form.setErrors, error, [400, 409])) notifyError(error);
    }
  });
  const sorted = [...(holidays.data ?? [])].sort((a, b) => a.date.localeCompare(b.date));
  return (
    <Card withBorder radius="md" component="section" aria-labelledby="holidays-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h4" id="holidays-title">
          {t('scheduling.settings.holidays.title')}
        </Title>
        <Group gap={4}>
          <ActionIcon
            variant="default"
            aria-label={t('scheduling.settings.holidays.previousYear')}
            onClick={() => setYear((y) => y - 1)}
          >
            <IconChevronLeft size={16} aria-hidden />
          </ActionIcon>
          <Text fw={600} aria-live="polite" w={48} ta="center">
            {year}
          </Text>
          <ActionIcon
            variant="default"
            aria-label={t('scheduling.settings.holidays.nextYear')}
            onClick={() => setYear((y) => y + 1)}
          >
            <IconChevronRight size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('scheduling.settings.holidays.hint')}
      </Text>
      <QueryStatus query={holidays} rows={3} />
      {holidays.data && sorted.length === 0 ? (
        <Empty title={t('scheduling.settings.holidays.empty', { year })} />
      ) : null}
      {sorted.length > 0 ? (
        <Table mb="md" verticalSpacing={4}>
          <Table.Tbody>
            {sorted.map((holiday) => (
              <Table.Tr key={holiday.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{upperFirst(dayLabel(holiday.date))}</Table.Td>
                <Table.Td>{holiday.name}</Table.Td>
                <Table.Td w={40}>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('scheduling.settings.holidays.remove', { name: holiday.name })}
                    loading={remove.isPending && remove.variables === holiday.id}
                    onClick={() =>
                      remove.mutate(holiday.id, {
                        onSuccess: () => notifySuccess(t('scheduling.settings.holidays.removed')),
                        onError: notifyError,
                      })
                    }
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      ) : null}
      <form onSubmit={add} noValidate>
        <Group align="flex-end" gap="xs">
          <DateInput
            label={t('scheduling.settings.holidays.date')}
            valueFormat="L"
            w={150}
            {...form.getInputProps('date')}
          />
          <TextInput
            label={t('scheduling.settings.holidays.name')}
            style={{ flex: '1 1 10rem' }}
            maxLength={80}
            {...form.getInputProps('name')}
          />
          <Button type="submit" loading={create.isPending}>
            {t('scheduling.settings.holidays.add')}
          </Button>
        </Group>
      </form>
      <Text size="xs" c="dimmed" mt="sm">
        <Anchor component={Link} to="/users" size="xs">
          {t('scheduling.settings.workingHoursLink')}
        </Anchor>
      </Text>
    </Card>
  );
}
