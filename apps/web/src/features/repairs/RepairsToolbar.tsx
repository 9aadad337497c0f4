import {
  REPAIR_PRIORITIES,
  REPAIR_SORTS,
  REPAIR_STATUSES,
  type RepairPriority,
  type RepairStatus,
  SERVICE_TYPES,
} from '@bancada/shared';
import { Button, Group, SegmentedControl, Select, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconLayoutKanban, IconList, IconPlus, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { type RepairFilters, type RepairSort, useTechnicianOptions } from './api';

function pick<T extends string>(allowed: readonly T[], value: string | null): T | undefined {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export type FilterChanges = Partial<Record<keyof RepairFilters, string | number | null | undefined>>;

/** The filters live in the address, so a view can be shared, reloaded and gone back to. */
export function useRepairFilters(pageSize: number, defaultSort: RepairSort = '-receivedAt') {
  const [params, setParams] = useSearchParams();
  const status = (params.get('status') ?? '')
    .split(',')
    .filter((s): s is RepairStatus => (REPAIR_STATUSES as readonly string[]).includes(s));
  const from = params.get('from');
  const to = params.get('to');
  const filters: RepairFilters = {
    status: status.length > 0 ? status : undefined,
    customerId: params.get('customerId') || undefined,
    technicianId: params.get('technicianId') || undefined,
    serviceType: pick(SERVICE_TYPES, params.get('serviceType')),
    priority: pick(REPAIR_PRIORITIES, params.get('priority')),
    from: from && DATE.test(from) ? from : undefined,
    to: to && DATE.test(to) ? to : undefined,
    open: params.get('open') === 'true' ? 'true' : undefined,
    overdue: params.get('overdue') === 'true' ? 'true' : undefined,
    q: params.get('q')?.trim() || undefined,
    sort: pick(REPAIR_SORTS, params.get('sort')) ?? defaultSort,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize,
  };
  const update = (changes: FilterChanges) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null || value === undefined || value === '') next.delete(key);
          else next.set(key, String(value));
        }
        // any change of filter starts from the first page again
        if (!('page' in changes)) next.delete('page');
        if (next.get('sort') === defaultSort) next.delete('sort');
        return next;
      },
      { replace: true },
    );
  };
  return { filters, update };
}

/** Board / list switch; the filters both views share travel along in the address. */
export function ViewToggle() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const view = location.pathname.startsWith('/repairs/list') ? 'list' : 'board';
  return (
    <SegmentedControl
      aria-label={t('repairShared.views.label')}
      value={view}
      onChange={(value) =>
        navigate({ pathname: value === 'list' ? '/repairs/list' : '/repairs', search: location.search })
      }
      data={[
        {
          value: 'board',
          label: (
            <Group gap={6} wrap="nowrap" justify="center">
              <IconLayoutKanban size={16} aria-hidden />
              <span>{t('repairShared.views.board')}</span>
            </Group>
          ),
        },
        {
          value: 'list',
          label: (
            <Group gap={6} wrap="nowrap" justify="center">
              <IconList size={16} aria-hidden />
              <span>{t('repairShared.views.list')}</span>
            </Group>
          ),
        },
      ]}
    />
  );
}

export function NewRepairButton() {
  const { t } = useTranslation();
  const { can } = useAuth();
  if (!can('repairs:create')) return null;
  return (
    <Button component={Link} to="/repairs/new" leftSection={<IconPlus size={16} aria-hidden />}>
      {t('repairShared.new')}
    </Button>
  );
}

/** The text box: typed text reaches the address once the typing pauses. */
export function RepairSearchInput({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (q: string) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(value ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the debounced text only
  useEffect(() => {
    if (debounced !== (value ?? '')) onChange(debounced);
  }, [debounced]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the address only
  useEffect(() => {
    if ((value ?? '') !== search.trim()) setSearch(value ?? '');
  }, [value]);
  return (
    <TextInput
      label={t('common.search')}
      placeholder={t('repairShared.filters.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={search}
      onChange={(event) => setSearch(event.currentTarget.value)}
      type="search"
      maxLength={120}
    />
  );
}

export function TechnicianFilter({
  value,
  onChange,
}: {
  value: string | undefined;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  const technicians = useTechnicianOptions();
  const data = [{ value: 'me', label: t('repairShared.filters.me') }, ...(technicians.data ?? [])];
  return (
    <Select
      label={t('repairShared.fields.technician')}
      placeholder={t('common.all')}
      data={data}
      value={value ?? null}
      onChange={onChange}
      searchable
      clearable
    />
  );
}

export function PriorityFilter({
  value,
  onChange,
}: {
  value: RepairPriority | undefined;
  onChange: (value: string | null) => void;
}) {
  const { t } = useTranslation();
  return (
    <Select
      label={t('repairShared.fields.priority')}
      placeholder={t('common.all')}
      data={REPAIR_PRIORITIES.map((p) => ({ value: p, label: t(`repairVocab.priorities.${p}`) }))}
      value={value ?? null}
      onChange={onChange}
      clearable
    />
  );
}
