import {
  ActionIcon,
  Alert,
  Button,
  CopyButton,
  Group,
  List,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconCalendarShare, IconCheck, IconCopy, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { QueryStatus } from '../../app/components/QueryStates';
import { notifyError, notifySuccess } from '../../app/notify';
import { calendarFeedPath, useCalendarFeed, useReplaceCalendarFeed } from './calendar-feed-api';

/** Asks before the old address stops working: every calendar subscribed to it stops updating. */
function ReplaceDialog({
  opened,
  pending,
  onClose,
  onConfirm,
}: {
  opened: boolean;
  pending: boolean;
  onClose: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('calendarFeed.replaceTitle')} centered>
      <Stack gap="md">
        <Text size="sm">{t('calendarFeed.replaceBody')}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('calendarFeed.cancel')}
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {t('calendarFeed.replaceConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function FeedLink({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="flex-end">
      <TextInput
        label={t('calendarFeed.urlLabel')}
        value={url}
        readOnly
        style={{ flex: 1, minWidth: 0 }}
        onFocus={(event) => event.currentTarget.select()}
      />
      <CopyButton value={url} timeout={2000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('calendarFeed.copied') : t('calendarFeed.copy')} withArrow>
            <ActionIcon
              size="lg"
              variant={copied ? 'filled' : 'default'}
              color={copied ? 'teal' : undefined}
              onClick={copy}
              aria-label={t('calendarFeed.copy')}
            >
              {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/**
 * The signed-in person's secret iCalendar address (issue 15 §1), to subscribe to in Google Calendar,
 * Apple Calendar or Outlook; replacing it (after a confirmation) makes the old one stop working.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const path = calendarFeedPath(me);
  const feed = useCalendarFeed(path);
  const replace = useReplaceCalendarFeed(path);
  const [confirming, setConfirming] = useState(false);

  const confirmReplace = () =>
    replace.mutate(undefined, {
      onSuccess: () => {
        setConfirming(false);
        notifySuccess(t('calendarFeed.replaced'));
      },
      onError: (error) => notifyError(error),
    });

  return (
    <Paper
      withBorder
      p={{ base: 'md', sm: 'lg' }}
      radius="md"
      component="section"
      aria-labelledby="account-calendar-feed"
    >
      <Title order={2} fz="h4" mb="md" id="account-calendar-feed">
        {t('calendarFeed.title')}
      </Title>
      <Stack gap="md">
        <Text size="sm">{t('calendarFeed.description')}</Text>
        <QueryStatus query={feed} rows={1} />
        {feed.data && (
          <>
            <FeedLink url={feed.data.url} />
            <Text size="sm" c="dimmed">
              {t('calendarFeed.secretHint')}
            </Text>
            {!me.organization.customerLinksReachable && (
              <Alert color="yellow" variant="light" icon={<IconAlertTriangle aria-hidden />}>
                {t('calendarFeed.unreachable')}
              </Alert>
            )}
            <Group>
              <Button
                variant="default"
                leftSection={<IconRefresh size={18} aria-hidden />}
                onClick={() => setConfirming(true)}
              >
                {t('calendarFeed.replace')}
              </Button>
            </Group>
          </>
        )}
        <Stack gap="xs">
          <Group gap="xs">
            <IconCalendarShare size={18} aria-hidden />
            <Text fw={600} size="sm">
              {t('calendarFeed.howTo')}
            </Text>
          </Group>
          <List size="sm" spacing="xs">
            <List.Item>{t('calendarFeed.google')}</List.Item>
            <List.Item>{t('calendarFeed.apple')}</List.Item>
            <List.Item>{t('calendarFeed.outlook')}</List.Item>
          </List>
        </Stack>
      </Stack>
      <ReplaceDialog
        opened={confirming}
        pending={replace.isPending}
        onClose={() => setConfirming(false)}
        onConfirm={confirmReplace}
      />
    </Paper>
  );
}
