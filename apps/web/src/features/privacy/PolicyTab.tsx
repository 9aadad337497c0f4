import {
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconExternalLink, IconHistory } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, LoadingRows, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { notifyError, notifySuccess } from '../../app/notify';
import { usePolicyVersion, usePolicyVersions, usePublishPolicy } from './api';
import { PolicyText } from './PolicyText';

function VersionModal({ version, onClose }: { version: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const policy = usePolicyVersion(version);
  return (
    <Modal
      opened={version !== null}
      onClose={onClose}
      title={version !== null ? t('privacy.policy.version', { version }) : ''}
      size="lg"
    >
      {policy.isPending ? <LoadingRows rows={4} /> : null}
      {policy.data ? <PolicyText body={policy.data.body} /> : null}
    </Modal>
  );
}

function Editor({ current }: { current: string }) {
  const { t } = useTranslation();
  const [body, setBody] = useState(current);
  const publish = usePublishPolicy();
  const unchanged = body.trim() === current.trim();
  return (
    <Stack gap="sm">
      <Textarea
        label={t('privacy.policy.editorLabel')}
        description={t('privacy.policy.editorHelp')}
        value={body}
        onChange={(e) => setBody(e.currentTarget.value)}
        autosize
        minRows={12}
        maxRows={30}
        maxLength={100_000}
      />
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Anchor href="/privacy" target="_blank" rel="noopener" size="sm">
          <Group gap={4} component="span">
            <IconExternalLink size={14} aria-hidden />
            {t('privacy.policy.openPublic')}
          </Group>
        </Anchor>
        <Button
          loading={publish.isPending}
          disabled={unchanged || body.trim().length < 20}
          title={unchanged ? t('privacy.policy.unchanged') : undefined}
          onClick={() =>
            publish.mutate(body, {
              onSuccess: (saved) => notifySuccess(t('privacy.policy.published', { version: saved.version })),
              onError: notifyError,
            })
          }
        >
          {t('privacy.policy.publish')}
        </Button>
      </Group>
    </Stack>
  );
}

/** The policy editor: each save publishes a new version; earlier versions stay readable. */
export function PolicyTab() {
  const { t } = useTranslation();
  const format = useFormat();
  const versions = usePolicyVersions();
  const [viewing, setViewing] = useState<number | null>(null);
  const current = versions.data?.current ?? null;

  return (
    <>
      <QueryStatus query={versions} />
      {versions.data ? (
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
          <Card withBorder radius="md" padding="md" style={{ gridColumn: 'span 2' }}>
            <Editor key={current?.version ?? 0} current={current?.body ?? ''} />
          </Card>
          <Card withBorder radius="md" padding="md">
            <Stack gap="xs">
              <Title order={3} size="h5">
                {t('privacy.policy.versions')}
              </Title>
              {versions.data.items.length === 0 ? (
                <Empty
                  icon={<IconHistory size={28} aria-hidden />}
                  title={t('privacy.policy.emptyTitle')}
                  description={t('privacy.policy.emptyHint')}
                />
              ) : (
                versions.data.items.map((v) => (
                  <Group key={v.version} justify="space-between" wrap="nowrap" gap="xs">
                    <Stack gap={0}>
                      <Group gap={6}>
                        <Text size="sm" fw={600}>
                          {t('privacy.policy.version', { version: v.version })}
                        </Text>
                        {v.version === current?.version ? (
                          <Badge size="xs" variant="light">
                            {t('privacy.policy.current')}
                          </Badge>
                        ) : null}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {t('privacy.policy.by', {
                          date: format.dateTime(v.createdAt),
                          name: v.authorName ?? '—',
                        })}
                      </Text>
                    </Stack>
                    <Button size="compact-xs" variant="subtle" onClick={() => setViewing(v.version)}>
                      {t('privacy.policy.view')}
                    </Button>
                  </Group>
                ))
              )}
            </Stack>
          </Card>
        </SimpleGrid>
      ) : null}
      <VersionModal version={viewing} onClose={() => setViewing(null)} />
    </>
  );
}
