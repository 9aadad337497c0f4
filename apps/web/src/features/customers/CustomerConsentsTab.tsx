import { CONSENT_CHANNELS, CONSENT_SOURCES, type ConsentEvent, type Customer } from '@bancada/shared';
import { Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX, IconPencil, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useCustomerConsents } from './api';
import { Panel } from './CustomerDataTab';

function useSourceLabel() {
  const { t } = useTranslation();
  return (source: string | null) => {
    if (!source) return '—';
    const known = CONSENT_SOURCES.find((s) => s === source);
    return known ? t(`customers.consentSources.${known}`) : source;
  };
}

function GrantBadge({ granted }: { granted: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={granted ? 'teal' : 'gray'}
      variant={granted ? 'light' : 'outline'}
      leftSection={
        granted ? <IconCircleCheck size={12} aria-hidden /> : <IconCircleX size={12} aria-hidden />
      }
    >
      {granted ? t('customers.consent.granted') : t('customers.consent.notGranted')}
    </Badge>
  );
}

function EventAction({ event }: { event: ConsentEvent }) {
  const { t } = useTranslation();
  return (
    <Badge
      size="sm"
      color={event.granted ? 'teal' : 'red'}
      variant="light"
      style={{ minWidth: 'max-content' }}
    >
      {event.granted ? t('customers.consent.grantedAction') : t('customers.consent.revokedAction')}
    </Badge>
  );
}

export function CustomerConsentsTab({ customer, onEdit }: { customer: Customer; onEdit?: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const sourceLabel = useSourceLabel();
  const ledger = useCustomerConsents(customer.id);

  return (
    <Stack gap="lg">
      <Panel id="consent-state" title={t('customers.consent.current')}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('customers.consentIntro')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            {CONSENT_CHANNELS.map((channel) => {
              const state = customer.consents[channel];
              return (
                <Paper key={channel} withBorder p="sm" radius="md">
                  <Group justify="space-between" gap="xs" mb={4}>
                    <Text fw={600} size="sm">
                      {t(`customers.consentChannels.${channel}`)}
                    </Text>
                    <GrantBadge granted={state.granted} />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {state.at
                      ? t('customers.consent.since', {
                          time: format.dateTime(state.at),
                          source: sourceLabel(state.source),
                        })
                      : t('customers.consent.never')}
                  </Text>
                </Paper>
              );
            })}
          </SimpleGrid>
          {onEdit ? (
            <Group>
              <Button variant="light" leftSection={<IconPencil size={16} aria-hidden />} onClick={onEdit}>
                {t('customers.consent.change')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Panel>

      <Panel id="consent-ledger" title={t('customers.consent.ledger')}>
        <QueryStatus query={ledger} rows={3} />
        {ledger.data && ledger.data.length === 0 ? (
          <Empty
            icon={<IconShieldCheck size={28} aria-hidden />}
            title={t('customers.consent.emptyLedger')}
          />
        ) : null}
        {ledger.data && ledger.data.length > 0 ? (
          <>
            <Table.ScrollContainer minWidth={720} visibleFrom="sm">
              <Table verticalSpacing="xs" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('customers.consent.when')}</Table.Th>
                    <Table.Th>{t('customers.consent.channel')}</Table.Th>
                    <Table.Th>{t('customers.consent.action')}</Table.Th>
                    <Table.Th>{t('customers.fields.consentSource')}</Table.Th>
                    <Table.Th>{t('customers.consent.textVersion')}</Table.Th>
                    <Table.Th>{t('customers.consent.by')}</Table.Th>
                    <Table.Th>{t('customers.consent.ip')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {ledger.data.map((event) => (
                    <Table.Tr key={event.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{format.dateTime(event.at)}</Table.Td>
                      <Table.Td>{t(`customers.consentChannels.${event.channel}`)}</Table.Td>
                      <Table.Td>
                        <EventAction event={event} />
                      </Table.Td>
                      <Table.Td>{sourceLabel(event.source)}</Table.Td>
                      <Table.Td>{event.textVersion}</Table.Td>
                      <Table.Td>{event.actorName ?? '—'}</Table.Td>
                      <Table.Td>
                        <Text size="sm" ff="monospace">
                          {event.ip ?? '—'}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Stack gap="xs" hiddenFrom="sm">
              {ledger.data.map((event) => (
                <Card key={event.id} withBorder padding="sm">
                  <Group justify="space-between" gap="xs">
                    <Text size="sm" fw={600}>
                      {t(`customers.consentChannels.${event.channel}`)}
                    </Text>
                    <EventAction event={event} />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {format.dateTime(event.at)} · {sourceLabel(event.source)}
                    {event.actorName ? ` · ${event.actorName}` : ''}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('customers.consent.textVersion')}: {event.textVersion}
                  </Text>
                </Card>
              ))}
            </Stack>
          </>
        ) : null}
      </Panel>
    </Stack>
  );
}
