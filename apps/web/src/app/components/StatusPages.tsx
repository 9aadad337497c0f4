import { Button, Center, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconLock, IconMapQuestion } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

function StatusPage({ icon, title, text }: { icon: React.ReactNode; title: string; text: string }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · Bancada`);
  return (
    <Center py={64}>
      <Stack align="center" gap="sm" maw={420} ta="center">
        <ThemeIcon size={64} radius="xl" variant="light" color="gray">
          {icon}
        </ThemeIcon>
        <Title order={1} fz="h2">
          {title}
        </Title>
        <Text c="dimmed">{text}</Text>
        <Button component={Link} to="/" mt="sm">
          {t('status.backHome')}
        </Button>
      </Stack>
    </Center>
  );
}

export function NoAccessPage() {
  const { t } = useTranslation();
  return (
    <StatusPage
      icon={<IconLock size={32} aria-hidden />}
      title={t('status.noAccessTitle')}
      text={t('status.noAccessText')}
    />
  );
}

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <StatusPage
      icon={<IconMapQuestion size={32} aria-hidden />}
      title={t('status.notFoundTitle')}
      text={t('status.notFoundText')}
    />
  );
}
