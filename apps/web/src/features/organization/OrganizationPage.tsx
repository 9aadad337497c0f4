import {
  type Address,
  CURRENCIES,
  formatCnpj,
  LOCALES,
  type Locale,
  type Organization,
  type OrganizationUpdate,
  OrganizationUpdateSchema,
  STAFF_ROLES,
  type StaffRole,
  VERTICALS,
  type Vertical,
} from '@bancada/shared';
import {
  Alert,
  Autocomplete,
  Badge,
  Button,
  Grid,
  Group,
  List,
  MultiSelect,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { TimeInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconAlertCircle, IconBuildingStore, IconEye } from '@tabler/icons-react';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage, type Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { maskCep, maskCnpj } from '../../app/masks';
import { notifySuccess } from '../../app/notify';
import { BRAZILIAN_STATES, COUNTRIES } from '../../app/places';
import { useBranches, useOrganization, useUpdateOrganization } from './api';
import {
  type BillingSettingsValues,
  OrganizationBillingSection,
  pixKeyError,
} from './OrganizationBillingSection';

interface OrganizationValues extends BillingSettingsValues {
  name: string;
  document: string;
  address: Address;
  currency: Organization['currency'];
  locale: Locale;
  vertical: Vertical;
  publicUrl: string;
  timeZone: string;
  twoFactorRoles: StaffRole[];
  quietStart: string;
  quietEnd: string;
}

// the zones this browser knows, the shop's current one included even if it does not
const TIME_ZONES: string[] = Intl.supportedValuesOf('timeZone');

function toValues(org: Organization): OrganizationValues {
  return {
    name: org.name,
    document: org.document ? formatCnpj(org.document) : '',
    address: {
      ...org.address,
      postalCode: org.address.country === 'BR' ? maskCep(org.address.postalCode) : org.address.postalCode,
    },
    currency: org.currency,
    locale: org.locale,
    vertical: org.vertical,
    publicUrl: org.publicUrl ?? '',
    timeZone: org.timeZone,
    pixKeyType: org.pixKeyType,
    pixKey: org.pixKey ?? '',
    invoiceDueDays: org.invoiceDueDays,
    paymentTerms: org.paymentTerms ?? '',
    deliveryBalancePolicy: org.deliveryBalancePolicy,
    twoFactorRoles: org.twoFactorRoles,
    quietStart: org.quietStart,
    quietEnd: org.quietEnd,
  };
}

/** The form's values as the update schema reads them (an empty text clears the setting). */
function toUpdate(values: Partial<OrganizationValues>): Record<string, unknown> {
  const update: Record<string, unknown> = { ...values };
  if ('paymentTerms' in values) update.paymentTerms = values.paymentTerms?.trim() || null;
  if ('invoiceDueDays' in values)
    update.invoiceDueDays = values.invoiceDueDays === '' ? Number.NaN : Number(values.invoiceDueDays);
  if ('pixKey' in values) update.pixKey = values.pixKey?.trim() ? values.pixKey : null;
  return update;
}

function changedFields(initial: OrganizationValues, values: OrganizationValues): OrganizationUpdate {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(values) as (keyof OrganizationValues)[]) {
    if (JSON.stringify(initial[key]) !== JSON.stringify(values[key])) changes[key] = values[key];
  }
  // the key is validated by its type: the two travel together
  if ('pixKey' in changes || 'pixKeyType' in changes) {
    changes.pixKey = values.pixKey;
    changes.pixKeyType = values.pixKeyType;
  }
  return parseWith(OrganizationUpdateSchema, toUpdate(changes as Partial<OrganizationValues>));
}

export function OrganizationPage() {
  const { t } = useTranslation();
  const organization = useOrganization();
  return (
    <>
      <PageHeader title={t('nav.organization')} description={t('organization.description')} />
      <Stack gap="xl">
        <QueryStatus query={organization} rows={8} />
        {organization.data ? (
          <OrganizationForm resource={organization.data} onReload={() => void organization.refetch()} />
        ) : null}
        <BranchesList />
      </Stack>
    </>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h4" mb="md" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function OrganizationForm({
  resource,
  onReload,
}: {
  resource: Versioned<Organization>;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { can, me } = useAuth();
  const readOnly = !can('organization:manage');
  const update = useUpdateOrganization();
  const [conflict, setConflict] = useState<ApiError | null>(null);
  const org = resource.data;
  const form = useForm<OrganizationValues>({
    initialValues: toValues(org),
    validate: (values) => {
      const errors = zodResolver<OrganizationValues>(OrganizationUpdateSchema, { prepare: toUpdate })(values);
      // the key's own problem for its type ("CPF inválido") rather than the schema's general one
      const pixKey = pixKeyError(values, t);
      return pixKey ? { ...errors, pixKey } : errors;
    },
  });

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new version resets the form
  useEffect(() => {
    form.setInitialValues(toValues(org));
    form.setValues(toValues(org));
    form.resetDirty(toValues(org));
  }, [org.version]);

  const isBrazil = form.values.address.country === 'BR';
  const countries = COUNTRIES.includes(form.values.address.country)
    ? COUNTRIES
    : [...COUNTRIES, form.values.address.country];

  const submit = form.onSubmit((values) => {
    const body = changedFields(form.getInitialValues(), values);
    if (Object.keys(body).length === 0) {
      notifySuccess(t('common.nothingToSave'));
      return;
    }
    setConflict(null);
    update.mutate(
      { etag: resource.etag, body },
      {
        onSuccess: () => notifySuccess(t('organization.saved')),
        onError: (error) => {
          if (error instanceof ApiError && (error.status === 409 || error.status === 412)) setConflict(error);
          else applyServerErrors(form.setErrors, error);
        },
      },
    );
  });

  const otherError =
    update.isError && !conflict && !(update.error instanceof ApiError && update.error.status === 400);

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        {readOnly ? (
          <Alert color="gray" variant="light" icon={<IconEye aria-hidden />}>
            {t('organization.readOnly')}
          </Alert>
        ) : null}
        {conflict ? (
          <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            <Stack gap="xs" align="flex-start">
              <span>{conflict.message}</span>
              <Button
                size="xs"
                variant="light"
                color="orange"
                onClick={() => {
                  setConflict(null);
                  onReload();
                }}
              >
                {t('common.reloadLatest')}
              </Button>
            </Stack>
          </Alert>
        ) : null}
        {otherError ? (
          <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} role="alert">
            {errorMessage(update.error)}
          </Alert>
        ) : null}

        <Section id="org-identification" title={t('organization.sections.identification')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <TextInput
              label={t('organization.fields.name')}
              required
              maxLength={120}
              disabled={readOnly}
              {...form.getInputProps('name')}
            />
            <TextInput
              label={t('organization.fields.document')}
              placeholder="00.000.000/0000-00"
              description={t('organization.documentHint')}
              maxLength={18}
              autoCapitalize="characters"
              disabled={readOnly}
              {...form.getInputProps('document')}
              onChange={(event) => form.setFieldValue('document', maskCnpj(event.currentTarget.value))}
            />
          </SimpleGrid>
        </Section>

        <Section id="org-address" title={t('organization.sections.address')}>
          <Grid gap="md">
            <Grid.Col span={{ base: 12, sm: 8 }}>
              <TextInput
                label={t('organization.fields.street')}
                maxLength={160}
                disabled={readOnly}
                {...form.getInputProps('address.street')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('organization.fields.number')}
                maxLength={20}
                disabled={readOnly}
                {...form.getInputProps('address.number')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('organization.fields.complement')}
                maxLength={80}
                disabled={readOnly}
                {...form.getInputProps('address.complement')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('organization.fields.neighborhood')}
                maxLength={80}
                disabled={readOnly}
                {...form.getInputProps('address.neighborhood')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <TextInput
                label={t('organization.fields.city')}
                maxLength={80}
                disabled={readOnly}
                {...form.getInputProps('address.city')}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, xs: 6, sm: 2 }}>
              {isBrazil ? (
                <Autocomplete
                  label={t('organization.fields.state')}
                  data={BRAZILIAN_STATES}
                  maxLength={40}
                  disabled={readOnly}
                  {...form.getInputProps('address.state')}
                />
              ) : (
                <TextInput
                  label={t('organization.fields.state')}
                  maxLength={40}
                  disabled={readOnly}
                  {...form.getInputProps('address.state')}
                />
              )}
            </Grid.Col>
            <Grid.Col span={{ base: 12, xs: 6, sm: 4 }}>
              <TextInput
                label={isBrazil ? t('organization.fields.cep') : t('organization.fields.postalCode')}
                placeholder={isBrazil ? '00000-000' : undefined}
                inputMode={isBrazil ? 'numeric' : undefined}
                maxLength={isBrazil ? 9 : 20}
                disabled={readOnly}
                {...form.getInputProps('address.postalCode')}
                onChange={(event) =>
                  form.setFieldValue(
                    'address.postalCode',
                    isBrazil ? maskCep(event.currentTarget.value) : event.currentTarget.value,
                  )
                }
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 6 }}>
              <Select
                label={t('organization.fields.country')}
                data={countries.map((code) => ({ value: code, label: format.regionName(code) }))}
                searchable
                allowDeselect={false}
                disabled={readOnly}
                {...form.getInputProps('address.country')}
              />
            </Grid.Col>
          </Grid>
        </Section>

        <Section id="org-preferences" title={t('organization.sections.preferences')}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Select
              label={t('organization.fields.currency')}
              data={CURRENCIES.map((code) => ({
                value: code,
                label: `${code} · ${format.currencyName(code)}`,
              }))}
              allowDeselect={false}
              disabled={readOnly}
              {...form.getInputProps('currency')}
            />
            <Select
              label={t('organization.fields.locale')}
              description={t('organization.localeHint')}
              data={LOCALES.map((locale) => ({ value: locale, label: t(`language.names.${locale}`) }))}
              allowDeselect={false}
              disabled={readOnly}
              {...form.getInputProps('locale')}
            />
            <Select
              label={t('organization.fields.vertical')}
              description={t('organization.verticalHint')}
              data={VERTICALS.map((vertical) => ({ value: vertical, label: t(`verticals.${vertical}`) }))}
              allowDeselect={false}
              disabled={readOnly}
              {...form.getInputProps('vertical')}
            />
          </SimpleGrid>
        </Section>

        <Section id="org-links" title={t('organization.sections.links')}>
          <Stack gap="md">
            {me.organization.customerLinksReachable ? null : (
              <Alert color="orange" variant="light" icon={<IconAlertCircle aria-hidden />}>
                {t('organization.linksUnreachable')}
              </Alert>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
              <TextInput
                label={t('organization.fields.publicUrl')}
                description={t('organization.publicUrlHint')}
                placeholder="https://"
                type="url"
                inputMode="url"
                maxLength={300}
                disabled={readOnly}
                {...form.getInputProps('publicUrl')}
              />
              <Select
                label={t('organization.fields.timeZone')}
                description={t('organization.timeZoneHint')}
                data={
                  TIME_ZONES.includes(form.values.timeZone)
                    ? TIME_ZONES
                    : [form.values.timeZone, ...TIME_ZONES]
                }
                searchable
                limit={50}
                allowDeselect={false}
                disabled={readOnly}
                {...form.getInputProps('timeZone')}
              />
              <TimeInput
                label={t('communication.organization.quietStart')}
                description={t('communication.organization.quietHint')}
                disabled={readOnly}
                {...form.getInputProps('quietStart')}
              />
              <TimeInput
                label={t('communication.organization.quietEnd')}
                disabled={readOnly}
                style={{ alignSelf: 'end' }}
                {...form.getInputProps('quietEnd')}
              />
            </SimpleGrid>
          </Stack>
        </Section>

        <OrganizationBillingSection form={form} readOnly={readOnly} />

        <Section id="org-two-factor" title={t('organization.twoFactor.section')}>
          <MultiSelect
            label={t('organization.twoFactor.label')}
            description={t('organization.twoFactor.hint')}
            data={STAFF_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
            disabled={readOnly}
            clearable
            {...form.getInputProps('twoFactorRoles')}
          />
        </Section>

        <Group justify="space-between" gap="sm">
          <Text size="xs" c="dimmed">
            {t('organization.updatedAt', { time: format.dateTime(org.updatedAt) })}
          </Text>
          {readOnly ? null : (
            <Group gap="xs">
              <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
                {t('common.discard')}
              </Button>
              <Button type="submit" loading={update.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function BranchesList() {
  const { t } = useTranslation();
  const branches = useBranches();
  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="branches-title"
    >
      <Title order={2} fz="h4" mb="md" id="branches-title">
        {t('organization.branches.title')}
      </Title>
      <QueryStatus query={branches} rows={2} />
      {branches.data && branches.data.length === 0 ? (
        <Empty icon={<IconBuildingStore size={28} aria-hidden />} title={t('organization.branches.empty')} />
      ) : null}
      {branches.data && branches.data.length > 0 ? (
        <List spacing="xs" listStyleType="none" icon={<IconBuildingStore size={18} aria-hidden />} center>
          {branches.data.map((branch) => (
            <List.Item key={branch.id}>
              <Group gap="xs">
                <Text size="sm">{branch.name}</Text>
                {branch.isDefault ? (
                  <Badge size="sm" variant="light">
                    {t('organization.branches.default')}
                  </Badge>
                ) : null}
              </Group>
            </List.Item>
          ))}
        </List>
      ) : null}
    </Paper>
  );
}
