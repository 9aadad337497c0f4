import {
  DiscountTooLargeDetailsSchema,
  REPAIR_PRIORITIES,
  ReadingBelowPreviousDetailsSchema,
  SERVICE_TYPES,
} from '@bancada/shared';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Divider,
  Grid,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconAlertTriangle } from '@tabler/icons-react';
import { type ReactNode, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { useShopTimeZone } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { applyServerErrors } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useOrganizationCurrency } from '../organization/api';
import { useCreateRepair, useTechnicianOptions } from './api';
import { useDateInputFormat, useMoneyInputProps } from './display';
import { CustomerPicker, RepairObjectSection } from './RepairFormSections';
import { PartsEditor, ServiceLinesEditor } from './RepairLinesEditor';
import {
  createBody,
  emptyRepair,
  newIdempotencyKey,
  previewTotals,
  type RepairValues,
  shortageOf,
  todayIso,
  validateRepair,
} from './repair-form';

function scrollToFirstError() {
  // after the errors have rendered
  requestAnimationFrame(() => {
    const field = document.querySelector<HTMLElement>('[aria-invalid="true"], [data-part-error="true"]');
    field?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    // a searchable picker opens its list on focus, over the very message the user must read
    if (field?.getAttribute('aria-haspopup') !== 'listbox') field?.focus({ preventScroll: true });
  });
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-label={title}>
      <Title order={2} fz="h4" mb="md">
        {title}
      </Title>
      {children}
    </Card>
  );
}

export function RepairCreatePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const currency = useOrganizationCurrency();
  // the days picked are days on the shop's calendar
  const timeZone = useShopTimeZone();
  const money = useMoneyInputProps(currency);
  const dateFormat = useDateInputFormat();
  const create = useCreateRepair();
  const technicians = useTechnicianOptions();
  // one key per submission; the very same body sent again (a retry) keeps it
  const attempt = useRef<{ key: string; body: string } | null>(null);
  const [errorOnFields, setErrorOnFields] = useState(false);

  const form = useForm<RepairValues>({
    initialValues: emptyRepair(timeZone),
    validate: validateRepair,
  });
  const totals = previewTotals(form.values);
  const today = todayIso(timeZone);

  const submit = form.onSubmit(
    (values) => {
      const body = createBody(values);
      const json = JSON.stringify(body);
      if (attempt.current?.body !== json) attempt.current = { key: newIdempotencyKey(), body: json };
      setErrorOnFields(false);
      create.mutate(
        { body, idempotencyKey: attempt.current.key },
        {
          onSuccess: (repair) => {
            notifySuccess(t('repairForm.created', { number: repair.number }));
            navigate(`/repairs/${repair.id}`, { replace: true });
          },
          onError: (error) => {
            const stock = shortageOf(error);
            if (stock) {
              const index = values.parts.findIndex((part) => part.componentId === stock.componentId);
              if (index >= 0) {
                form.setFieldError(
                  `parts.${index}.quantity`,
                  t('repairForm.parts.insufficient', {
                    requested: format.number(stock.requested),
                    available: format.number(stock.available),
                  }),
                );
                setErrorOnFields(true);
                scrollToFirstError();
                return;
              }
            }
            // a reading lower than the asset's last one (422, details { value, previous })
            if (
              error instanceof ApiError &&
              error.status === 422 &&
              error.detailsAs(ReadingBelowPreviousDetailsSchema)
            ) {
              form.setFieldError(values.odometerKm !== '' ? 'odometerKm' : 'hourMeter', error.message);
              setErrorOnFields(true);
              scrollToFirstError();
              return;
            }
            // a discount larger than the sum (422, details { discount, subtotal }) belongs to its box
            if (
              error instanceof ApiError &&
              error.status === 422 &&
              error.detailsAs(DiscountTooLargeDetailsSchema)
            ) {
              form.setFieldError('discount', error.message);
              setErrorOnFields(true);
              scrollToFirstError();
              return;
            }
            if (applyServerErrors(form.setErrors, error, [400, 422])) {
              setErrorOnFields(true);
              scrollToFirstError();
            }
          },
        },
      );
    },
    () => scrollToFirstError(),
  );

  const showAlert = create.isError && !errorOnFields;

  return (
    <>
      <PageHeader title={t('repairForm.title')} description={t('repairForm.description')} />
      <form onSubmit={submit} noValidate>
        <Grid gap="lg" maw={1280}>
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="lg">
              <Section title={t('repairForm.sections.customer')}>
                <CustomerPicker form={form} initialCustomerId={params.get('customerId')} />
              </Section>

              <Section title={t('repairForm.sections.object')}>
                <RepairObjectSection form={form} currency={currency} />
              </Section>

              <Section title={t('repairForm.sections.intake')}>
                <Stack gap="md">
                  <Textarea
                    label={t('repairForm.fields.serviceDescription')}
                    placeholder={t('repairForm.fields.serviceDescriptionPlaceholder')}
                    autosize
                    minRows={3}
                    maxLength={5000}
                    {...form.getInputProps('serviceDescription')}
                  />
                  <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
                    <Select
                      label={t('repairShared.fields.serviceType')}
                      data={SERVICE_TYPES.map((value) => ({
                        value,
                        label: t(`repairVocab.serviceTypes.${value}`),
                      }))}
                      allowDeselect={false}
                      {...form.getInputProps('serviceType')}
                    />
                    <Select
                      label={t('repairShared.fields.priority')}
                      data={REPAIR_PRIORITIES.map((value) => ({
                        value,
                        label: t(`repairVocab.priorities.${value}`),
                      }))}
                      allowDeselect={false}
                      {...form.getInputProps('priority')}
                    />
                    <DateInput
                      label={t('repairShared.fields.receivedAt')}
                      required
                      {...dateFormat}
                      maxDate={today}
                      {...form.getInputProps('receivedAt')}
                    />
                    <DateInput
                      label={t('repairShared.fields.deadline')}
                      {...dateFormat}
                      minDate={form.values.receivedAt ?? undefined}
                      clearable
                      {...form.getInputProps('deadline')}
                    />
                    {technicians.data && technicians.data.length > 0 ? (
                      <Select
                        label={t('repairForm.fields.technician')}
                        placeholder={t('repairShared.unassigned')}
                        data={technicians.data}
                        searchable
                        clearable
                        {...form.getInputProps('technicianId')}
                      />
                    ) : null}
                  </SimpleGrid>
                  <Textarea
                    label={t('repairForm.fields.condition')}
                    placeholder={t('repairForm.fields.conditionPlaceholder')}
                    autosize
                    minRows={2}
                    maxLength={2000}
                    {...form.getInputProps('condition')}
                  />
                  <TagsInput
                    label={t('repairForm.fields.accessories')}
                    description={t('repairForm.fields.accessoriesHint')}
                    maxTags={50}
                    clearable
                    {...form.getInputProps('accessories')}
                  />
                  <Textarea
                    label={t('repairForm.fields.notes')}
                    placeholder={t('repairForm.fields.notesPlaceholder')}
                    autosize
                    minRows={2}
                    maxLength={5000}
                    {...form.getInputProps('notes')}
                  />
                </Stack>
              </Section>

              <Section title={t('repairForm.sections.services')}>
                <ServiceLinesEditor form={form} currency={currency} />
              </Section>

              <Section title={t('repairForm.sections.parts')}>
                <PartsEditor form={form} currency={currency} lineTotals={totals.partLines} />
              </Section>
            </Stack>
          </Grid.Col>

          <Grid.Col span={{ base: 12, md: 4 }}>
            <Card
              withBorder
              padding="lg"
              radius="md"
              component="section"
              aria-label={t('repairForm.sections.summary')}
              style={{ position: 'sticky', top: 'calc(var(--app-shell-header-height, 60px) + 1rem)' }}
            >
              <Stack gap="sm">
                <Title order={2} fz="h4">
                  {t('repairForm.sections.summary')}
                </Title>
                <TotalRow
                  label={t('repairForm.totals.parts')}
                  value={format.money(totals.partsTotal, currency)}
                />
                <TotalRow
                  label={t('repairForm.totals.labor')}
                  value={format.money(totals.laborValue, currency)}
                />
                <NumberInput
                  label={t('repairForm.fields.discount')}
                  {...money}
                  {...form.getInputProps('discount')}
                />
                {totals.discountTooLarge && !form.errors.discount ? (
                  <Group gap={6} wrap="nowrap">
                    <IconAlertTriangle size={16} color="var(--mantine-color-orange-7)" aria-hidden />
                    <Text size="xs" c="orange.8">
                      {t('repairForm.totals.discountTooLarge')}
                    </Text>
                  </Group>
                ) : null}
                <Divider />
                <Group justify="space-between" align="baseline">
                  <Text fw={600}>{t('repairForm.totals.total')}</Text>
                  <Text fw={700} fz="xl" data-testid="total-preview">
                    {format.money(totals.totalValue, currency)}
                  </Text>
                </Group>
                <Text size="xs" c="dimmed">
                  {t('repairForm.totals.hint')}
                </Text>
                <Divider />
                <TextInput label={t('repairForm.fields.nf')} maxLength={60} {...form.getInputProps('nf')} />
                <Checkbox
                  label={t('repairForm.fields.returnGuarantee')}
                  {...form.getInputProps('returnGuarantee', { type: 'checkbox' })}
                />
                <Checkbox
                  label={t('repairForm.fields.fabricGuarantee')}
                  {...form.getInputProps('fabricGuarantee', { type: 'checkbox' })}
                />
                {showAlert ? (
                  <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
                    {errorMessage(create.error)}
                  </Alert>
                ) : null}
                <Group justify="flex-end" gap="xs" mt="xs">
                  <Button variant="default" component={Link} to="/repairs">
                    {t('common.cancel')}
                  </Button>
                  <Button type="submit" loading={create.isPending}>
                    {t('repairForm.submit')}
                  </Button>
                </Group>
              </Stack>
            </Card>
          </Grid.Col>
        </Grid>
      </form>
    </>
  );
}

function TotalRow({ label, value }: { label: string; value: string }) {
  return (
    <Group justify="space-between" gap="xs">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </Group>
  );
}
