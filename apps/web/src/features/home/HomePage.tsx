import { VERTICALS } from '@bancada/shared';
import { Badge, Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import { IconChevronRight } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../app/auth';
import { RoleBadge } from '../../app/components/RoleBadge';
import { visibleSections } from '../../app/nav';
import { sectionCard } from '../../app/section-words';

function greetingKey(
  hour: number,
): 'home.greeting.morning' | 'home.greeting.afternoon' | 'home.greeting.evening' {
  if (hour < 12) return 'home.greeting.morning';
  if (hour < 18) return 'home.greeting.afternoon';
  return 'home.greeting.evening';
}

export function HomePage() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  useDocumentTitle(`${t('nav.home')} · Bancada`);
  const sections = visibleSections(can).filter((section) => section.key !== 'home');
  const firstName = me.name.trim().split(/\s+/)[0] ?? me.name;
  const vertical = VERTICALS.find((v) => v === me.organization.vertical);

  return (
    <Stack gap="xl">
      <Stack gap="xs">
        <Title order={1} fz={{ base: 'h3', sm: 'h2' }}>
          {t(greetingKey(new Date().getHours()), { name: firstName })}
        </Title>
        <Group gap="xs">
          <RoleBadge role={me.role} />
          <Text size="sm" c="dimmed">
            {me.organization.name}
          </Text>
          <Badge variant="outline" color="gray">
            {vertical ? t(`verticals.${vertical}`) : me.organization.vertical}
          </Badge>
        </Group>
      </Stack>

      <section aria-labelledby="home-sections">
        <Title order={2} fz="h4" id="home-sections" mb="sm">
          {t('home.sectionsTitle')}
        </Title>
        <SimpleGrid cols={{ base: 1, xs: 2, lg: 3 }} spacing="md">
          {sections.map((section) => {
            const Icon = section.icon;
            return (
              <Card
                key={section.key}
                component={Link}
                to={section.path}
                withBorder
                padding="lg"
                radius="md"
                style={{ textDecoration: 'none' }}
              >
                <Group wrap="nowrap" align="flex-start" gap="md">
                  <ThemeIcon size={44} radius="md" variant="light">
                    <Icon size={24} stroke={1.6} aria-hidden />
                  </ThemeIcon>
                  <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                    <Text fw={600}>{sectionCard(t, section.key).title}</Text>
                    <Text size="sm" c="dimmed">
                      {sectionCard(t, section.key).description}
                    </Text>
                  </Stack>
                  <IconChevronRight size={18} aria-hidden style={{ alignSelf: 'center', opacity: 0.5 }} />
                </Group>
              </Card>
            );
          })}
        </SimpleGrid>
      </section>
    </Stack>
  );
}
