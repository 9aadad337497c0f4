import { type Customer, type CustomerAddress, formatCep, formatPhone } from '@bancada/shared';
import { Anchor, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconMapPin } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Details } from '../../app/components/Details';
import { useFormat } from '../../app/format';
import { documentOf } from './display';

export function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} radius="md" component="section" aria-labelledby={id}>
      <Title order={2} fz="h5" mb="md" id={id}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function PhoneLink({ e164 }: { e164: string }) {
  return (
    <Anchor href={`tel:${e164}`} size="sm">
      {formatPhone(e164)}
    </Anchor>
  );
}

function AddressLines({ address }: { address: CustomerAddress }) {
  const { t } = useTranslation();
  const format = useFormat();
  const street = [address.street, address.number].filter(Boolean).join(', ');
  const line1 = [street, address.complement].filter(Boolean).join(' – ');
  const place = [address.city, address.state].filter(Boolean).join('/');
  const line2 = [address.neighborhood, place].filter(Boolean).join(' – ');
  const postal = address.postalCode
    ? address.country === 'BR'
      ? `${t('customers.fields.cep')} ${formatCep(address.postalCode)}`
      : address.postalCode
    : '';
  return (
    <Group gap="sm" align="flex-start" wrap="nowrap">
      <IconMapPin size={18} aria-hidden style={{ flexShrink: 0, marginTop: 2 }} />
      <Stack gap={0} style={{ minWidth: 0 }}>
        {address.label ? (
          <Text size="xs" c="dimmed" fw={500}>
            {address.label}
          </Text>
        ) : null}
        {line1 ? <Text size="sm">{line1}</Text> : null}
        {line2 ? <Text size="sm">{line2}</Text> : null}
        <Text size="sm" c="dimmed">
          {[postal, address.country !== 'BR' ? format.regionName(address.country) : null]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        {address.ibgeCode ? (
          <Text size="xs" c="dimmed">
            {t('customers.fields.ibgeCode')}: {address.ibgeCode}
          </Text>
        ) : null}
      </Stack>
    </Group>
  );
}

export function CustomerDataTab({ customer }: { customer: Customer }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isCompany = customer.kind === 'company';
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Panel id="customer-identification" title={t('customers.sections.identification')}>
        <Details
          items={[
            {
              label: isCompany ? t('customers.fields.legalName') : t('customers.fields.fullName'),
              value: customer.name,
              wide: true,
            },
            ...(isCompany
              ? [{ label: t('customers.fields.tradeName'), value: customer.tradeName, wide: true }]
              : []),
            { label: t('customers.fields.kind'), value: t(`customers.kinds.${customer.kind}`) },
            {
              label:
                customer.documentType && customer.documentType !== 'OTHER'
                  ? customer.documentType
                  : t('customers.fields.document'),
              value: documentOf(customer),
            },
            { label: t('customers.fields.createdAt'), value: format.date(customer.createdAt) },
            {
              label: t('customers.fields.lastVisit'),
              value: customer.lastVisitAt ? format.date(customer.lastVisitAt) : t('customers.neverVisited'),
            },
          ]}
        />
      </Panel>

      <Panel id="customer-contact" title={t('customers.sections.contact')}>
        <Details
          items={[
            {
              label: t('customers.fields.phone'),
              value: customer.phone ? <PhoneLink e164={customer.phone} /> : null,
            },
            {
              label: t('customers.fields.email'),
              value: customer.email ? (
                <Anchor href={`mailto:${customer.email}`} size="sm">
                  {customer.email}
                </Anchor>
              ) : null,
            },
            ...customer.phones.map((phone, index) => ({
              label: `${t(`customers.phoneLabels.${phone.label}`)} (${index + 2})`,
              value: <PhoneLink e164={phone.number} />,
            })),
          ]}
        />
      </Panel>

      <Panel id="customer-addresses" title={t('customers.sections.addresses')}>
        {customer.addresses.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('customers.noAddress')}
          </Text>
        ) : (
          <Stack gap="md">
            {customer.addresses.map((address, index) => (
              <AddressLines key={`${address.street}-${index.toString()}`} address={address} />
            ))}
          </Stack>
        )}
      </Panel>
    </SimpleGrid>
  );
}
