import {
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_SLA_HOURS,
  type TicketCategory,
  TicketCreateSchema,
  type TicketPriority,
} from '@bancada/shared';
import { Button, Group, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCustomers } from '../customers/api';
import { useRepairs } from '../repairs/api';
import { useAssigneeOptions, useCreateTicket } from './api';

interface Values {
  subject: string;
  category: TicketCategory;
  priority: TicketPriority;
  customerId: string;
  repairId: string;
  assigneeId: string;
  text: string;
}

const EMPTY: Values = {
  subject: '',
  category: 'question',
  priority: 'normal',
  customerId: '',
  repairId: '',
  assigneeId: '',
  text: '',
};

/** The customer, searched on the server by name, document or phone; optional. */
export function TicketCustomerSelect({
  value,
  error,
  onChange,
  label,
}: {
  value: string;
  error?: unknown;
  onChange: (id: string) => void;
  label: string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const [q] = useDebouncedValue(picked && search === picked.label ? '' : search.trim(), 250);
  const candidates = useCustomers({ q: q || undefined, sort: 'name', page: 1, pageSize: 20 });
  const found = (candidates.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const options = picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  return (
    <Select
      label={label}
      placeholder={t('support.tickets.customerPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: all }) => all}
      data={options}
      nothingFoundMessage={candidates.isFetching ? t('common.loading') : t('support.tickets.nobody')}
      value={value || null}
      error={typeof error === 'string' ? error : undefined}
      onChange={(id, option) => {
        setPicked(id && option ? { value: id, label: option.label } : null);
        onChange(id ?? '');
      }}
      clearable
    />
  );
}

/** The customer's latest orders, to say which one the ticket is about. */
function RepairSelect({
  customerId,
  error,
  ...field
}: {
  customerId: string;
  value: string;
  error?: unknown;
  onChange: (v: string) => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const repairs = useRepairs(
    { customerId, page: 1, pageSize: 20, sort: '-receivedAt' },
    { enabled: Boolean(customerId) && can('repairs:read') },
  );
  if (!customerId || !can('repairs:read')) return null;
  return (
    <Select
      label={t('support.fields.repair')}
      placeholder={t('support.tickets.repairPlaceholder')}
      data={(repairs.data?.items ?? []).map((r) => ({
        value: r.id,
        label: `#${r.number} · ${format.shortDate(r.receivedAt)}${r.serviceDescription ? ` · ${r.serviceDescription}` : ''}`,
      }))}
      nothingFoundMessage={repairs.isFetching ? t('common.loading') : t('support.tickets.noRepairs')}
      value={field.value || null}
      error={typeof error === 'string' ? error : undefined}
      onChange={(id) => field.onChange(id ?? '')}
      clearable
      searchable
    />
  );
}

/** A new ticket: subject, category, priority (which fixes the SLA), who it is about and the first message. */
export function NewTicketModal({
  opened,
  onClose,
  initialCustomerId,
}: {
  opened: boolean;
  onClose: () => void;
  initialCustomerId?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isPhone = useMediaQuery('(max-width: 36em)');
  const create = useCreateTicket();
  const assignees = useAssigneeOptions();
  const form = useForm<Values>({
    initialValues: { ...EMPTY, customerId: initialCustomerId ?? '' },
    validate: zodResolver(TicketCreateSchema),
  });

  const close = () => {
    form.reset();
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((values) => {
    create.mutate(parseWith(TicketCreateSchema, values), {
      onSuccess: (ticket) => {
        notifySuccess(t('support.tickets.created', { number: ticket.number }));
        close();
        void navigate(`/tickets/${ticket.id}`);
      },
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) notifyError(error);
      },
    });
  });

  return (
    <Modal opened={opened} onClose={close} title={t('support.tickets.new')} size="lg" fullScreen={isPhone}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('support.fields.subject')}
            required
            maxLength={200}
            data-autofocus
            {...form.getInputProps('subject')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <Select
              label={t('support.fields.category')}
              required
              allowDeselect={false}
              data={TICKET_CATEGORIES.map((value) => ({ value, label: t(`support.categories.${value}`) }))}
              {...form.getInputProps('category')}
            />
            <Select
              label={t('support.fields.priority')}
              required
              allowDeselect={false}
              description={t('support.tickets.slaHint', { hours: TICKET_SLA_HOURS[form.values.priority] })}
              inputWrapperOrder={['label', 'input', 'description', 'error']}
              data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`support.priorities.${value}`) }))}
              {...form.getInputProps('priority')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TicketCustomerSelect
              label={t('support.fields.customer')}
              value={form.values.customerId}
              error={form.errors.customerId}
              onChange={(id) => {
                form.setFieldValue('customerId', id);
                form.setFieldValue('repairId', '');
              }}
            />
            <Select
              label={t('support.fields.assignee')}
              placeholder={t('support.tickets.unassigned')}
              data={assignees.data ?? []}
              searchable
              clearable
              value={form.values.assigneeId || null}
              error={form.errors.assigneeId}
              onChange={(id) => form.setFieldValue('assigneeId', id ?? '')}
            />
          </SimpleGrid>
          <RepairSelect
            customerId={form.values.customerId}
            value={form.values.repairId}
            error={form.errors.repairId}
            onChange={(id) => form.setFieldValue('repairId', id)}
          />
          <Textarea
            label={t('support.fields.firstMessage')}
            required
            autosize
            minRows={4}
            maxRows={12}
            maxLength={5000}
            {...form.getInputProps('text')}
          />
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('support.tickets.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
