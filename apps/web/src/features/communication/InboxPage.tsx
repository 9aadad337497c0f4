import type { Conversation } from '@bancada/shared';
import {
  Badge,
  Grid,
  Group,
  Paper,
  ScrollArea,
  SegmentedControl,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconMessageCircle, IconMessages } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../app/components/PageHeader';
import { Paging } from '../../app/components/Paging';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useLiveRepairs } from '../../app/live';
import { useConversations } from './api';
import { ConversationThread, conversationTitle } from './ConversationThread';

const PAGE_SIZE = 30;
// both panes fill the window below the header; each scrolls on its own
const PANE_HEIGHT = 'max(24rem, calc(100dvh - 12rem))';

/** The staff inbox (issue 14 §3): conversations on the left, the open one on the right; live. */
export function InboxPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  // new messages and delivery ticks arrive over the tab's live connection
  useLiveRepairs();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [onlyUnread, setOnlyUnread] = useState(false);
  const [page, setPage] = useState(1);
  const conversations = useConversations({ unread: onlyUnread, page, pageSize: PAGE_SIZE });
  const unreadCount = conversations.data?.unreadConversations ?? 0;

  const list = (
    <Paper withBorder radius="md" p={0} h={isPhone ? undefined : PANE_HEIGHT}>
      <Stack gap={0} h="100%">
        <Group justify="space-between" gap="xs" p="sm" wrap="wrap">
          <SegmentedControl
            size="xs"
            value={onlyUnread ? 'unread' : 'all'}
            onChange={(value) => {
              setOnlyUnread(value === 'unread');
              setPage(1);
            }}
            data={[
              { value: 'all', label: t('communication.inbox.all') },
              {
                value: 'unread',
                label: unreadCount
                  ? t('communication.inbox.unreadCount', { count: unreadCount })
                  : t('communication.inbox.unread'),
              },
            ]}
            aria-label={t('communication.inbox.filter')}
          />
        </Group>
        <ScrollArea style={{ flex: 1 }} type="auto">
          <Stack gap={0} px="xs" pb="xs">
            <QueryStatus query={conversations} rows={6} />
            {conversations.data && conversations.data.items.length === 0 ? (
              <Empty
                icon={<IconMessages size={28} aria-hidden />}
                title={onlyUnread ? t('communication.inbox.noUnread') : t('communication.inbox.emptyTitle')}
                description={onlyUnread ? undefined : t('communication.inbox.emptyHint')}
              />
            ) : null}
            <Stack
              gap={2}
              component="ul"
              style={{ listStyle: 'none', padding: 0, margin: 0 }}
              aria-label={t('communication.inbox.listLabel')}
            >
              {conversations.data?.items.map((conversation) => (
                <li key={conversation.id}>
                  <ConversationRow
                    conversation={conversation}
                    active={conversation.id === id}
                    onOpen={() => navigate(`/inbox/${conversation.id}`)}
                  />
                </li>
              ))}
            </Stack>
          </Stack>
        </ScrollArea>
        {conversations.data && conversations.data.total > PAGE_SIZE ? (
          <Group p="xs">
            <Paging total={conversations.data.total} page={page} pageSize={PAGE_SIZE} onChange={setPage} />
          </Group>
        ) : null}
      </Stack>
    </Paper>
  );

  const thread = id ? (
    <ConversationThread
      key={id}
      id={id}
      height={isPhone ? undefined : PANE_HEIGHT}
      onBack={isPhone ? () => navigate('/inbox') : undefined}
    />
  ) : (
    <Paper withBorder radius="md" h={PANE_HEIGHT}>
      <Stack h="100%" justify="center">
        <Empty
          icon={<IconMessageCircle size={28} aria-hidden />}
          title={t('communication.inbox.pickTitle')}
          description={t('communication.inbox.pickHint')}
        />
      </Stack>
    </Paper>
  );

  return (
    <>
      {isPhone && id ? null : (
        <PageHeader title={t('nav.inbox')} description={t('communication.inbox.description')} />
      )}
      {isPhone ? (
        // phones: the list, or the open conversation with a way back
        id ? (
          thread
        ) : (
          list
        )
      ) : (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 5, lg: 4 }}>{list}</Grid.Col>
          <Grid.Col span={{ base: 12, md: 7, lg: 8 }}>{thread}</Grid.Col>
        </Grid>
      )}
    </>
  );
}

function ConversationRow({
  conversation,
  active,
  onOpen,
}: {
  conversation: Conversation;
  active: boolean;
  onOpen: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const title = conversationTitle(conversation, t('communication.inbox.unknownSender'));
  const isUnread = conversation.unread > 0;
  return (
    <UnstyledButton
      onClick={onOpen}
      w="100%"
      p="sm"
      aria-current={active ? 'true' : undefined}
      style={{
        borderRadius: 'var(--mantine-radius-md)',
        background: active ? 'var(--mantine-primary-color-light)' : undefined,
      }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text fw={isUnread ? 700 : 500} size="sm" truncate="end">
            {title}
          </Text>
          {conversation.customerName && conversation.phone ? (
            <Text size="xs" c="dimmed" truncate="end">
              {conversation.phone}
            </Text>
          ) : null}
          <Text
            size="sm"
            c={isUnread ? undefined : 'dimmed'}
            lineClamp={1}
            style={{ overflowWrap: 'anywhere' }}
          >
            {conversation.lastPreview ?? ''}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {format.isToday(conversation.lastMessageAt)
              ? format.time(conversation.lastMessageAt)
              : format.shortDate(conversation.lastMessageAt)}
          </Text>
          {isUnread ? (
            <Badge
              size="sm"
              circle={conversation.unread < 10}
              color="green"
              aria-label={t('communication.inbox.unreadMessages', { count: conversation.unread })}
            >
              {conversation.unread}
            </Badge>
          ) : null}
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
