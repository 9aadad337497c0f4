import type { CONVERSATION_CHANNELS, OutboxStatus } from '@bancada/shared';
import { Badge, Button, Group, type MantineColor, Text, Tooltip } from '@mantine/core';
import {
  IconAlertCircle,
  IconBrandWhatsapp,
  IconCheck,
  IconChecks,
  IconClock,
  IconDeviceFloppy,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

type Channel = (typeof CONVERSATION_CHANNELS)[number];

const CHANNEL_COLORS: Record<Channel, MantineColor> = {
  email: 'blue',
  sms: 'violet',
  whatsapp: 'green',
  portal: 'orange',
};

export function ChannelBadge({ channel, size = 'sm' }: { channel: Channel; size?: 'xs' | 'sm' }) {
  const { t } = useTranslation();
  return (
    <Badge color={CHANNEL_COLORS[channel]} variant="light" size={size} style={{ minWidth: 'max-content' }}>
      {t(`communication.channels.${channel}`)}
    </Badge>
  );
}

const TICKS: Record<OutboxStatus, { icon: typeof IconCheck; color: string }> = {
  queued: { icon: IconClock, color: 'var(--mantine-color-dimmed)' },
  sent: { icon: IconCheck, color: 'var(--mantine-color-dimmed)' },
  delivered: { icon: IconChecks, color: 'var(--mantine-color-dimmed)' },
  read: { icon: IconChecks, color: 'var(--mantine-color-blue-6)' },
  stored: { icon: IconDeviceFloppy, color: 'var(--mantine-color-dimmed)' },
  failed: { icon: IconAlertCircle, color: 'var(--mantine-color-red-6)' },
};

/**
 * An outgoing message's delivery, as a phone shows it: a clock while queued, ✓ sent, ✓✓ delivered,
 * blue ✓✓ read, red when it failed (with the provider's error), kept when no provider could send it.
 */
export function DeliveryTicks({
  status,
  error,
  withLabel = false,
}: {
  status: OutboxStatus;
  error?: string | null;
  withLabel?: boolean;
}) {
  const { t } = useTranslation();
  const { icon: Icon, color } = TICKS[status];
  const label = t(`communication.statuses.${status}`);
  return (
    <Group gap={4} wrap="nowrap" component="span" data-status={status}>
      <Tooltip label={label} withArrow>
        <Icon size={16} color={color} aria-label={label} role="img" stroke={2} />
      </Tooltip>
      {withLabel || status === 'failed' ? (
        <Text span size="xs" c={status === 'failed' ? 'red' : 'dimmed'}>
          {label}
        </Text>
      ) : null}
      {status === 'failed' && error ? (
        <Text span size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
          · {error}
        </Text>
      ) : null}
    </Group>
  );
}

/** A message no WhatsApp provider could send: one tap opens WhatsApp with the text filled in. */
export function WaMeButton({ href }: { href: string }) {
  const { t } = useTranslation();
  return (
    <Button
      component="a"
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      size="xs"
      color="green"
      variant="light"
      leftSection={<IconBrandWhatsapp size={16} aria-hidden />}
    >
      {t('communication.sendViaWhatsApp')}
    </Button>
  );
}
