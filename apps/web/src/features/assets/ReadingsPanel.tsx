import { type Asset, ReadingCreateSchema } from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  NumberInput,
  Stack,
  Table,
  Text,
  Textarea,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconGauge } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { applyServerErrors, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useNumberInputProps } from '../../app/number-input';
import { withNumberRules } from '../../app/number-rules';
import { Panel } from '../customers/CustomerDataTab';
import { useAddReading, useReadings } from './api';
import { emptyReading, type ReadingValues, readingNumberMessages, toReadingCandidate } from './reading-form';

const READING_SOURCES = ['manual', 'repair', 'import'] as const;

/** Odometer (vehicles, km) or hour meter (machines, h): monotonic, a lower value is an audited correction. */
export function ReadingsPanel({ asset }: { asset: Asset }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can } = useAuth();
  const isVehicle = asset.kind === 'vehicle';
  const readings = useReadings(asset.id, asset.kind !== 'appliance');
  const add = useAddReading(asset);
  // the server refused a lower value: the form offers to record it as a correction
  const [lower, setLower] = useState<string | null>(null);
  const current = isVehicle ? asset.odometer : asset.hourMeter;
  const unit = (value: number) =>
    isVehicle
      ? t('assets.kmValue', { value: format.number(value) })
      : t('assets.hoursValue', { value: format.number(value) });

  const form = useForm<ReadingValues>({
    initialValues: emptyReading(),
    validate: withNumberRules(
      zodResolver(ReadingCreateSchema, { prepare: toReadingCandidate }),
      readingNumberMessages,
      (message) => t(message.key, message.values),
    ),
  });
  const readingBox = useNumberInputProps();

  const submit = form.onSubmit((values) => {
    add.mutate(toReadingCandidate(values), {
      onSuccess: (reading) => {
        notifySuccess(t('assets.readings.saved', { value: unit(reading.value) }));
        form.reset();
        setLower(null);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 422) setLower(error.message);
        else applyServerErrors(form.setErrors, error);
      },
    });
  });

  const sourceLabel = (source: string) => {
    const known = READING_SOURCES.find((s) => s === source);
    return known ? t(`assets.readings.sources.${known}`) : source;
  };

  const title = isVehicle ? t('assets.readings.odometerTitle') : t('assets.readings.hourMeterTitle');
  const otherError = add.isError && !(add.error instanceof ApiError && [400, 422].includes(add.error.status));

  return (
    <Panel id="asset-readings" title={title}>
      <Stack gap="md">
        <Group gap="xs" align="baseline">
          <Text fz={28} fw={700} lh={1.1}>
            {current !== null ? unit(current) : '—'}
          </Text>
          <Text size="sm" c="dimmed">
            {current !== null ? t('assets.readings.latest') : t('assets.readings.none')}
          </Text>
        </Group>

        {can('assets:write') ? (
          <form onSubmit={submit} noValidate>
            <Stack gap="sm">
              <Group align="flex-end" gap="sm" wrap="wrap">
                <NumberInput
                  label={isVehicle ? t('assets.readings.newOdometer') : t('assets.readings.newHourMeter')}
                  {...readingBox}
                  style={{ flex: '1 1 10rem' }}
                  {...form.getInputProps('value')}
                />
                <Button type="submit" loading={add.isPending}>
                  {t('assets.readings.add')}
                </Button>
              </Group>
              {lower ? (
                <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
                  <Stack gap="xs">
                    <span>{lower}</span>
                    <Checkbox
                      label={t('assets.readings.asCorrection')}
                      {...form.getInputProps('correction', { type: 'checkbox' })}
                    />
                    {form.values.correction ? (
                      <Textarea
                        label={t('assets.readings.reason')}
                        required
                        autosize
                        minRows={2}
                        maxLength={500}
                        {...form.getInputProps('reason')}
                      />
                    ) : null}
                  </Stack>
                </Alert>
              ) : null}
              {otherError ? (
                <Alert color="red" variant="light" role="alert">
                  {errorMessage(add.error)}
                </Alert>
              ) : null}
            </Stack>
          </form>
        ) : null}

        <QueryStatus query={readings} rows={3} />
        {readings.data && readings.data.length === 0 ? (
          <Empty icon={<IconGauge size={28} aria-hidden />} title={t('assets.readings.none')} />
        ) : null}
        {readings.data && readings.data.length > 0 ? (
          <>
            <Table.ScrollContainer minWidth={280} mah={320} visibleFrom="sm">
              <Table verticalSpacing={6} stickyHeader aria-label={t('assets.readings.listLabel')}>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('assets.readings.when')}</Table.Th>
                    <Table.Th ta="right">{t('assets.readings.value')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {readings.data.map((reading) => (
                    <Table.Tr key={reading.id}>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {format.dateTime(reading.readAt)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {reading.actorName ?? sourceLabel(reading.source)}
                        </Text>
                      </Table.Td>
                      <Table.Td ta="right">
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {unit(reading.value)}
                        </Text>
                        {reading.correction ? (
                          <Stack gap={2} align="flex-end">
                            <Badge
                              size="xs"
                              color="orange"
                              variant="light"
                              style={{ minWidth: 'max-content' }}
                            >
                              {t('assets.readings.correction')}
                            </Badge>
                            {reading.reason ? (
                              <Text size="xs" c="dimmed">
                                {reading.reason}
                              </Text>
                            ) : null}
                          </Stack>
                        ) : null}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Stack gap="xs" hiddenFrom="sm">
              {readings.data.slice(0, 20).map((reading) => (
                <Card key={reading.id} withBorder padding="xs">
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600}>
                      {unit(reading.value)}
                    </Text>
                    {reading.correction ? (
                      <Badge size="xs" color="orange" variant="light">
                        {t('assets.readings.correction')}
                      </Badge>
                    ) : null}
                  </Group>
                  <Text size="xs" c="dimmed">
                    {format.dateTime(reading.readAt)}
                    {reading.actorName ? ` · ${reading.actorName}` : ''}
                  </Text>
                  {reading.correction && reading.reason ? (
                    <Text size="xs" c="dimmed">
                      {reading.reason}
                    </Text>
                  ) : null}
                </Card>
              ))}
            </Stack>
          </>
        ) : null}
      </Stack>
    </Panel>
  );
}
