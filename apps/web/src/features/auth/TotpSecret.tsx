import type { TwoFactorSetup } from '@bancada/shared';
import { Code, Group, Image, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The new secret as a QR code to scan and as a key to type, in groups of four. */
export function TotpSecret({ setup }: { setup: TwoFactorSetup }) {
  const { t } = useTranslation();
  const grouped = setup.secret.match(/.{1,4}/g)?.join(' ') ?? setup.secret;
  return (
    <Stack gap="xs" align="center">
      <Text size="sm">{t('auth.twoFactor.scan')}</Text>
      <Image src={setup.qrDataUrl} alt={t('auth.twoFactor.qrAlt')} w={200} h={200} fit="contain" />
      <Text size="sm" c="dimmed">
        {t('auth.twoFactor.manualKey')}
      </Text>
      <Group gap="xs" justify="center">
        <Code fz="sm" data-testid="totp-secret" data-secret={setup.secret} style={{ wordBreak: 'break-all' }}>
          {grouped}
        </Code>
      </Group>
    </Stack>
  );
}
