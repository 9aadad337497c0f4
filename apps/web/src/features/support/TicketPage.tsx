import {
  TICKET_CATEGORIES,
  TICKET_PRIORITIES,
  TICKET_STATUSES,
  type TicketDetail,
  type TicketMessage,
  TicketMessageCreateSchema,
  type TicketUpdate,
} from '@bancada/shared';
import {
  Badge,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArrowLeft, IconLock, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { Versioned } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Details } from '../../app/components/Details';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryStatus } from '../../app/components/QueryStates';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { TextLink } from '../../app/components/TextLink';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { useFormat } from '../../app/format';
import { notifyError } from '../../app/notify';
import { useAddTicketMessage, useAssigneeOptions, useTicket, useUpdateTicket } from './api';
import { OverdueBadge, SlaDue, TicketPriorityBadge, TicketStatusBadge } from './display';

function MessageBubble({ message }: { message: TicketMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  const fromCustomer = message.authorCustomerId !== null;
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      bg={
        message.internal
          ? 'var(--mantine-color-yellow-light)'
          : fromCustomer
            ? 'var(--mantine-color-gray-light)'
            : undefined
      }
      style={{ alignSelf: fromCustomer ? 'flex-start' : 'stretch' }}
      aria-label={message.internal ? t('support.ticket.internalNote') : undefined}
    >
      <Group justify="space-between" gap="xs" mb={4} wrap="wrap">
        <Group gap={6}>
          <Text size="sm" fw={600}>
            {message.authorName}
          </Text>
          {fromCustomer ? (
            <Badge size="xs" variant="light" color="grape">
              {t('support.ticket.customerBadge')}
            </Badge>
          ) : null}
          {message.internal ? (
            <Badge size="xs" variant="light" color="yellow" leftSection={<IconLock size={10} aria-hidden />}>
              {t('support.ticket.internalNote')}
            </Badge>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed">
          {format.dateTime(message.createdAt)}
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {message.text}
      </Text>
    </Paper>
  );
}

function ReplyBox({ ticketId, onSent }: { ticketId: string; onSent: () => void }) {
  const { t } = useTranslation();
  const add = useAddTicketMessage(ticketId);
  const form = useForm({
    initialValues: { text: '', internal: false },
    validate: zodResolver(TicketMessageCreateSchema),
  });
  const submit = form.onSubmit((values) => {
    add.mutate(parseWith(TicketMessageCreateSchema, values), {
      onSuccess: () => {
        form.setFieldValue('text', '');
        onSent();
      },
      onError: (error) => {
        if (!applyServerErrors(form.setErrors, error)) notifyError(error);
      },
    });
  });
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      component="form"
      onSubmit={submit}
      noValidate
      bg={form.values.internal ? 'var(--mantine-color-yellow-light)' : undefined}
    >
      <Stack gap="xs">
        <Textarea
          label={form.values.internal ? t('support.ticket.noteLabel') : t('support.ticket.replyLabel')}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={5000}
          {...form.getInputProps('text')}
        />
        <Group justify="space-between" gap="sm" wrap="wrap">
          <Switch
            label={t('support.ticket.internalToggle')}
            {...form.getInputProps('internal', { type: 'checkbox' })}
          />
          <Button type="submit" loading={add.isPending} leftSection={<IconSend size={16} aria-hidden />}>
            {form.values.internal ? t('support.ticket.addNote') : t('support.ticket.send')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function TicketControls({
  versioned,
  onReload,
}: {
  versioned: Versioned<TicketDetail>;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const update = useUpdateTicket(versioned.data.id);
  const assignees = useAssigneeOptions();
  const ticket = versioned.data;
  const readOnly = !can('tickets:write');
  const change = (body: TicketUpdate) => update.mutate({ etag: versioned.etag, body });
  const assigneeOptions = [...(assignees.data ?? [])];
  if (ticket.assigneeId && !assigneeOptions.some((o) => o.value === ticket.assigneeId)) {
    assigneeOptions.unshift({ value: ticket.assigneeId, label: ticket.assigneeName ?? '—' });
  }
  return (
    <Stack gap="sm">
      <SaveErrorAlert error={update.error} staleHint={t('support.ticket.staleHint')} onReload={onReload} />
      <Select
        label={t('support.fields.status')}
        data={TICKET_STATUSES.map((value) => ({ value, label: t(`support.statuses.${value}`) }))}
        value={ticket.status}
        allowDeselect={false}
        disabled={readOnly || update.isPending}
        onChange={(status) => status && change({ status: status as TicketDetail['status'] })}
      />
      <Select
        label={t('support.fields.priority')}
        data={TICKET_PRIORITIES.map((value) => ({ value, label: t(`support.priorities.${value}`) }))}
        value={ticket.priority}
        allowDeselect={false}
        disabled={readOnly || update.isPending}
        onChange={(priority) => priority && change({ priority: priority as TicketDetail['priority'] })}
      />
      <Select
        label={t('support.fields.assignee')}
        placeholder={t('support.tickets.unassigned')}
        data={assigneeOptions}
        value={ticket.assigneeId}
        searchable
        clearable
        disabled={readOnly || update.isPending}
        onChange={(assigneeId) => change({ assigneeId: assigneeId ?? null })}
      />
      <Select
        label={t('support.fields.category')}
        data={TICKET_CATEGORIES.map((value) => ({ value, label: t(`support.categories.${value}`) }))}
        value={ticket.category}
        allowDeselect={false}
        disabled={readOnly || update.isPending}
        onChange={(category) => category && change({ category: category as TicketDetail['category'] })}
      />
    </Stack>
  );
}

/** One ticket: its thread (internal notes shaded), the reply box, and status, priority and assignee. */
export function TicketPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const format = useFormat();
  const query = useTicket(id);
  const versioned = query.data;
  const ticket = versioned?.data;

  if (!ticket || !versioned) {
    return (
      <>
        <PageHeader title={t('nav.tickets')} />
        <QueryStatus query={query} />
      </>
    );
  }

  return (
    <>
      <TextLink to="/tickets" size="sm" mb="xs" display="inline-block">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          {t('support.ticket.back')}
        </Group>
      </TextLink>
      <PageHeader
        title={`#${ticket.number} · ${ticket.subject}`}
        description={
          <Group gap="xs" wrap="wrap">
            <TicketStatusBadge status={ticket.status} />
            <TicketPriorityBadge priority={ticket.priority} />
            {ticket.overdue ? <OverdueBadge /> : null}
            <SlaDue ticket={ticket} />
          </Group>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
          <Stack gap="sm">
            <Title order={2} size="h4">
              {t('support.ticket.thread')}
            </Title>
            {ticket.messages.map((message) => (
              <MessageBubble key={message.id} message={message} />
            ))}
            {can('tickets:write') ? (
              <ReplyBox ticketId={ticket.id} onSent={() => void query.refetch()} />
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
          <Stack gap="md">
            <Paper withBorder radius="md" p="md">
              <TicketControls versioned={versioned} onReload={() => void query.refetch()} />
            </Paper>
            <Paper withBorder radius="md" p="md">
              <Details
                cols={1}
                items={[
                  {
                    label: t('support.fields.customer'),
                    value: ticket.customerId ? (
                      <TextLink to={`/customers/${ticket.customerId}`}>{ticket.customerName ?? '—'}</TextLink>
                    ) : (
                      '—'
                    ),
                  },
                  {
                    label: t('support.fields.repair'),
                    value: ticket.repairId ? (
                      <TextLink to={`/repairs/${ticket.repairId}`}>{t('support.ticket.openRepair')}</TextLink>
                    ) : (
                      '—'
                    ),
                  },
                  { label: t('support.fields.openedBy'), value: t(`support.openers.${ticket.openedBy}`) },
                  { label: t('support.fields.createdAt'), value: format.dateTime(ticket.createdAt) },
                  { label: t('support.fields.slaDueAt'), value: format.dateTime(ticket.slaDueAt) },
                  {
                    label: t('support.fields.resolvedAt'),
                    value: ticket.resolvedAt ? format.dateTime(ticket.resolvedAt) : '—',
                  },
                ]}
              />
            </Paper>
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
