import {
  INCIDENT_DATA_CATEGORIES,
  INCIDENT_STATUSES,
  type Incident,
  type IncidentDataCategory,
  type IncidentStatus,
} from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  type MantineColor,
  Modal,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconAlertTriangle, IconClockExclamation, IconPlus, IconShieldCheck } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useIncidents, useSaveIncident } from './api';

const STATUS_COLORS: Record<IncidentStatus, MantineColor> = {
  open: 'red',
  contained: 'yellow',
  closed: 'gray',
};

/** `datetime-local` speaks the browser's wall clock without a zone; the API wants an instant. */
function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : null);

/** A calendar date (YYYY-MM-DD) read as that day, whatever the zone. */
function useDay() {
  const { i18n } = useTranslation();
  const formatter = new Intl.DateTimeFormat(i18n.resolvedLanguage ?? i18n.language, {
    dateStyle: 'medium',
    timeZone: 'UTC',
  });
  return (day: string) => formatter.format(new Date(`${day}T00:00:00Z`));
}

export function DeadlineBadge({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const day = useDay();
  if (incident.anpdNotifiedAt) {
    return (
      <Badge color="teal" variant="light" leftSection={<IconShieldCheck size={12} aria-hidden />}>
        {t('privacy.incidents.onTime')}
      </Badge>
    );
  }
  return (
    <Badge
      color={incident.overdue ? 'red' : 'orange'}
      variant={incident.overdue ? 'filled' : 'light'}
      leftSection={<IconClockExclamation size={12} aria-hidden />}
      style={{ minWidth: 'max-content' }}
    >
      {incident.overdue
        ? `${t('privacy.incidents.overdue')} · ${day(incident.anpdDeadline)}`
        : t('privacy.incidents.deadline', { date: day(incident.anpdDeadline) })}
    </Badge>
  );
}

type Draft = {
  title: string;
  description: string;
  occurredAt: string;
  discoveredAt: string;
  dataCategories: IncidentDataCategory[];
  peopleAffected: number | '';
  peopleNotifiedAt: string;
  anpdNotifiedAt: string;
  measures: string;
  status: IncidentStatus;
};

function draftOf(incident: Incident | null): Draft {
  return {
    title: incident?.title ?? '',
    description: incident?.description ?? '',
    occurredAt: toLocalInput(incident?.occurredAt ?? null),
    discoveredAt: toLocalInput(incident?.discoveredAt ?? new Date().toISOString()),
    dataCategories: incident?.dataCategories ?? [],
    peopleAffected: incident?.peopleAffected ?? '',
    peopleNotifiedAt: toLocalInput(incident?.peopleNotifiedAt ?? null),
    anpdNotifiedAt: toLocalInput(incident?.anpdNotifiedAt ?? null),
    measures: incident?.measures ?? '',
    status: incident?.status ?? 'open',
  };
}

function IncidentForm({ incident, onDone }: { incident: Incident | null; onDone: () => void }) {
  const { t } = useTranslation();
  const save = useSaveIncident();
  const [draft, setDraft] = useState<Draft>(() => draftOf(incident));
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      title: draft.title,
      description: draft.description,
      occurredAt: fromLocalInput(draft.occurredAt),
      discoveredAt: fromLocalInput(draft.discoveredAt) ?? new Date().toISOString(),
      dataCategories: draft.dataCategories,
      peopleAffected: draft.peopleAffected === '' ? null : draft.peopleAffected,
      peopleNotifiedAt: fromLocalInput(draft.peopleNotifiedAt),
      anpdNotifiedAt: fromLocalInput(draft.anpdNotifiedAt),
      measures: draft.measures,
      status: draft.status,
    };
    save.mutate(incident ? { id: incident.id, version: incident.version, body } : { body }, {
      onSuccess: (saved) => {
        notifySuccess(
          incident ? t('privacy.incidents.saved') : t('privacy.incidents.created', { number: saved.number }),
        );
        onDone();
      },
      onError: notifyError,
    });
  };

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <Alert color="blue" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />}>
          {t('privacy.incidents.deadlineHelp')}
        </Alert>
        <TextInput
          label={t('privacy.incidents.fields.title')}
          value={draft.title}
          onChange={(e) => set('title', e.currentTarget.value)}
          required
          minLength={3}
          maxLength={200}
          data-autofocus
        />
        <Textarea
          label={t('privacy.incidents.fields.description')}
          value={draft.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={5000}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            type="datetime-local"
            label={t('privacy.incidents.fields.occurredAt')}
            value={draft.occurredAt}
            onChange={(e) => set('occurredAt', e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('privacy.incidents.fields.discoveredAt')}
            value={draft.discoveredAt}
            onChange={(e) => set('discoveredAt', e.currentTarget.value)}
            required
          />
        </SimpleGrid>
        <MultiSelect
          label={t('privacy.incidents.fields.dataCategories')}
          data={INCIDENT_DATA_CATEGORIES.map((value) => ({
            value,
            label: t(`privacy.dataCategories.${value}`),
          }))}
          value={draft.dataCategories}
          onChange={(value) => set('dataCategories', value as IncidentDataCategory[])}
          comboboxProps={{ withinPortal: true }}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <NumberInput
            label={t('privacy.incidents.fields.peopleAffected')}
            value={draft.peopleAffected}
            onChange={(value) => set('peopleAffected', typeof value === 'number' ? value : '')}
            min={0}
            allowDecimal={false}
          />
          <Select
            label={t('privacy.incidents.fields.status')}
            data={INCIDENT_STATUSES.map((value) => ({
              value,
              label: t(`privacy.incidentStatuses.${value}`),
            }))}
            value={draft.status}
            onChange={(value) => set('status', (value ?? 'open') as IncidentStatus)}
            allowDeselect={false}
          />
          <TextInput
            type="datetime-local"
            label={t('privacy.incidents.fields.anpdNotifiedAt')}
            value={draft.anpdNotifiedAt}
            onChange={(e) => set('anpdNotifiedAt', e.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={t('privacy.incidents.fields.peopleNotifiedAt')}
            value={draft.peopleNotifiedAt}
            onChange={(e) => set('peopleNotifiedAt', e.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          label={t('privacy.incidents.fields.measures')}
          value={draft.measures}
          onChange={(e) => set('measures', e.currentTarget.value)}
          autosize
          minRows={2}
          maxLength={5000}
        />
        <Text size="xs" c="dimmed">
          {t('privacy.incidents.keepHelp')}
        </Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('privacy.incidents.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function IncidentCard({ incident, onOpen }: { incident: Incident; onOpen: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const day = useDay();
  return (
    <Card withBorder padding="md" radius="md">
      <Stack gap={6}>
        <Group justify="space-between" gap="xs" wrap="wrap">
          <Group gap="xs" wrap="wrap">
            <Text size="sm" c="dimmed" ff="monospace">
              {t('privacy.incidents.number', { number: incident.number })}
            </Text>
            <Badge color={STATUS_COLORS[incident.status]} variant="dot">
              {t(`privacy.incidentStatuses.${incident.status}`)}
            </Badge>
          </Group>
          <DeadlineBadge incident={incident} />
        </Group>
        <Text fw={600}>{incident.title}</Text>
        <Text size="sm" c="dimmed">
          {t('privacy.incidents.discovered', { date: format.dateTime(incident.discoveredAt) })}
          {incident.peopleAffected !== null
            ? ` · ${t('privacy.incidents.affected', { count: incident.peopleAffected })}`
            : ''}
        </Text>
        {incident.dataCategories.length ? (
          <Group gap={4} wrap="wrap">
            {incident.dataCategories.map((c) => (
              <Badge key={c} size="sm" variant="outline" color="gray">
                {t(`privacy.dataCategories.${c}`)}
              </Badge>
            ))}
          </Group>
        ) : null}
        <Text size="xs" c="dimmed">
          {[
            incident.anpdNotifiedAt
              ? t('privacy.incidents.anpdNotified', { date: format.dateTime(incident.anpdNotifiedAt) })
              : null,
            incident.peopleNotifiedAt
              ? t('privacy.incidents.peopleNotified', { date: format.dateTime(incident.peopleNotifiedAt) })
              : null,
            t('privacy.incidents.keepUntil', { date: day(incident.keepUntil) }),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Text>
        <Group justify="flex-end">
          <Button size="xs" variant="light" onClick={onOpen}>
            {t('privacy.incidents.edit')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The incident register: newest first, each with its ANPD deadline; a form to record or update one. */
export function IncidentsTab() {
  const { t } = useTranslation();
  const incidents = useIncidents();
  const [editing, setEditing] = useState<Incident | 'new' | null>(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm" c="dimmed" maw={640}>
          {t('privacy.incidents.deadlineHelp')}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
          {t('privacy.incidents.new')}
        </Button>
      </Group>
      <QueryStatus query={incidents} />
      {incidents.data && incidents.data.items.length === 0 ? (
        <Empty title={t('privacy.incidents.emptyTitle')} description={t('privacy.incidents.emptyHint')} />
      ) : null}
      {incidents.data?.items.map((incident) => (
        <IncidentCard key={incident.id} incident={incident} onOpen={() => setEditing(incident)} />
      ))}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === 'new' ? t('privacy.incidents.new') : t('privacy.incidents.edit')}
        size="lg"
        fullScreen={false}
      >
        {editing !== null ? (
          <IncidentForm incident={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}
