import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '../../app/components/Brand';
import { LanguageSwitcher } from '../../app/components/LanguageSwitcher';

/** The frame of the public pages: brand, tagline, language switch and a card with the form. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · Bancada`);
  return (
    <Box
      mih="100dvh"
      style={{
        background:
          'radial-gradient(circle at 15% 0%, var(--mantine-color-cyan-1), transparent 45%), radial-gradient(circle at 100% 100%, var(--mantine-color-orange-0), transparent 40%), var(--mantine-color-gray-0)',
      }}
    >
      <Group justify="flex-end" p="sm">
        <LanguageSwitcher />
      </Group>
      <Stack component="main" align="center" px="md" pb="xl" pt={{ base: 'md', sm: 48 }} gap="lg">
        <Stack align="center" gap={6} ta="center">
          <Brand size={36} />
          <Text c="dimmed" size="sm" maw={340}>
            {t('brand.tagline')}
          </Text>
        </Stack>
        <Paper withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
          <Title order={1} fz="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Box>
  );
}
