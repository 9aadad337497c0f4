import type { Conversation, ConversationMessage, MessageChannel } from '@bancada/shared';
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowLeft,
  IconClockHour4,
  IconMessageCircle,
  IconSend,
} from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { useAuth } from '../../app/auth';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { AttachButtons, AttachmentList, PickedFiles } from './Attachments';
import { useCommunicationStatus, useConversationThread, useReplyToConversation } from './api';
import { checkPicked } from './attachment-files';
import { ChannelBadge, DeliveryTicks, WaMeButton } from './MessageStatus';
import { WhatsAppText } from './whatsapp-text';

/** Who the conversation is with: the customer, or the number that wrote in. */
export function conversationTitle(conversation: Conversation, unknown: string): string {
  return conversation.customerName ?? conversation.phone ?? unknown;
}

/** One conversation: its messages, oldest first, and the staff reply box. */
export function ConversationThread({
  id,
  height,
  onBack,
}: {
  id: string;
  height: string | undefined;
  onBack: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const thread = useConversationThread(id);
  const viewport = useRef<HTMLDivElement>(null);
  const items = thread.data?.items ?? [];
  const lastId = items.at(-1)?.id;

  // the newest message in view when the thread opens and when one arrives
  useEffect(() => {
    if (lastId && viewport.current) viewport.current.scrollTo({ top: viewport.current.scrollHeight });
  }, [lastId]);

  return (
    <Paper withBorder radius="md" h={height} p={0}>
      <Stack gap={0} h="100%">
        <ThreadHeader conversation={thread.data?.conversation ?? null} onBack={onBack} />
        <ScrollArea
          viewportRef={viewport}
          style={{ flex: 1 }}
          mih={height ? undefined : '50dvh'}
          type="auto"
          bg="var(--mantine-color-gray-light)"
        >
          <Stack gap="sm" p="sm">
            <QueryStatus query={thread} rows={4} />
            {thread.data && items.length === 0 ? (
              <Empty
                icon={<IconMessageCircle size={28} aria-hidden />}
                title={t('communication.thread.emptyTitle')}
                description={t('communication.thread.emptyHint')}
              />
            ) : null}
            {items.map((message) => (
              <MessageBubble key={message.id} message={message} />
            ))}
          </Stack>
        </ScrollArea>
        {thread.data && can('messages:send') ? (
          <ReplyBox
            conversation={thread.data.conversation}
            repairId={[...items].reverse().find((m) => m.repairId)?.repairId ?? null}
          />
        ) : null}
      </Stack>
    </Paper>
  );
}

function ThreadHeader({
  conversation,
  onBack,
}: {
  conversation: Conversation | null;
  onBack: (() => void) | undefined;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const format = useFormat();
  return (
    <Group
      gap="sm"
      p="sm"
      wrap="nowrap"
      style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      {onBack ? (
        <ActionIcon variant="subtle" onClick={onBack} aria-label={t('communication.thread.back')} size="lg">
          <IconArrowLeft size={20} aria-hidden />
        </ActionIcon>
      ) : null}
      {conversation ? (
        <Stack gap={0} style={{ minWidth: 0, flex: 1 }}>
          <Group gap="xs" wrap="wrap">
            {conversation.customerId && can('customers:read') ? (
              <Anchor component={Link} to={`/customers/${conversation.customerId}`} fw={600} truncate="end">
                {conversationTitle(conversation, t('communication.inbox.unknownSender'))}
              </Anchor>
            ) : (
              <Text fw={600} truncate="end">
                {conversationTitle(conversation, t('communication.inbox.unknownSender'))}
              </Text>
            )}
            {conversation.customerName && conversation.phone ? (
              <Text size="sm" c="dimmed">
                {conversation.phone}
              </Text>
            ) : null}
          </Group>
          <Group gap={4} wrap="nowrap">
            <IconClockHour4 size={14} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text size="xs" c="dimmed">
              {conversation.whatsappWindowUntil
                ? t('communication.thread.windowOpen', {
                    time: format.dateTime(conversation.whatsappWindowUntil),
                  })
                : t('communication.thread.windowClosed')}
            </Text>
          </Group>
        </Stack>
      ) : null}
    </Group>
  );
}

function MessageBubble({ message }: { message: ConversationMessage }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isOut = message.direction === 'out';
  return (
    <Stack gap={4} align={isOut ? 'flex-end' : 'flex-start'} data-direction={message.direction}>
      <Paper
        p="sm"
        radius="md"
        shadow="xs"
        maw="min(36rem, 85%)"
        bg={isOut ? 'var(--mantine-primary-color-light)' : 'var(--mantine-color-body)'}
        style={{ border: message.status === 'failed' ? '1px solid var(--mantine-color-red-6)' : undefined }}
      >
        <Group gap="xs" mb={4} wrap="wrap">
          {message.authorName ? (
            <Text size="xs" fw={600}>
              {message.authorName}
            </Text>
          ) : null}
          <ChannelBadge channel={message.channel} size="xs" />
        </Group>
        {message.text ? (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {message.channel === 'whatsapp' ? <WhatsAppText text={message.text} /> : message.text}
          </Text>
        ) : null}
        <AttachmentList attachments={message.attachments} />
        <Group gap="xs" justify="flex-end" mt={4} wrap="wrap">
          {message.repairId ? (
            <Anchor component={Link} to={`/repairs/${message.repairId}`} size="xs">
              {t('communication.thread.aboutOrder')}
            </Anchor>
          ) : null}
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {format.dateTime(message.createdAt)}
          </Text>
          {isOut && message.status ? <DeliveryTicks status={message.status} error={message.error} /> : null}
        </Group>
      </Paper>
      {message.waMeLink ? <WaMeButton href={message.waMeLink} /> : null}
    </Stack>
  );
}

const REPLY_CHANNELS: readonly MessageChannel[] = ['whatsapp', 'sms', 'email'];

function ReplyBox({ conversation, repairId }: { conversation: Conversation; repairId: string | null }) {
  const { t } = useTranslation();
  const providers = useCommunicationStatus().data?.providers;
  // outside the 24-hour window a WhatsApp provider takes no free text (the server says so on send)
  const windowClosed = providers?.whatsapp === true && !conversation.whatsappWindowUntil;
  const [channel, setChannel] = useState<MessageChannel>('whatsapp');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const reply = useReplyToConversation(conversation.id);
  // a number no customer has can only be answered on WhatsApp
  const canChoose = conversation.customerId !== null;

  const pick = (picked: File[]) => {
    const next = [...files, ...picked];
    const problem = checkPicked(next);
    if (problem) {
      setFieldError(t(`communication.attachments.${problem.key}`, problem.values));
      return;
    }
    setFieldError(null);
    setFiles(next);
  };

  const send = (via: MessageChannel) => {
    const body = text.trim();
    if (!body && files.length === 0) {
      setFieldError(t('communication.thread.textRequired'));
      return;
    }
    setFieldError(null);
    setRefusal(null);
    setChannel(via);
    // the server refuses it too (409); said here before anything is uploaded
    if (via === 'sms' && files.length > 0) {
      setRefusal(t('communication.attachments.smsNoFiles'));
      return;
    }
    reply.mutate(
      { text: body, channel: via, ...(repairId ? { repairId } : {}), files },
      {
        onSuccess: () => {
          setText('');
          setFiles([]);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) setRefusal(error.message);
          else if (error instanceof ApiError && error.status === 400) setFieldError(error.message);
          else setRefusal(errorMessage(error));
        },
      },
    );
  };

  const others = REPLY_CHANNELS.filter((c) => c !== channel);

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        send(channel);
      }}
      style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
    >
      <Stack gap="xs" p="sm">
        {refusal ? (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert" p="xs">
            <Stack gap={6} align="flex-start">
              <Text size="sm">{refusal}</Text>
              {canChoose ? (
                <Group gap="xs" wrap="wrap">
                  {others.map((other) => (
                    <Button
                      key={other}
                      size="xs"
                      variant="light"
                      color="orange"
                      loading={reply.isPending && channel === other}
                      onClick={() => send(other)}
                    >
                      {t('communication.thread.sendVia', { channel: t(`communication.channels.${other}`) })}
                    </Button>
                  ))}
                </Group>
              ) : null}
            </Stack>
          </Alert>
        ) : null}
        {canChoose ? (
          <Group gap="xs" wrap="wrap">
            <Text size="xs" c="dimmed" id={`reply-channel-${conversation.id}`}>
              {t('communication.thread.channel')}
            </Text>
            <SegmentedControl
              size="xs"
              value={channel}
              onChange={(value) => {
                setChannel(value as MessageChannel);
                setRefusal(null);
              }}
              data={REPLY_CHANNELS.map((value) => ({ value, label: t(`communication.channels.${value}`) }))}
              aria-labelledby={`reply-channel-${conversation.id}`}
            />
          </Group>
        ) : null}
        {windowClosed && channel === 'whatsapp' && !refusal ? (
          <Text size="xs" c="orange">
            {t('communication.thread.windowClosedHint')}
          </Text>
        ) : null}
        <PickedFiles files={files} onRemove={(index) => setFiles(files.filter((_, i) => i !== index))} />
        <Group gap={4} align="flex-end" wrap="nowrap">
          <AttachButtons onPick={pick} disabled={reply.isPending} />
          <Textarea
            aria-label={t('communication.thread.replyLabel')}
            placeholder={t('communication.thread.replyPlaceholder')}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              if (fieldError) setFieldError(null);
            }}
            onKeyDown={(event) => {
              // Ctrl/⌘+Enter sends; Enter alone is a new line (phones have no other way)
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                send(channel);
              }
            }}
            error={fieldError}
            autosize
            minRows={1}
            maxRows={6}
            maxLength={4096}
            style={{ flex: 1 }}
          />
          <ActionIcon
            type="submit"
            size="input-sm"
            loading={reply.isPending}
            aria-label={t('communication.thread.send')}
          >
            <IconSend size={18} aria-hidden />
          </ActionIcon>
        </Group>
      </Stack>
    </form>
  );
}
