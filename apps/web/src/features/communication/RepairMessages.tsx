import type { ConversationMessage, CustomerMessage, Repair } from '@bancada/shared';
import { Anchor, Badge, Button, Group, Paper, Spoiler, Stack, Text } from '@mantine/core';
import { IconMessageReply, IconMessages, IconMoon, IconSend } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { Section } from '../repairs/RepairPageDisplay';
import { AttachmentList } from './Attachments';
import { useCustomerConversation, useRepairMessages, useRepairReplies, useResendMessage } from './api';
import { ChannelBadge, DeliveryTicks, WaMeButton } from './MessageStatus';
import { WhatsAppText } from './whatsapp-text';

type Entry = { at: string; sent: CustomerMessage } | { at: string; reply: ConversationMessage };

/**
 * An order's messages to the customer with their delivery ticks (issue 14 §1), and the customer's
 * replies about it from their conversation; a failed or kept message can be sent again.
 */
export function RepairMessages({ repair }: { repair: Repair }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const allowed = can('messages:read');
  const messages = useRepairMessages(repair.id, allowed);
  const conversation = useCustomerConversation(repair.customerId, allowed);
  const conversationId = conversation.data?.id ?? null;
  // the customer's replies about this order (the conversation's unread marks stay for the inbox)
  const thread = useRepairReplies(repair.id, allowed);
  if (!allowed) return null;

  const replies = (thread.data ?? []).filter((m) => m.direction === 'in');
  const entries: Entry[] = [
    ...(messages.data ?? []).map((sent) => ({ at: sent.createdAt, sent })),
    ...replies.map((reply) => ({ at: reply.createdAt, reply })),
  ].sort((a, b) => a.at.localeCompare(b.at));

  return (
    <Section
      id="repair-messages"
      title={t('communication.repair.title')}
      actions={
        conversationId ? (
          <Anchor component={Link} to={`/inbox/${conversationId}`} size="sm">
            <Group gap={4} component="span" wrap="nowrap">
              <IconMessages size={16} aria-hidden />
              {t('communication.repair.openConversation')}
            </Group>
          </Anchor>
        ) : null
      }
    >
      <QueryStatus query={messages} rows={3} />
      {messages.data && entries.length === 0 ? (
        <Empty
          icon={<IconSend size={28} aria-hidden />}
          title={t('communication.repair.emptyTitle')}
          description={t('communication.repair.emptyHint')}
        />
      ) : null}
      {entries.length > 0 ? (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {entries.map((entry) =>
            'sent' in entry ? (
              <li key={entry.sent.id}>
                <SentMessage message={entry.sent} repairId={repair.id} />
              </li>
            ) : (
              <li key={entry.reply.id}>
                <CustomerReply message={entry.reply} />
              </li>
            ),
          )}
        </Stack>
      ) : null}
    </Section>
  );
}

function SentMessage({ message, repairId }: { message: CustomerMessage; repairId: string }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  const resend = useResendMessage(repairId);
  const canResend = can('messages:send') && (message.status === 'failed' || message.status === 'stored');
  const heldUntil =
    message.status === 'queued' && message.notBefore && new Date(message.notBefore).getTime() > Date.now()
      ? message.notBefore
      : null;
  const lastStep = message.readAt ?? message.deliveredAt ?? message.sentAt;

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-status={message.status}
      style={message.status === 'failed' ? { borderColor: 'var(--mantine-color-red-6)' } : undefined}
    >
      <Group justify="space-between" gap="xs" wrap="wrap" mb={4}>
        <Group gap="xs" wrap="wrap">
          <ChannelBadge channel={message.channel} size="xs" />
          <Text size="sm" fw={600}>
            {message.event
              ? t(`communication.events.${message.event}`)
              : t('communication.repair.staffMessage')}
          </Text>
          {message.resendOf ? (
            <Badge size="xs" variant="outline" color="gray">
              {t('communication.repair.resent')}
            </Badge>
          ) : null}
        </Group>
        <DeliveryTicks status={message.status} error={message.error} withLabel />
      </Group>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {t('communication.repair.to', { to: message.to })} · {format.dateTime(message.createdAt)}
        {lastStep && lastStep !== message.createdAt
          ? ` · ${t(`communication.statuses.${message.readAt ? 'read' : message.deliveredAt ? 'delivered' : 'sent'}`)} ${format.dateTime(lastStep)}`
          : ''}
      </Text>
      {heldUntil ? (
        <Group gap={4} mt={4} wrap="nowrap">
          <IconMoon size={14} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="xs" c="dimmed">
            {t('communication.repair.heldUntil', { time: format.dateTime(heldUntil) })}
          </Text>
        </Group>
      ) : null}
      <Spoiler
        maxHeight={64}
        showLabel={t('communication.repair.showMore')}
        hideLabel={t('communication.repair.showLess')}
        mt="xs"
        styles={{ control: { fontSize: 'var(--mantine-font-size-xs)' } }}
      >
        {message.subject ? (
          <Text size="sm" fw={500} style={{ overflowWrap: 'anywhere' }}>
            {message.subject}
          </Text>
        ) : null}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.channel === 'whatsapp' ? <WhatsAppText text={message.body} /> : message.body}
        </Text>
      </Spoiler>
      {message.waMeLink || canResend ? (
        <Group gap="xs" mt="xs" wrap="wrap">
          {message.waMeLink ? <WaMeButton href={message.waMeLink} /> : null}
          {canResend ? (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconSend size={14} aria-hidden />}
              loading={resend.isPending}
              onClick={() =>
                resend.mutate(message.id, {
                  onSuccess: () => notifySuccess(t('communication.repair.resendDone')),
                  onError: notifyError,
                })
              }
            >
              {t('communication.repair.resend')}
            </Button>
          ) : null}
        </Group>
      ) : null}
    </Paper>
  );
}

function CustomerReply({ message }: { message: ConversationMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Paper radius="md" p="sm" bg="var(--mantine-color-gray-light)" data-direction="in">
      <Group gap="xs" wrap="wrap" mb={4}>
        <IconMessageReply size={16} aria-hidden />
        <Text size="sm" fw={600}>
          {message.authorName
            ? t('communication.repair.replyFrom', { name: message.authorName })
            : t('communication.repair.reply')}
        </Text>
        <ChannelBadge channel={message.channel} size="xs" />
      </Group>
      {message.text ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {message.text}
        </Text>
      ) : null}
      <AttachmentList attachments={message.attachments} />
      <Text size="xs" c="dimmed" mt={4}>
        {format.dateTime(message.createdAt)}
      </Text>
    </Paper>
  );
}
