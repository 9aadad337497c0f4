import {
  CONSENT_CHANNELS,
  CONTACT_CHANNELS,
  type Customer,
  CustomerUpdateSchema,
  REMINDER_FREQUENCIES,
} from '@bancada/shared';
import { Button, Grid, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Versioned } from '../../app/api';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { useVersionedEditForm } from '../../app/edit-form';
import { zodResolver } from '../../app/form';
import { maskCep, maskPhone } from '../../app/masks';
import { notifySuccess } from '../../app/notify';
import { CalendarFeedSection } from '../account/CalendarFeedSection';
import { useCustomer, useUpdateCustomer } from '../customers/api';
import {
  type ContactChannel,
  type ReminderFrequency,
  toCandidate,
  updateBody,
} from '../customers/customer-form';
import { PortalTitle } from './display';
import { PortalPrivacy } from './PortalPrivacy';
import { usePortalCustomerId } from './PortalShell';
import { portalValues } from './portal-forms';
import { PortalSection, SectionStatus } from './sections';

/** My data: name, phone, address, reminders and consents per channel; then privacy (LGPD). */
export function PortalAccountPage() {
  const { t } = useTranslation();
  const customerId = usePortalCustomerId();
  const customer = useCustomer(customerId);
  return (
    <Stack gap="md">
      <PortalTitle title={t('portal.account.title')} />
      {customer.data ? (
        <AccountForm resource={customer.data} onReload={() => void customer.refetch()} />
      ) : (
        <SectionStatus query={customer} rows={6} />
      )}
      {/* the customer's appointments in their own calendar app (issue 15 §1) */}
      <CalendarFeedSection />
      <PortalPrivacy />
    </Stack>
  );
}

function AccountForm({ resource, onReload }: { resource: Versioned<Customer>; onReload: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateCustomer(resource.data.id);
  const { form, submit } = useVersionedEditForm({
    resource,
    toValues: portalValues,
    validate: zodResolver(CustomerUpdateSchema, { prepare: toCandidate }),
    toBody: updateBody,
    update,
    onSaved: () => notifySuccess(t('portal.account.saved')),
    onClose: () => undefined,
  });
  const address = 'addresses.0';
  const isBrazil = form.values.addresses[0]?.country === 'BR';

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <SaveErrorAlert error={update.error} staleHint={t('portal.account.stale')} onReload={onReload} />
        <PortalSection id="portal-account-personal" title={t('portal.account.personal')}>
          <TextInput
            label={t('portal.account.name')}
            autoComplete="name"
            maxLength={160}
            withAsterisk
            {...form.getInputProps('name')}
          />
          <TextInput
            label={t('portal.account.phone')}
            description={t('portal.register.phoneHint')}
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            maxLength={20}
            {...form.getInputProps('phone')}
            onChange={(event) => form.setFieldValue('phone', maskPhone(event.currentTarget.value))}
          />
          <Text size="xs" c="dimmed">
            {t('portal.account.emailNote', { email: resource.data.email ?? '—' })}
          </Text>
        </PortalSection>
        <PortalSection id="portal-account-address" title={t('portal.account.address')}>
          <Grid gap="sm">
            <Grid.Col span={{ base: 12, xs: 5 }}>
              <TextInput
                label={t('portal.account.postalCode')}
                inputMode={isBrazil ? 'numeric' : 'text'}
                autoComplete="postal-code"
                maxLength={12}
                {...form.getInputProps(`${address}.postalCode`)}
                onChange={(event) =>
                  form.setFieldValue(
                    `${address}.postalCode`,
                    isBrazil ? maskCep(event.currentTarget.value) : event.currentTarget.value,
                  )
                }
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, xs: 7 }}>
              <TextInput
                label={t('portal.account.street')}
                autoComplete="address-line1"
                maxLength={160}
                {...form.getInputProps(`${address}.street`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 5, xs: 3 }}>
              <TextInput
                label={t('portal.account.number')}
                maxLength={20}
                {...form.getInputProps(`${address}.number`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 7, xs: 9 }}>
              <TextInput
                label={t('portal.account.complement')}
                autoComplete="address-line2"
                maxLength={80}
                {...form.getInputProps(`${address}.complement`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, xs: 5 }}>
              <TextInput
                label={t('portal.account.neighborhood')}
                maxLength={80}
                {...form.getInputProps(`${address}.neighborhood`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 8, xs: 5 }}>
              <TextInput
                label={t('portal.account.city')}
                autoComplete="address-level2"
                maxLength={80}
                {...form.getInputProps(`${address}.city`)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 4, xs: 2 }}>
              <TextInput
                label={t('portal.account.state')}
                autoComplete="address-level1"
                maxLength={40}
                {...form.getInputProps(`${address}.state`)}
              />
            </Grid.Col>
          </Grid>
        </PortalSection>
        <PortalSection id="portal-account-messages" title={t('portal.account.messages')}>
          <Select
            label={t('customers.fields.reminderFrequency')}
            data={REMINDER_FREQUENCIES.map((value) => ({
              value,
              label: t(`customers.reminderFrequencies.${value}`),
            }))}
            allowDeselect={false}
            {...form.getInputProps('preferences.reminderFrequency')}
            onChange={(value) =>
              form.setFieldValue('preferences.reminderFrequency', value as ReminderFrequency | null)
            }
          />
          <Select
            label={t('customers.fields.contactChannel')}
            data={CONTACT_CHANNELS.map((value) => ({
              value,
              label: t(`customers.contactChannels.${value}`),
            }))}
            clearable
            {...form.getInputProps('preferences.contactChannel')}
            onChange={(value) =>
              form.setFieldValue('preferences.contactChannel', value as ContactChannel | null)
            }
          />
          <Text size="sm" c="dimmed">
            {t('portal.account.consentIntro')}
          </Text>
          <Stack gap="xs">
            {CONSENT_CHANNELS.map((channel) => (
              <Switch
                key={channel}
                label={t(`customers.consentChannels.${channel}`)}
                {...form.getInputProps(`consents.${channel}`, { type: 'checkbox' })}
              />
            ))}
          </Stack>
        </PortalSection>
        <Button type="submit" size="md" loading={update.isPending} disabled={!form.isDirty()}>
          {t('portal.account.save')}
        </Button>
      </Stack>
    </form>
  );
}
