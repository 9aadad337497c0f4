import { Box, Container, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './Brand';
import { LanguageSwitcher } from './LanguageSwitcher';

/**
 * The frame of every no-login page a customer opens from a link (estimate, invoice, feedback,
 * unsubscribe): the shop's name, the language switch, one phone-width column.
 */
export function PublicFrame({
  shopName,
  width = 560,
  children,
}: {
  shopName?: string | undefined;
  width?: number;
  children: ReactNode;
}) {
  return (
    <Box mih="100dvh" bg="var(--mantine-color-gray-0)">
      <Box
        component="header"
        bg="var(--mantine-color-body)"
        style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      >
        <Container size={width} px="md" py="xs">
          <Group justify="space-between" wrap="nowrap" gap="xs">
            {shopName ? (
              <Text fw={700} size="lg" truncate>
                {shopName}
              </Text>
            ) : (
              <Brand size={24} />
            )}
            <LanguageSwitcher />
          </Group>
        </Container>
      </Box>
      <Container component="main" size={width} px={{ base: 'sm', sm: 'md' }} py="md">
        {children}
      </Container>
    </Box>
  );
}
