import { CHECKLIST_ITEMS, type ChecklistItem, type ChecklistItemKey, type Repair } from '@bancada/shared';
import { Alert, Checkbox, Group, Paper, Progress, Stack, Text, TextInput } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useSaveChecklist } from './order-api';
import { Section } from './RepairPageDisplay';

/** The review before the final approval (seed 000 §3.1): every item checked, by whom and when. */
export function RepairPageChecklist({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const save = useSaveChecklist(repair.id);
  const editable = repair.status === 'EM_REVISAO' && can('repairs:transition');
  const byKey = new Map(repair.checklist.map((item) => [item.key, item]));
  const items: ChecklistItem[] = CHECKLIST_ITEMS.map(
    (key) => byKey.get(key) ?? { key, done: false, note: null, doneBy: null, doneAt: null },
  );
  const done = items.filter((item) => item.done).length;

  const change = (key: ChecklistItemKey, next: { done: boolean; note: string | null }) => {
    save.mutate({ items: [{ key, done: next.done, note: next.note }] });
  };

  return (
    <Section id="repair-checklist" title={t('repairPage.checklist.title')}>
      <Stack gap="md">
        <Group gap="sm" wrap="nowrap">
          <Progress
            value={(done / items.length) * 100}
            color={done === items.length ? 'teal' : 'blue'}
            style={{ flex: 1 }}
            aria-hidden
          />
          <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
            {t('repairPage.checklist.progress', { done, total: items.length })}
          </Text>
        </Group>
        {repair.status !== 'EM_REVISAO' ? null : done === items.length ? (
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} p="xs">
            {t('repairPage.checklist.complete')}
          </Alert>
        ) : (
          <Text size="xs" c="dimmed">
            <IconInfoCircle size={12} aria-hidden style={{ verticalAlign: 'middle' }} />{' '}
            {t('repairPage.checklist.hint')}
          </Text>
        )}
        {save.isError ? <ErrorAlert error={save.error} /> : null}
        <Stack gap="xs">
          {items.map((item) => (
            <ChecklistRow
              key={item.key}
              item={item}
              editable={editable}
              pending={save.isPending && save.variables?.items[0]?.key === item.key}
              onChange={(next) => change(item.key, next)}
            />
          ))}
        </Stack>
      </Stack>
    </Section>
  );
}

function ChecklistRow({
  item,
  editable,
  pending,
  onChange,
}: {
  item: ChecklistItem;
  editable: boolean;
  pending: boolean;
  onChange: (next: { done: boolean; note: string | null }) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [note, setNote] = useState(item.note ?? '');
  useEffect(() => setNote(item.note ?? ''), [item.note]);
  const saveNote = () => {
    const next = note.trim() || null;
    if (next !== (item.note ?? null)) onChange({ done: item.done, note: next });
  };
  return (
    <Paper withBorder radius="sm" p="sm" bg={item.done ? 'var(--mantine-color-teal-0)' : undefined}>
      <Stack gap={6}>
        <Checkbox
          size="md"
          label={t(`repairPage.checklist.items.${item.key}`)}
          description={t(`repairPage.checklist.hints.${item.key}`)}
          checked={item.done}
          disabled={!editable || pending}
          onChange={(event) => onChange({ done: event.currentTarget.checked, note: note.trim() || null })}
        />
        {item.done && item.doneAt ? (
          <Text size="xs" c="dimmed" pl={32}>
            {t('repairPage.checklist.doneBy', {
              name: item.doneBy ?? '—',
              date: format.dateTime(item.doneAt),
            })}
          </Text>
        ) : null}
        {editable ? (
          <TextInput
            size="xs"
            pl={32}
            placeholder={t('repairPage.checklist.notePlaceholder')}
            aria-label={t('repairPage.checklist.noteLabel', {
              item: t(`repairPage.checklist.items.${item.key}`),
            })}
            maxLength={500}
            value={note}
            onChange={(event) => setNote(event.currentTarget.value)}
            onBlur={saveNote}
          />
        ) : item.note ? (
          <Text size="xs" pl={32} style={{ whiteSpace: 'pre-wrap' }}>
            {item.note}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  );
}
