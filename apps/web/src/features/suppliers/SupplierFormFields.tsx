import { DOCUMENT_TYPES, type DocumentType } from '@bancada/shared';
import {
  ActionIcon,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_PLACEHOLDERS, maskDocument, maskPhone } from '../../app/masks';
import { useNumberInputProps } from '../../app/number-input';
import { emptyContact, type SupplierValues } from './supplier-form';

export function SupplierFormFields({ form }: { form: UseFormReturnType<SupplierValues> }) {
  const { t } = useTranslation();
  const { values } = form;
  // −3 or 2,5 days stays as typed and is refused on the field (supplierNumberMessages)
  const numberBox = useNumberInputProps();
  return (
    <Stack gap="md">
      <TextInput
        label={t('suppliers.fields.name')}
        required
        maxLength={160}
        data-autofocus
        {...form.getInputProps('name')}
      />
      <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="md">
        <Select
          label={t('suppliers.fields.documentType')}
          data={DOCUMENT_TYPES.map((value) => ({
            value,
            label: value === 'OTHER' ? t('suppliers.otherDocument') : value,
          }))}
          allowDeselect={false}
          value={values.documentType}
          onChange={(value) => {
            const type = (value ?? 'CNPJ') as DocumentType;
            form.setFieldValue('documentType', type);
            form.setFieldValue('document', maskDocument(type, values.document));
          }}
        />
        <TextInput
          label={values.documentType === 'OTHER' ? t('suppliers.fields.document') : values.documentType}
          placeholder={DOCUMENT_PLACEHOLDERS[values.documentType]}
          inputMode={values.documentType === 'CNPJ' || values.documentType === 'OTHER' ? 'text' : 'numeric'}
          {...form.getInputProps('document')}
          onChange={(event) =>
            form.setFieldValue('document', maskDocument(values.documentType, event.currentTarget.value))
          }
        />
        <TextInput
          label={t('suppliers.fields.email')}
          type="email"
          maxLength={254}
          {...form.getInputProps('email')}
        />
        <TextInput
          label={t('suppliers.fields.phone')}
          type="tel"
          placeholder="(11) 3333-4444"
          {...form.getInputProps('phone')}
          onChange={(event) => form.setFieldValue('phone', maskPhone(event.currentTarget.value))}
        />
        <NumberInput
          label={t('suppliers.fields.leadTimeDays')}
          description={t('suppliers.fields.leadTimeHint')}
          {...numberBox}
          inputMode="numeric"
          {...form.getInputProps('leadTimeDays')}
        />
      </SimpleGrid>

      <Stack gap="xs">
        <Text size="sm" fw={500}>
          {t('suppliers.fields.contacts')}
        </Text>
        {values.contacts.map((_, index) => (
          // contacts have no id; rows are edited in place
          // biome-ignore lint/suspicious/noArrayIndexKey: see above
          <Card key={index} withBorder padding="sm">
            <Group justify="space-between" mb={4}>
              <Text size="xs" c="dimmed">
                {t('suppliers.contactNumber', { number: index + 1 })}
              </Text>
              <ActionIcon
                variant="subtle"
                color="red"
                onClick={() => form.removeListItem('contacts', index)}
                aria-label={t('suppliers.removeContact', { number: index + 1 })}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
            <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
              <TextInput
                label={t('suppliers.contact.name')}
                required
                maxLength={120}
                {...form.getInputProps(`contacts.${index}.name`)}
              />
              <TextInput
                label={t('suppliers.contact.role')}
                maxLength={80}
                {...form.getInputProps(`contacts.${index}.role`)}
              />
              <TextInput
                label={t('suppliers.contact.email')}
                type="email"
                maxLength={254}
                {...form.getInputProps(`contacts.${index}.email`)}
              />
              <TextInput
                label={t('suppliers.contact.phone')}
                type="tel"
                {...form.getInputProps(`contacts.${index}.phone`)}
                onChange={(event) =>
                  form.setFieldValue(`contacts.${index}.phone`, maskPhone(event.currentTarget.value))
                }
              />
            </SimpleGrid>
          </Card>
        ))}
        <Group>
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => form.insertListItem('contacts', emptyContact())}
          >
            {t('suppliers.addContact')}
          </Button>
        </Group>
      </Stack>

      <Textarea
        label={t('suppliers.fields.notes')}
        autosize
        minRows={2}
        maxLength={5000}
        {...form.getInputProps('notes')}
      />
    </Stack>
  );
}
