import type { Campaign, CampaignStatus } from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Card,
  Drawer,
  Group,
  type MantineColor,
  SimpleGrid,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { IconPlus, IconSend, IconSpeakerphone } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../app/api';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { useCampaign, useCampaigns, useSendCampaign } from './api';
import { CampaignForm } from './CampaignForm';

const STATUS_COLORS: Record<CampaignStatus, MantineColor> = {
  draft: 'gray',
  sending: 'yellow',
  sent: 'teal',
};

function StatusBadge({ status }: { status: CampaignStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light">
      {t(`engagement.campaigns.statuses.${status}`)}
    </Badge>
  );
}

function CampaignCard({ campaign, onOpen }: { campaign: Campaign; onOpen: () => void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  return (
    <UnstyledButton onClick={onOpen} aria-label={campaign.name}>
      <Card withBorder radius="md" p="sm">
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Text fw={600} truncate>
            {campaign.name}
          </Text>
          <StatusBadge status={campaign.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {campaign.channels.map((c) => t(`engagement.channels.${c}`)).join(' · ')}
        </Text>
        <Text size="xs" c="dimmed">
          {campaign.sentAt
            ? t('engagement.campaigns.sentOn', { date: dateTime(campaign.sentAt) })
            : t('engagement.campaigns.createdOn', { date: dateTime(campaign.createdAt) })}
        </Text>
      </Card>
    </UnstyledButton>
  );
}

function Counts({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const counts = campaign.counts;
  if (!counts) return null;
  const cells = [
    ['total', counts.total],
    ['sent', counts.sent],
    ['delivered', counts.delivered],
    ['read', counts.read],
    ['failed', counts.failed],
    ['stored', counts.stored],
    ['unsubscribed', counts.unsubscribed],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 2, xs: 4 }} spacing="xs">
      {cells.map(([key, value]) => (
        <Card key={key} withBorder radius="md" p="xs">
          <Text size="xs" c="dimmed">
            {t(`engagement.campaigns.counts.${key}`)}
          </Text>
          <Text fw={700} fz="lg">
            {value}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}

function CampaignDetail({ id }: { id: string }) {
  const { t } = useTranslation();
  const campaign = useCampaign(id);
  const send = useSendCampaign();
  const [confirming, setConfirming] = useState(false);
  if (!campaign.data) return <QueryStatus query={campaign} rows={4} />;
  const c = campaign.data;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <StatusBadge status={c.status} />
        {c.audienceSize !== null ? (
          <Text size="sm">{t('engagement.campaigns.audience', { count: c.audienceSize })}</Text>
        ) : null}
      </Group>
      <Counts campaign={c} />
      {(['email', 'whatsapp', 'sms'] as const).map((channel) => {
        const message = c.messages[channel];
        if (!message) return null;
        return (
          <Card key={channel} withBorder radius="md" p="sm">
            <Text size="xs" c="dimmed" mb={4}>
              {t(`engagement.channels.${channel}`)}
            </Text>
            {'subject' in message && message.subject ? <Text fw={600}>{message.subject}</Text> : null}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {message.body}
            </Text>
          </Card>
        );
      })}
      {send.isError ? <Alert color="red">{errorMessage(send.error)}</Alert> : null}
      {c.status === 'draft' ? (
        confirming ? (
          <Alert color="yellow" title={t('engagement.campaigns.confirmTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('engagement.campaigns.confirmText')}</Text>
              <Group>
                <Button
                  leftSection={<IconSend size={16} aria-hidden />}
                  loading={send.isPending}
                  onClick={() => send.mutate(c.id, { onSuccess: () => void campaign.refetch() })}
                >
                  {t('engagement.campaigns.sendNow')}
                </Button>
                <Button variant="default" onClick={() => setConfirming(false)}>
                  {t('common.cancel')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : (
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => setConfirming(true)}>
            {t('engagement.campaigns.send')}
          </Button>
        )
      ) : null}
    </Stack>
  );
}

/** Promotions (issue 14 §6): drafts, the audience preview, a one-time send and its counts. */
export function CampaignsPage() {
  const { t } = useTranslation();
  const campaigns = useCampaigns();
  const [formOpened, form] = useDisclosure(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const open = campaigns.data?.items.find((c) => c.id === openId);

  return (
    <>
      <PageHeader
        title={t('engagement.campaigns.title')}
        description={t('engagement.campaigns.description')}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={form.open}>
            {t('engagement.campaigns.new')}
          </Button>
        }
      />
      <QueryStatus query={campaigns} />
      {campaigns.data && campaigns.data.items.length === 0 ? (
        <Empty
          title={t('engagement.campaigns.emptyTitle')}
          description={t('engagement.campaigns.emptyDescription')}
          icon={<IconSpeakerphone size={28} aria-hidden />}
        />
      ) : null}
      {campaigns.data ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
          {campaigns.data.items.map((campaign) => (
            <CampaignCard key={campaign.id} campaign={campaign} onOpen={() => setOpenId(campaign.id)} />
          ))}
        </SimpleGrid>
      ) : null}
      <CampaignForm opened={formOpened} onClose={form.close} />
      <Drawer
        opened={openId !== null}
        onClose={() => setOpenId(null)}
        title={open?.name ?? ''}
        position="right"
        size={isPhone ? '100%' : 'lg'}
      >
        {openId ? <CampaignDetail id={openId} /> : null}
      </Drawer>
    </>
  );
}
