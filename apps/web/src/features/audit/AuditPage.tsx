import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  type AuditAction,
  type AuditEntityType,
  type AuditEntry,
} from '@bancada/shared';
import {
  ActionIcon,
  Code,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from '@mantine/core';
import { DatePickerInput } from '@mantine/dates';
import { IconChevronDown, IconChevronRight, IconListDetails } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useShopTimeZone } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { TextLink } from '../../app/components/TextLink';
import { useFormat } from '../../app/format';
import { zonedDayRange } from '../../app/shop-dates';
import { useUsers } from '../users/api';
import { type AuditFilters, useAuditLog } from './api';
import { auditChanges, auditValue } from './audit-changes';

const PAGE_SIZE = 25;

interface FilterInputs {
  entity: string | null;
  action: string | null;
  actorId: string | null;
}

const isAction = (value: string): value is AuditAction =>
  (AUDIT_ACTIONS as readonly string[]).includes(value);
const isEntity = (value: string): value is AuditEntityType =>
  (AUDIT_ENTITY_TYPES as readonly string[]).includes(value);

/** The page of the record an entry is about, when it has one. */
export function auditRecordPath(entity: string, id: string | null): string | null {
  if (!id) return null;
  const encoded = encodeURIComponent(id);
  switch (entity) {
    case 'repair':
      return `/repairs/${encoded}`;
    case 'customer':
      return `/customers/${encoded}`;
    case 'asset':
      return `/assets/${encoded}`;
    case 'component':
      return `/inventory/${encoded}`;
    case 'supplier':
      return `/suppliers/${encoded}`;
    case 'purchase_order':
      return `/purchase-orders/${encoded}`;
    case 'tool':
      return '/tools';
    case 'service_catalog':
      return '/service-catalog';
    case 'user':
      return '/users';
    case 'organization':
      return '/organization';
    default:
      return null;
  }
}

/** Actions and record types in the shop's words; a value this build does not know shows as written. */
function useAuditWords() {
  const { t } = useTranslation();
  return {
    action: (action: string) => (isAction(action) ? t(`audit.actions.${action}`) : action),
    entity: (entity: string) => (isEntity(entity) ? t(`audit.entities.${entity}`) : entity),
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const timeZone = useShopTimeZone();
  const words = useAuditWords();
  const [inputs, setInputs] = useState<FilterInputs>({ entity: null, action: null, actorId: null });
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [expanded, setExpanded] = useState<string | null>(null);
  // everyone who can have done something: staff and portal customers alike
  const people = useUsers({ page: 1, pageSize: 100 });

  const filters: AuditFilters = {
    entity: inputs.entity ?? undefined,
    action: inputs.action ?? undefined,
    actorId: inputs.actorId ?? undefined,
    // whole days on the shop's calendar (its zone, not the device's), both ends included
    ...zonedDayRange(from, to, timeZone),
    page,
    pageSize: PAGE_SIZE,
  };
  const audit = useAuditLog(filters);
  const filtered = Boolean(filters.entity || filters.action || filters.actorId || from || to);

  const setInput = (key: keyof FilterInputs) => (value: string | null) => {
    setInputs((prev) => ({
      ...prev,
      [key]: value,
      // an action belongs to one record type
      ...(key === 'entity' && value && prev.action && !prev.action.startsWith(value) ? { action: null } : {}),
    }));
    setPage(1);
  };
  const actionOptions = AUDIT_ACTIONS.filter(
    (action) =>
      !inputs.entity || action.split('.')[0] === inputs.entity || action.startsWith(`${inputs.entity}.`),
  ).map((value) => ({ value, label: words.action(value) }));

  return (
    <>
      <PageHeader title={t('nav.audit')} description={t('audit.description')} />

      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }} spacing="sm" mb="md">
        <Select
          label={t('audit.fields.actorFilter')}
          placeholder={t('audit.anyone')}
          data={(people.data?.items ?? []).map((user) => ({ value: user.id, label: user.name }))}
          value={inputs.actorId}
          onChange={setInput('actorId')}
          searchable
          clearable
        />
        <Select
          label={t('audit.fields.entityType')}
          placeholder={t('audit.anyEntity')}
          data={AUDIT_ENTITY_TYPES.map((value) => ({ value, label: words.entity(value) }))}
          value={inputs.entity}
          onChange={setInput('entity')}
          clearable
        />
        <Select
          label={t('audit.fields.actionFilter')}
          placeholder={t('audit.anyAction')}
          data={actionOptions}
          value={inputs.action}
          onChange={setInput('action')}
          searchable
          clearable
        />
        <DatePickerInput
          label={t('audit.fields.from')}
          valueFormat="L"
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
          valueFormat="L"
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
            <Table.ScrollContainer minWidth={720}>
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

/**
 * What the entry changed, one field a line: "field: old → new". A create lists what it set (under
 * "After"), a delete what it removed (under "Before").
 */
function AuditChanges({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changes = auditChanges(entry.before, entry.after);
  if (changes.length === 0) return <Text size="sm">—</Text>;
  const heading = entry.before === null ? t('audit.after') : entry.after === null ? t('audit.before') : null;
  return (
    <Stack gap={4}>
      {heading ? (
        <Text size="xs" fw={700} tt="uppercase" c="dimmed">
          {heading}
        </Text>
      ) : null}
      <Stack gap={2} style={{ maxHeight: 360, overflow: 'auto' }}>
        {changes.map((change) => {
          const before = entry.before === null ? null : auditValue(change.before);
          const after = entry.after === null ? null : auditValue(change.after);
          return (
            <Text key={change.field} size="sm" style={{ overflowWrap: 'anywhere' }}>
              <Code>{change.field}</Code>
              {': '}
              {before !== null ? (
                <Text span size="sm" c={after !== null ? 'dimmed' : undefined}>
                  {before}
                </Text>
              ) : null}
              {before !== null && after !== null ? ' → ' : null}
              {after !== null ? (
                <Text span size="sm" fw={before !== null ? 500 : undefined}>
                  {after}
                </Text>
              ) : null}
            </Text>
          );
        })}
      </Stack>
    </Stack>
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
  const words = useAuditWords();
  const detailsId = `audit-details-${entry.id}`;
  const recordPath = auditRecordPath(entry.entity, entry.entityId);
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
          <Text size="sm">{words.action(entry.action)}</Text>
        </Table.Td>
        <Table.Td>
          {recordPath ? (
            <TextLink
              to={recordPath}
              size="sm"
              onClick={(event) => event.stopPropagation()}
              aria-label={t('audit.open', { entity: words.entity(entry.entity) })}
            >
              {words.entity(entry.entity)}
            </TextLink>
          ) : (
            <Text size="sm">{words.entity(entry.entity)}</Text>
          )}
        </Table.Td>
        <Table.Td>
          <Text size="xs" ff="monospace">
            {entry.ip ?? '—'}
          </Text>
        </Table.Td>
      </Table.Tr>
      {expanded ? (
        <Table.Tr id={detailsId}>
          <Table.Td colSpan={6} p={0}>
            <Stack gap="sm" p="md" bg="var(--mantine-color-gray-light)">
              <AuditChanges entry={entry} />
              <Group gap="lg">
                {entry.entityId ? (
                  <Text size="xs" c="dimmed">
                    {t('audit.fields.entityId')}: <Code>{entry.entityId}</Code>
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
