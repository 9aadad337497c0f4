import type { EstimateWithLink, Repair } from '@bancada/shared';
import { ActionIcon, Alert, Button, CopyButton, Group, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import { IconBrandWhatsapp, IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useFormat } from '../../app/format';

function absoluteLink(link: string): string {
  try {
    return new URL(link, window.location.origin).toString();
  } catch {
    return link;
  }
}

/** The customer's no-login link, to copy or send by WhatsApp. */
export function LinkCard({ repair, estimate }: { repair: Repair; estimate: EstimateWithLink }) {
  const { t } = useTranslation();
  const { me } = useAuth();
  const format = useFormat();
  const link = absoluteLink(estimate.link);
  const message = t('repairPage.estimate.whatsappMessage', {
    customer: repair.customerName.split(' ')[0],
    shop: me.organization.name,
    number: repair.number,
    date: format.date(estimate.validUntil),
    link,
  });
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCheck aria-hidden />}
      title={t('repairPage.estimate.linkTitle', { version: estimate.version })}
      role="status"
    >
      <Stack gap="xs">
        <Text size="sm">{t('repairPage.estimate.linkHint')}</Text>
        <Group gap="xs" wrap="nowrap">
          <TextInput
            value={link}
            readOnly
            aria-label={t('repairPage.estimate.linkLabel')}
            style={{ flex: 1, minWidth: 0 }}
            onFocus={(event) => event.currentTarget.select()}
          />
          <CopyButton value={link} timeout={2000}>
            {({ copied, copy }) => (
              <Tooltip
                label={copied ? t('repairPage.estimate.copied') : t('repairPage.estimate.copy')}
                withArrow
              >
                <ActionIcon
                  size="lg"
                  variant={copied ? 'filled' : 'default'}
                  color={copied ? 'teal' : undefined}
                  onClick={copy}
                  aria-label={t('repairPage.estimate.copy')}
                >
                  {copied ? <IconCheck size={18} aria-hidden /> : <IconCopy size={18} aria-hidden />}
                </ActionIcon>
              </Tooltip>
            )}
          </CopyButton>
        </Group>
        <Group gap="xs">
          <Button
            component="a"
            href={`https://wa.me/?text=${encodeURIComponent(message)}`}
            target="_blank"
            rel="noopener noreferrer"
            color="green"
            leftSection={<IconBrandWhatsapp size={16} aria-hidden />}
          >
            {t('repairPage.estimate.whatsapp')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
