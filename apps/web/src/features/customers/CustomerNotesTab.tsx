import type { Customer } from '@bancada/shared';
import { Button, Group, SimpleGrid, Text } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Details } from '../../app/components/Details';
import { Panel } from './CustomerDataTab';

export function CustomerNotesTab({ customer, onEdit }: { customer: Customer; onEdit?: () => void }) {
  const { t } = useTranslation();
  const { preferences } = customer;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Panel id="customer-notes" title={t('customers.fields.notes')}>
        {customer.notes ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {customer.notes}
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            {t('customers.noNotes')}
          </Text>
        )}
      </Panel>
      <Panel id="customer-preferences" title={t('customers.sections.preferences')}>
        <Details
          items={[
            {
              label: t('customers.fields.contactChannel'),
              value: preferences.contactChannel
                ? t(`customers.contactChannels.${preferences.contactChannel}`)
                : t('customers.noPreference'),
            },
            {
              label: t('customers.fields.reminderFrequency'),
              value: preferences.reminderFrequency
                ? t(`customers.reminderFrequencies.${preferences.reminderFrequency}`)
                : t('customers.noPreference'),
            },
            {
              label: t('customers.fields.messageLocale'),
              value: preferences.locale
                ? t(`language.names.${preferences.locale}`)
                : t('customers.noPreference'),
            },
            { label: t('customers.fields.preferenceNotes'), value: preferences.notes, wide: true },
          ]}
        />
      </Panel>
      {onEdit ? (
        <Group style={{ gridColumn: '1 / -1' }}>
          <Button variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
            {t('customers.editNotes')}
          </Button>
        </Group>
      ) : null}
    </SimpleGrid>
  );
}
