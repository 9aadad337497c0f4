import {
  CONSENT_SOURCES,
  CONTACT_CHANNELS,
  type DocumentType,
  LOCALES,
  PHONE_LABELS,
  REMINDER_FREQUENCIES,
} from '@bancada/shared';
import {
  ActionIcon,
  Button,
  Checkbox,
  Grid,
  Group,
  Input,
  Paper,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconBuilding, IconPlus, IconTrash, IconUser } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { DOCUMENT_PLACEHOLDERS, maskCep, maskDocument, maskPhone } from '../../app/masks';
import { BRAZILIAN_STATES, COUNTRIES } from '../../app/places';
import { type CustomerValues, emptyAddress } from './customer-form';

/** the channels of transactional consent; marketing on each is its own ledger purpose (issue 14 §6) */
const TRANSACTIONAL_CHANNELS = ['email', 'sms', 'whatsapp'] as const;

/** Which country issues each document type; the select groups them so. */
const DOCUMENT_GROUPS: { country: string | null; types: DocumentType[] }[] = [
  { country: 'BR', types: ['CPF', 'CNPJ'] },
  { country: 'CL', types: ['RUT'] },
  { country: 'PE', types: ['RUC', 'DNI'] },
  { country: 'CO', types: ['NIT'] },
  { country: null, types: ['OTHER'] },
];

export function FormSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h5" mb="md" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

interface Props {
  form: UseFormReturnType<CustomerValues>;
  /** prefix for the section ids, so a drawer over the page does not repeat them */
  idPrefix: string;
}

export function CustomerFormFields({ form, idPrefix }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { values } = form;
  const isCompany = values.kind === 'company';
  const id = (name: string) => `${idPrefix}-${name}`;

  const setKind = (kind: CustomerValues['kind']) => {
    form.setFieldValue('kind', kind);
    // a blank document follows the kind: CPF for people, CNPJ for companies
    if (values.document.trim() === '') {
      if (kind === 'company' && values.documentType === 'CPF') form.setFieldValue('documentType', 'CNPJ');
      if (kind === 'person' && values.documentType === 'CNPJ') form.setFieldValue('documentType', 'CPF');
    }
  };

  const setDocumentType = (type: DocumentType) => {
    form.setFieldValue('documentType', type);
    form.setFieldValue('document', maskDocument(type, values.document));
  };

  const documentTypeData = DOCUMENT_GROUPS.map((group) => ({
    group: group.country ? format.regionName(group.country) : t('customers.documentTypes.otherGroup'),
    items: group.types.map((type) => ({ value: type, label: t(`customers.documentTypes.${type}`) })),
  }));

  return (
    <Stack gap="lg">
      <FormSection id={id('identification')} title={t('customers.sections.identification')}>
        <Stack gap="md">
          <Input.Wrapper label={t('customers.fields.kind')} id={id('kind-label')}>
            <SegmentedControl
              fullWidth
              aria-labelledby={id('kind-label')}
              value={values.kind}
              onChange={(value) => setKind(value as CustomerValues['kind'])}
              data={[
                {
                  value: 'person',
                  label: (
                    <Group gap={6} justify="center" wrap="nowrap">
                      <IconUser size={16} aria-hidden />
                      <span>{t('customers.kinds.person')}</span>
                    </Group>
                  ),
                },
                {
                  value: 'company',
                  label: (
                    <Group gap={6} justify="center" wrap="nowrap">
                      <IconBuilding size={16} aria-hidden />
                      <span>{t('customers.kinds.company')}</span>
                    </Group>
                  ),
                },
              ]}
            />
          </Input.Wrapper>
          <SimpleGrid cols={{ base: 1, sm: isCompany ? 2 : 1 }} spacing="md">
            <TextInput
              label={isCompany ? t('customers.fields.legalName') : t('customers.fields.fullName')}
              required
              maxLength={160}
              data-autofocus
              {...form.getInputProps('name')}
            />
            {isCompany ? (
              <TextInput
                label={t('customers.fields.tradeName')}
                maxLength={160}
                {...form.getInputProps('tradeName')}
              />
            ) : null}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label={t('customers.fields.documentType')}
              data={documentTypeData}
              allowDeselect={false}
              value={values.documentType}
              onChange={(value) => value && setDocumentType(value as DocumentType)}
            />
            <TextInput
              label={values.documentType === 'OTHER' ? t('customers.fields.document') : values.documentType}
              placeholder={DOCUMENT_PLACEHOLDERS[values.documentType] || undefined}
              description={values.documentType === 'CNPJ' ? t('customers.cnpjHint') : undefined}
              inputMode={['CPF', 'RUC', 'DNI', 'NIT'].includes(values.documentType) ? 'numeric' : undefined}
              autoCapitalize="characters"
              maxLength={30}
              {...form.getInputProps('document')}
              onChange={(event) =>
                form.setFieldValue('document', maskDocument(values.documentType, event.currentTarget.value))
              }
            />
          </SimpleGrid>
        </Stack>
      </FormSection>

      <FormSection id={id('contact')} title={t('customers.sections.contact')}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" style={{ alignItems: 'end' }}>
            <TextInput
              label={t('customers.fields.phone')}
              placeholder="(00) 00000-0000"
              description={t('customers.phoneHint')}
              type="tel"
              inputMode="tel"
              maxLength={20}
              {...form.getInputProps('phone')}
              onChange={(event) => form.setFieldValue('phone', maskPhone(event.currentTarget.value))}
            />
            <TextInput
              label={t('customers.fields.email')}
              type="email"
              maxLength={254}
              autoComplete="off"
              {...form.getInputProps('email')}
            />
          </SimpleGrid>

          {values.phones.map((_phone, index) => (
            <Grid key={`phone-${index.toString()}`} gap="sm" align="flex-end">
              <Grid.Col span={{ base: 12, xs: 4 }}>
                <Select
                  label={t('customers.fields.phoneLabel')}
                  data={PHONE_LABELS.map((value) => ({ value, label: t(`customers.phoneLabels.${value}`) }))}
                  allowDeselect={false}
                  {...form.getInputProps(`phones.${index}.label`)}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 10, xs: 7 }}>
                <TextInput
                  label={t('customers.fields.otherPhone', { n: index + 2 })}
                  placeholder="(00) 00000-0000"
                  type="tel"
                  inputMode="tel"
                  maxLength={20}
                  {...form.getInputProps(`phones.${index}.number`)}
                  onChange={(event) =>
                    form.setFieldValue(`phones.${index}.number`, maskPhone(event.currentTarget.value))
                  }
                />
              </Grid.Col>
              <Grid.Col span={{ base: 2, xs: 1 }}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  mb={2}
                  onClick={() => form.removeListItem('phones', index)}
                  aria-label={t('customers.removePhone', { n: index + 2 })}
                >
                  <IconTrash size={18} aria-hidden />
                </ActionIcon>
              </Grid.Col>
            </Grid>
          ))}
          {values.phones.length < 10 ? (
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => form.insertListItem('phones', { label: 'mobile', number: '' })}
              >
                {t('customers.addPhone')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </FormSection>

      <FormSection id={id('addresses')} title={t('customers.sections.addresses')}>
        <Stack gap="md">
          {values.addresses.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('customers.noAddress')}
            </Text>
          ) : null}
          {values.addresses.map((address, index) => {
            const isBrazil = address.country === 'BR';
            const path = `addresses.${index}` as const;
            const countries = COUNTRIES.includes(address.country)
              ? COUNTRIES
              : [...COUNTRIES, address.country];
            return (
              <Paper key={`address-${index.toString()}`} withBorder={values.addresses.length > 1} p={0}>
                <Stack gap="sm" p={values.addresses.length > 1 ? 'sm' : 0}>
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600}>
                      {t('customers.addressN', { n: index + 1 })}
                    </Text>
                    <Button
                      variant="subtle"
                      color="red"
                      size="compact-sm"
                      leftSection={<IconTrash size={14} aria-hidden />}
                      onClick={() => form.removeListItem('addresses', index)}
                    >
                      {t('customers.removeAddress')}
                    </Button>
                  </Group>
                  <Grid gap="md" align="flex-end">
                    <Grid.Col span={{ base: 12, sm: 3 }}>
                      <TextInput
                        label={isBrazil ? t('customers.fields.cep') : t('customers.fields.postalCode')}
                        placeholder={isBrazil ? '00000-000' : undefined}
                        inputMode={isBrazil ? 'numeric' : undefined}
                        maxLength={isBrazil ? 9 : 12}
                        {...form.getInputProps(`${path}.postalCode`)}
                        onChange={(event) =>
                          form.setFieldValue(
                            `${path}.postalCode`,
                            isBrazil ? maskCep(event.currentTarget.value) : event.currentTarget.value,
                          )
                        }
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <TextInput
                        label={t('customers.fields.street')}
                        maxLength={160}
                        {...form.getInputProps(`${path}.street`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 3 }}>
                      <TextInput
                        label={t('customers.fields.number')}
                        maxLength={20}
                        {...form.getInputProps(`${path}.number`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 4 }}>
                      <TextInput
                        label={t('customers.fields.complement')}
                        maxLength={80}
                        {...form.getInputProps(`${path}.complement`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 4 }}>
                      <TextInput
                        label={t('customers.fields.neighborhood')}
                        maxLength={80}
                        {...form.getInputProps(`${path}.neighborhood`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 4 }}>
                      <TextInput
                        label={t('customers.fields.city')}
                        maxLength={80}
                        {...form.getInputProps(`${path}.city`)}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 6, sm: 3 }}>
                      {isBrazil ? (
                        <Select
                          label={t('customers.fields.state')}
                          data={BRAZILIAN_STATES}
                          searchable
                          clearable
                          {...form.getInputProps(`${path}.state`)}
                          value={address.state || null}
                          onChange={(value) => form.setFieldValue(`${path}.state`, value ?? '')}
                        />
                      ) : (
                        <TextInput
                          label={t('customers.fields.state')}
                          maxLength={40}
                          {...form.getInputProps(`${path}.state`)}
                        />
                      )}
                    </Grid.Col>
                    <Grid.Col span={{ base: 6, sm: 3 }}>
                      <TextInput
                        label={t('customers.fields.ibgeCode')}
                        description={t('customers.ibgeHint')}
                        inputMode="numeric"
                        maxLength={7}
                        {...form.getInputProps(`${path}.ibgeCode`)}
                        onChange={(event) =>
                          form.setFieldValue(
                            `${path}.ibgeCode`,
                            event.currentTarget.value.replace(/\D+/g, ''),
                          )
                        }
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Select
                        label={t('customers.fields.country')}
                        data={countries.map((code) => ({ value: code, label: format.regionName(code) }))}
                        searchable
                        allowDeselect={false}
                        {...form.getInputProps(`${path}.country`)}
                      />
                    </Grid.Col>
                  </Grid>
                </Stack>
              </Paper>
            );
          })}
          {values.addresses.length < 10 ? (
            <Group>
              <Button
                variant="subtle"
                size="compact-sm"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() =>
                  form.insertListItem('addresses', emptyAddress(values.addresses.at(-1)?.country ?? 'BR'))
                }
              >
                {t('customers.addAddress')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </FormSection>

      <FormSection id={id('preferences')} title={t('customers.sections.preferences')}>
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Select
              label={t('customers.fields.contactChannel')}
              placeholder={t('customers.noPreference')}
              data={CONTACT_CHANNELS.map((value) => ({
                value,
                label: t(`customers.contactChannels.${value}`),
              }))}
              clearable
              {...form.getInputProps('preferences.contactChannel')}
            />
            <Select
              label={t('customers.fields.reminderFrequency')}
              placeholder={t('customers.noPreference')}
              data={REMINDER_FREQUENCIES.map((value) => ({
                value,
                label: t(`customers.reminderFrequencies.${value}`),
              }))}
              clearable
              {...form.getInputProps('preferences.reminderFrequency')}
            />
            <Select
              label={t('customers.fields.messageLocale')}
              placeholder={t('customers.noPreference')}
              data={LOCALES.map((value) => ({ value, label: t(`language.names.${value}`) }))}
              clearable
              {...form.getInputProps('preferences.locale')}
            />
          </SimpleGrid>
          <Textarea
            label={t('customers.fields.preferenceNotes')}
            description={t('customers.preferenceNotesHint')}
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps('preferences.notes')}
          />
          <Textarea
            label={t('customers.fields.notes')}
            description={t('customers.notesHint')}
            autosize
            minRows={3}
            maxLength={10_000}
            {...form.getInputProps('notes')}
          />
        </Stack>
      </FormSection>

      <FormSection id={id('consents')} title={t('customers.sections.consents')}>
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            {t('customers.consentIntro')}
          </Text>
          <Group gap="lg">
            {TRANSACTIONAL_CHANNELS.map((channel) => (
              <Checkbox
                key={channel}
                label={t(`customers.consentChannels.${channel}`)}
                {...form.getInputProps(`consents.${channel}`, { type: 'checkbox' })}
              />
            ))}
          </Group>
          <Stack gap={4} role="group" aria-labelledby={id('marketing-consents')}>
            <Text size="sm" fw={500} id={id('marketing-consents')}>
              {t('engagement.consents.marketingTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('engagement.consents.marketingHint')}
            </Text>
            <Group gap="lg" mt={4}>
              {TRANSACTIONAL_CHANNELS.map((channel) => (
                <Checkbox
                  key={channel}
                  label={t(`customers.consentChannels.${channel}`)}
                  aria-label={`${t('engagement.consents.marketingTitle')}: ${t(`customers.consentChannels.${channel}`)}`}
                  {...form.getInputProps(`consents.marketing_${channel}`, { type: 'checkbox' })}
                />
              ))}
            </Group>
          </Stack>
          <Select
            label={t('customers.fields.consentSource')}
            data={CONSENT_SOURCES.filter((value) => value !== 'unsubscribe-link').map((value) => ({
              value,
              label: t(`customers.consentSources.${value}`),
            }))}
            allowDeselect={false}
            maw={{ sm: 320 }}
            {...form.getInputProps('consents.source')}
          />
        </Stack>
      </FormSection>
    </Stack>
  );
}
