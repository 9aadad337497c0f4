import type { AuditEntry } from '@bancada/shared';
import {
  ActionIcon,
  Code,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { useDebouncedValue } from '@mantine/hooks';
import { IconChevronDown, IconChevronRight, IconListDetails } from '@tabler/icons-react';
import dayjs from 'dayjs';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { type AuditFilters, useAuditLog } from './api';

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FilterInputs {
  entity: string;
  entityId: string;
  action: string;
  actorId: string;
}

function toJson(value: unknown): string {
  return value === null || value === undefined ? '—' : JSON.stringify(value, null, 2);
}

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const [inputs, setInputs] = useState<FilterInputs>({ entity: '', entityId: '', action: '', actorId: '' });
  const [debounced] = useDebouncedValue(inputs, 350);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<string | null>(null);

  const actorId = debounced.actorId.trim();
  const actorIdInvalid = actorId !== '' && !UUID.test(actorId);
  const filters: AuditFilters = {
    entity: debounced.entity.trim() || undefined,
    entityId: debounced.entityId.trim() || undefined,
    action: debounced.action.trim() || undefined,
    actorId: actorId && !actorIdInvalid ? actorId : undefined,
    // whole days in the browser's time zone, both ends included
    from: from ? dayjs(from).startOf('day').format() : undefined,
    to: to ? dayjs(to).endOf('day').format() : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const audit = useAuditLog(filters);
  const filtered = Boolean(
    filters.entity || filters.entityId || filters.action || filters.actorId || from || to,
  );

  const setInput = (key: keyof FilterInputs) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setInputs((prev) => ({ ...prev, [key]: value }));
    setPage(1);
  };

  return (
    <>
      <PageHeader title={t('nav.audit')} description={t('audit.description')} />

      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 6 }} spacing="sm" mb="md">
        <TextInput
          label={t('audit.fields.entity')}
          placeholder={t('audit.entityPlaceholder')}
          value={inputs.entity}
          onChange={setInput('entity')}
          maxLength={60}
        />
        <TextInput
          label={t('audit.fields.entityId')}
          value={inputs.entityId}
          onChange={setInput('entityId')}
          maxLength={100}
        />
        <TextInput
          label={t('audit.fields.action')}
          placeholder={t('audit.actionPlaceholder')}
          value={inputs.action}
          onChange={setInput('action')}
          maxLength={60}
        />
        <TextInput
          label={t('audit.fields.actorId')}
          value={inputs.actorId}
          onChange={setInput('actorId')}
          error={actorIdInvalid ? t('audit.actorIdInvalid') : undefined}
          maxLength={36}
        />
        <DatePickerInput
          label={t('audit.fields.from')}
          value={from}
          onChange={(value) => {
            setFrom(value);
            setPage(1);
          }}
          maxDate={to ?? undefined}
          clearable
        />
        <DatePickerInput
          label={t('audit.fields.to')}
          value={to}
          onChange={(value) => {
            setTo(value);
            setPage(1);
          }}
          minDate={from ?? undefined}
          clearable
        />
      </SimpleGrid>

      <QueryStatus query={audit} />
      {audit.data && audit.data.items.length === 0 ? (
        <Empty
          icon={<IconListDetails size={28} aria-hidden />}
          title={filtered ? t('audit.emptyFilteredTitle') : t('audit.emptyTitle')}
          description={filtered ? t('common.emptyFilteredHint') : t('audit.emptyHint')}
        />
      ) : null}

      {audit.data && audit.data.items.length > 0 ? (
        <Stack gap="md" style={{ opacity: audit.isPlaceholderData ? 0.6 : 1 }}>
          <Paper withBorder radius="md">
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="xs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={44}>
                      <VisuallyHidden>{t('audit.details')}</VisuallyHidden>
                    </Table.Th>
                    <Table.Th>{t('audit.fields.time')}</Table.Th>
                    <Table.Th>{t('audit.fields.actor')}</Table.Th>
                    <Table.Th>{t('audit.fields.action')}</Table.Th>
                    <Table.Th>{t('audit.fields.entity')}</Table.Th>
                    <Table.Th>{t('audit.fields.entityId')}</Table.Th>
                    <Table.Th>{t('audit.fields.ip')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {audit.data.items.map((entry) => (
                    <AuditRow
                      key={entry.id}
                      entry={entry}
                      expanded={expanded === entry.id}
                      onToggle={() => setExpanded((current) => (current === entry.id ? null : entry.id))}
                      time={format.dateTime(entry.occurredAt)}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <Paging total={audit.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
        </Stack>
      ) : null}
    </>
  );
}

function AuditRow({
  entry,
  expanded,
  onToggle,
  time,
}: {
  entry: AuditEntry;
  expanded: boolean;
  onToggle: () => void;
  time: string;
}) {
  const { t } = useTranslation();
  const detailsId = `audit-details-${entry.id}`;
  return (
    <Fragment>
      <Table.Tr onClick={onToggle} style={{ cursor: 'pointer' }}>
        <Table.Td>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={(event) => {
              event.stopPropagation();
              onToggle();
            }}
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            aria-label={expanded ? t('audit.hideDetails') : t('audit.showDetails')}
          >
            {expanded ? (
              <IconChevronDown size={16} aria-hidden />
            ) : (
              <IconChevronRight size={16} aria-hidden />
            )}
          </ActionIcon>
        </Table.Td>
        <Table.Td>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {time}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.actorName ?? t('audit.system')}</Text>
        </Table.Td>
        <Table.Td>
          <Code>{entry.action}</Code>
        </Table.Td>
        <Table.Td>
          <Text size="sm">{entry.entity}</Text>
        </Table.Td>
        <Table.Td>
          <Text size="xs" ff="monospace" truncate maw={180} title={entry.entityId ?? undefined}>
            {entry.entityId ?? '—'}
          </Text>
        </Table.Td>
        <Table.Td>
          <Text size="xs" ff="monospace">
            {entry.ip ?? '—'}
          </Text>
        </Table.Td>
      </Table.Tr>
      {expanded ? (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={7} p={0}>
            <Stack gap="sm" p="md" bg="var(--mantine-color-gray-light)">
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                <Stack gap={4}>
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                    {t('audit.before')}
                  </Text>
                  <Code block style={{ maxHeight: 360, overflow: 'auto' }}>
                    {toJson(entry.before)}
                  </Code>
                </Stack>
                <Stack gap={4}>
                  <Text size="xs" fw={700} tt="uppercase" c="dimmed">
                    {t('audit.after')}
                  </Text>
                  <Code block style={{ maxHeight: 360, overflow: 'auto' }}>
                    {toJson(entry.after)}
                  </Code>
                </Stack>
              </SimpleGrid>
              <Group gap="lg">
                {entry.actorId ? (
                  <Text size="xs" c="dimmed">
                    {t('audit.fields.actorId')}: <Code>{entry.actorId}</Code>
                  </Text>
                ) : null}
                {entry.userAgent ? (
                  <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                    {t('audit.fields.userAgent')}: {entry.userAgent}
                  </Text>
                ) : null}
              </Group>
            </Stack>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}
