import {
  LOCALES,
  type Locale,
  MESSAGE_CHANNELS,
  type MessageChannel,
  type MessageTemplate,
  NOTIFICATION_EVENTS,
  type NotificationEvent,
} from '@bancada/shared';
import { Badge, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../app/components/PageHeader';
import { QueryStatus } from '../../app/components/QueryStates';
import { useMessageTemplates } from './api';
import { TemplateEditor } from './TemplateEditor';

function templateKey(t: Pick<MessageTemplate, 'event' | 'channel' | 'locale'>): string {
  return `${t.event}.${t.channel}.${t.locale}`;
}

function isLocale(value: string | undefined): value is Locale {
  return (LOCALES as readonly string[]).includes(value ?? '');
}

/** The automatic messages' texts per event × channel × language, with a live preview (issue 14 §1). */
export function MessageTemplatesPage() {
  const { t, i18n } = useTranslation();
  const templates = useMessageTemplates();
  const [event, setEvent] = useState<NotificationEvent>('order_received');
  const [channel, setChannel] = useState<MessageChannel>('whatsapp');
  const uiLanguage = i18n.resolvedLanguage ?? i18n.language;
  const [locale, setLocale] = useState<Locale>(isLocale(uiLanguage) ? uiLanguage : 'pt-BR');

  const byKey = new Map((templates.data ?? []).map((item) => [templateKey(item), item]));
  const current = byKey.get(templateKey({ event, channel, locale }));
  // the events with a text of the shop's own, in any channel or language
  const customizedEvents = new Set(
    (templates.data ?? []).filter((item) => !item.isDefault).map((item) => item.event),
  );
  const isCustomized = (key: { event: NotificationEvent; channel?: MessageChannel; locale?: Locale }) =>
    (templates.data ?? []).some(
      (item) =>
        !item.isDefault &&
        item.event === key.event &&
        (key.channel === undefined || item.channel === key.channel) &&
        (key.locale === undefined || item.locale === key.locale),
    );

  return (
    <>
      <PageHeader title={t('nav.messageTemplates')} description={t('communication.templates.description')} />
      <Stack gap="lg">
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
            <Select
              label={t('communication.templates.event')}
              data={NOTIFICATION_EVENTS.map((value) => ({
                value,
                label: t(`communication.events.${value}`),
              }))}
              value={event}
              onChange={(value) => value && setEvent(value as NotificationEvent)}
              allowDeselect={false}
              searchable
              renderOption={({ option }) => (
                <Group gap="xs" justify="space-between" w="100%" wrap="nowrap">
                  <span>{option.label}</span>
                  {customizedEvents.has(option.value as NotificationEvent) ? (
                    <Badge size="xs" variant="light" color="grape">
                      {t('communication.templates.customized')}
                    </Badge>
                  ) : null}
                </Group>
              )}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500} id="template-channel">
                {t('communication.templates.channel')}
              </Text>
              <SegmentedControl
                fullWidth
                value={channel}
                onChange={(value) => setChannel(value as MessageChannel)}
                aria-labelledby="template-channel"
                data={MESSAGE_CHANNELS.map((value) => ({
                  value,
                  label: `${t(`communication.channels.${value}`)}${isCustomized({ event, channel: value }) ? ' •' : ''}`,
                }))}
              />
            </Stack>
            <Stack gap={4}>
              <Text size="sm" fw={500} id="template-locale">
                {t('communication.templates.language')}
              </Text>
              <SegmentedControl
                fullWidth
                value={locale}
                onChange={(value) => setLocale(value as Locale)}
                aria-labelledby="template-locale"
                data={LOCALES.map((value) => ({
                  value,
                  label: `${t(`language.names.${value}`)}${isCustomized({ event, channel, locale: value }) ? ' •' : ''}`,
                }))}
              />
            </Stack>
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt="xs">
            {t('communication.templates.dotHint')}
          </Text>
        </Paper>

        <QueryStatus query={templates} rows={6} />
        {templates.data && !current ? <Text c="dimmed">{t('communication.templates.notFound')}</Text> : null}
        {current ? (
          // a save or a reset brings a new text: the editor starts again from it
          <TemplateEditor
            key={`${templateKey(current)}.${current.updatedAt}.${current.isDefault}`}
            template={current}
          />
        ) : null}
      </Stack>
    </>
  );
}
