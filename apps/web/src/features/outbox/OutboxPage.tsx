import {
  OUTBOX_CHANNELS,
  OUTBOX_STATUSES,
  type OutboxChannel,
  type OutboxMessage,
  type OutboxStatus,
} from '@bancada/shared';
import {
  Alert,
  Badge,
  Card,
  Group,
  type MantineColor,
  Modal,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconMail, IconMailForward, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { type OutboxFilters, useOutbox } from './api';

const PAGE_SIZE = 25;

const CHANNEL_COLORS: Record<OutboxChannel, MantineColor> = {
  email: 'blue',
  sms: 'violet',
  whatsapp: 'green',
};
const STATUS_COLORS: Record<OutboxStatus, MantineColor> = {
  queued: 'yellow',
  sent: 'teal',
  delivered: 'green',
  read: 'green',
  stored: 'gray',
  failed: 'red',
};

function ChannelBadge({ channel }: { channel: OutboxChannel }) {
  const { t } = useTranslation();
  return (
    // never cut ("E-M…"): the badge keeps its words, the column makes room
    <Badge color={CHANNEL_COLORS[channel]} variant="light" style={{ minWidth: 'max-content' }}>
      {t(`outbox.channels.${channel}`)}
    </Badge>
  );
}

function StatusBadge({ status }: { status: OutboxStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="dot" style={{ minWidth: 'max-content' }}>
      {t(`outbox.statuses.${status}`)}
    </Badge>
  );
}

export function OutboxPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [channel, setChannel] = useState<OutboxChannel | null>(null);
  const [status, setStatus] = useState<OutboxStatus | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<OutboxMessage | null>(null);
  const isPhone = useMediaQuery('(max-width: 36em)');

  const filters: OutboxFilters = {
    q: q || undefined,
    channel: channel ?? undefined,
    status: status ?? undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const outbox = useOutbox(filters);
  const filtered = Boolean(q || channel || status);

  return (
    <>
      <PageHeader title={t('nav.outbox')} description={t('outbox.description')} />

      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('outbox.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => {
            setSearch(event.currentTarget.value);
            setPage(1);
          }}
          type="search"
          maxLength={100}
          style={{ flex: '1 1 16rem' }}
        />
        <Select
          label={t('outbox.fields.channel')}
          placeholder={t('common.all')}
          data={OUTBOX_CHANNELS.map((value) => ({ value, label: t(`outbox.channels.${value}`) }))}
          value={channel}
          onChange={(value) => {
            setChannel(value as OutboxChannel | null);
            setPage(1);
          }}
          clearable
          style={{ flex: '1 1 9rem' }}
        />
        <Select
          label={t('outbox.fields.status')}
          placeholder={t('common.all')}
          data={OUTBOX_STATUSES.map((value) => ({ value, label: t(`outbox.statuses.${value}`) }))}
          value={status}
          onChange={(value) => {
            setStatus(value as OutboxStatus | null);
            setPage(1);
          }}
          clearable
          style={{ flex: '1 1 9rem' }}
        />
      </Group>

      <QueryStatus query={outbox} />
      {outbox.data && outbox.data.items.length === 0 ? (
        filtered ? (
          <Empty
            icon={<IconMailForward size={28} aria-hidden />}
            title={t('outbox.emptyFilteredTitle')}
            description={t('common.emptyFilteredHint')}
          />
        ) : (
          <Empty
            icon={<IconMailForward size={28} aria-hidden />}
            title={t('outbox.emptyTitle')}
            description={t('outbox.emptyHint')}
          />
        )
      ) : null}

      {outbox.data && outbox.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: outbox.isPlaceholderData ? 0.6 : 1 }}>
          <Text size="sm" c="dimmed">
            {t('outbox.explainer')}
          </Text>
          <Paper withBorder radius="md" visibleFrom="sm">
            <Table.ScrollContainer minWidth={720}>
              <Table highlightOnHover verticalSpacing="sm">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('outbox.fields.channel')}</Table.Th>
                    <Table.Th>{t('outbox.fields.to')}</Table.Th>
                    <Table.Th>{t('outbox.fields.subject')}</Table.Th>
                    <Table.Th>{t('outbox.fields.status')}</Table.Th>
                    <Table.Th>{t('outbox.fields.createdAt')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {outbox.data.items.map((message) => (
                    <Table.Tr key={message.id} onClick={() => setOpen(message)} style={{ cursor: 'pointer' }}>
                      <Table.Td>
                        <ChannelBadge channel={message.channel} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{message.to}</Text>
                      </Table.Td>
                      <Table.Td>
                        <UnstyledButton
                          fz="sm"
                          fw={500}
                          onClick={(event) => {
                            event.stopPropagation();
                            setOpen(message);
                          }}
                          style={{ textAlign: 'left' }}
                        >
                          {message.subject || t('outbox.noSubject')}
                        </UnstyledButton>
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={message.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {format.dateTime(message.createdAt)}
                        </Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          {/* phones: one card per message, as the other lists do (the table cut the subject) */}
          <Stack gap="sm" hiddenFrom="sm" data-testid="outbox-cards">
            {outbox.data.items.map((message) => (
              <UnstyledButton key={message.id} onClick={() => setOpen(message)} w="100%">
                <Card withBorder padding="md">
                  <Group justify="space-between" gap="xs" wrap="wrap">
                    <ChannelBadge channel={message.channel} />
                    <StatusBadge status={message.status} />
                  </Group>
                  <Text fw={600} mt="xs" style={{ overflowWrap: 'anywhere' }}>
                    {message.subject || t('outbox.noSubject')}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {message.to}
                  </Text>
                  <Text size="xs" c="dimmed" mt={4}>
                    {format.dateTime(message.createdAt)}
                  </Text>
                </Card>
              </UnstyledButton>
            ))}
          </Stack>
          <Paging total={outbox.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      ) : null}

      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? open.subject || t('outbox.noSubject') : ''}
        size="lg"
        fullScreen={isPhone}
      >
        {open ? (
          <Stack gap="sm">
            <Group gap="xs">
              <ChannelBadge channel={open.channel} />
              <StatusBadge status={open.status} />
            </Group>
            <Stack gap={2}>
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  {t('outbox.fields.to')}:
                </Text>{' '}
                {open.to}
              </Text>
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  {t('outbox.fields.createdAt')}:
                </Text>{' '}
                {format.dateTime(open.createdAt)}
              </Text>
              {open.sentAt ? (
                <Text size="sm">
                  <Text span c="dimmed" size="sm">
                    {t('outbox.fields.sentAt')}:
                  </Text>{' '}
                  {format.dateTime(open.sentAt)}
                </Text>
              ) : null}
              <Text size="sm">
                <Text span c="dimmed" size="sm">
                  {t('outbox.fields.attempts')}:
                </Text>{' '}
                {format.number(open.attempts)}
              </Text>
            </Stack>
            {open.error ? (
              <Alert
                color="red"
                variant="light"
                icon={<IconAlertTriangle aria-hidden />}
                title={t('outbox.lastError')}
              >
                {open.error}
              </Alert>
            ) : null}
            <Paper withBorder p="md" radius="md" bg="var(--mantine-color-gray-light)">
              <Group gap={6} mb="xs">
                <IconMail size={16} aria-hidden />
                <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                  {t('outbox.fields.body')}
                </Text>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                {open.body}
              </Text>
            </Paper>
          </Stack>
        ) : null}
      </Modal>
    </>
  );
}
