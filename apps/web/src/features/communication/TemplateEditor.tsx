import type { MessageTemplate } from '@bancada/shared';
import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAlertCircle, IconBrandWhatsapp, IconEye, IconPlus, IconRestore } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../app/api';
import { useFormat } from '../../app/format';
import { notifySuccess } from '../../app/notify';
import { useMessageTemplatePreview, useSaveMessageTemplate } from './api';

type Field = 'subject' | 'body';

/** The field a 400 names (its `details` are keyed by field), with the server's translated message. */
export function templateFieldError(error: unknown): { field: Field; message: string } | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const field: Field = error.details && 'subject' in error.details ? 'subject' : 'body';
  return { field, message: error.message };
}

/** Inserts `{{name}}` where the caret is (or replaces the selection) and returns the new text and caret. */
export function insertPlaceholder(
  text: string,
  name: string,
  start: number | null,
  end: number | null,
): { text: string; caret: number } {
  const token = `{{${name}}}`;
  const from = start ?? text.length;
  const to = end ?? from;
  return { text: text.slice(0, from) + token + text.slice(to), caret: from + token.length };
}

/** One template: its subject (e-mail) and body, the placeholders to insert, a live preview. */
export function TemplateEditor({ template }: { template: MessageTemplate }) {
  const { t } = useTranslation();
  const format = useFormat();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const isEmail = template.channel === 'email';
  const [subject, setSubject] = useState(template.subject ?? '');
  const [body, setBody] = useState(template.body);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [confirmReset, setConfirmReset] = useState(false);
  const focused = useRef<Field>('body');
  const subjectRef = useRef<HTMLInputElement>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const save = useSaveMessageTemplate();
  const labels = t('communication.placeholders', { returnObjects: true }) as Record<string, string>;

  const dirty = body !== template.body || (isEmail && subject !== (template.subject ?? ''));
  const [debouncedSubject] = useDebouncedValue(subject, 400);
  const [debouncedBody] = useDebouncedValue(body, 400);
  const preview = useMessageTemplatePreview({
    event: template.event,
    channel: template.channel,
    locale: template.locale,
    subject: isEmail ? debouncedSubject : null,
    body: debouncedBody,
  });
  // the preview checks the text as a save would: its complaint shows on the field, until edited
  const previewError = templateFieldError(preview.error);
  const shownErrors: Partial<Record<Field, string>> = {
    ...(previewError && !preview.isFetching ? { [previewError.field]: previewError.message } : {}),
    ...errors,
  };

  const edit = (field: Field, value: string) => {
    if (field === 'subject') setSubject(value);
    else setBody(value);
    if (errors[field]) setErrors(({ [field]: _, ...rest }) => rest);
  };

  const insert = (name: string) => {
    const field = isEmail ? focused.current : 'body';
    const element = field === 'subject' ? subjectRef.current : bodyRef.current;
    const value = field === 'subject' ? subject : body;
    const next = insertPlaceholder(
      value,
      name,
      element?.selectionStart ?? null,
      element?.selectionEnd ?? null,
    );
    edit(field, next.text);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(next.caret, next.caret);
    });
  };

  const onSaveError = (error: unknown) => {
    const named = templateFieldError(error);
    if (named) setErrors({ [named.field]: named.message });
    else setErrors({ body: errorMessage(error) });
  };

  const submit = () => {
    setErrors({});
    save.mutate(
      {
        event: template.event,
        channel: template.channel,
        locale: template.locale,
        ...(isEmail ? { subject } : {}),
        body,
      },
      { onSuccess: () => notifySuccess(t('communication.templates.saved')), onError: onSaveError },
    );
  };

  const reset = () => {
    save.mutate(
      { event: template.event, channel: template.channel, locale: template.locale, body: '', reset: true },
      {
        onSuccess: () => {
          setConfirmReset(false);
          notifySuccess(t('communication.templates.resetDone'));
        },
        onError: (error) => {
          setConfirmReset(false);
          onSaveError(error);
        },
      },
    );
  };

  const chips = (names: string[], required: boolean) =>
    names.map((name) => (
      <Tooltip key={name} label={`{{${name}}}`} withArrow>
        <Button
          size="compact-sm"
          radius="xl"
          variant={required ? 'light' : 'default'}
          leftSection={<IconPlus size={14} aria-hidden />}
          onClick={() => insert(name)}
          aria-label={t('communication.templates.insert', { name: labels[name] ?? name })}
        >
          {labels[name] ?? name}
        </Button>
      </Tooltip>
    ));

  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
          <Stack gap="md">
            <Group justify="space-between" gap="xs" wrap="wrap">
              <Title order={2} fz="h4">
                {t(`communication.events.${template.event}`)}
              </Title>
              {template.isDefault ? (
                <Badge variant="light" color="gray">
                  {t('communication.templates.default')}
                </Badge>
              ) : (
                <Badge variant="light" color="grape">
                  {t('communication.templates.customized')}
                </Badge>
              )}
            </Group>
            {template.channel === 'whatsapp' && template.whatsappTemplateName ? (
              <Alert variant="light" color="green" icon={<IconBrandWhatsapp aria-hidden />} p="xs">
                <Text size="sm">
                  {t('communication.templates.whatsappTemplate', { name: template.whatsappTemplateName })}
                </Text>
              </Alert>
            ) : null}
            {isEmail ? (
              <TextInput
                ref={subjectRef}
                label={t('communication.templates.subject')}
                value={subject}
                onChange={(event) => edit('subject', event.currentTarget.value)}
                onFocus={() => {
                  focused.current = 'subject';
                }}
                error={shownErrors.subject}
                maxLength={200}
                required
              />
            ) : null}
            <Textarea
              ref={bodyRef}
              label={t('communication.templates.body')}
              description={t('communication.templates.length', { count: body.length })}
              value={body}
              onChange={(event) => edit('body', event.currentTarget.value)}
              onFocus={() => {
                focused.current = 'body';
              }}
              error={shownErrors.body}
              autosize
              minRows={6}
              maxRows={isPhone ? 12 : 20}
              maxLength={20_000}
              required
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
            />
            <Stack gap={6}>
              <Text size="sm" fw={500}>
                {t('communication.templates.placeholdersTitle')}
              </Text>
              <Text size="xs" c="dimmed">
                {t('communication.templates.placeholdersHint')}
              </Text>
              <Group gap={6} wrap="wrap" aria-label={t('communication.templates.required')}>
                {chips(template.required, true)}
              </Group>
              {template.optional.length > 0 ? (
                <>
                  <Text size="xs" c="dimmed">
                    {t('communication.templates.optional')}
                  </Text>
                  <Group gap={6} wrap="wrap" aria-label={t('communication.templates.optional')}>
                    {chips(template.optional, false)}
                  </Group>
                </>
              ) : null}
            </Stack>
            <Group justify="space-between" gap="sm" wrap="wrap">
              <Text size="xs" c="dimmed">
                {template.updatedAt
                  ? t('communication.templates.updatedAt', { time: format.dateTime(template.updatedAt) })
                  : t('communication.templates.shipped')}
              </Text>
              <Group gap="xs">
                <Button
                  variant="default"
                  leftSection={<IconRestore size={16} aria-hidden />}
                  disabled={template.isDefault}
                  onClick={() => setConfirmReset(true)}
                >
                  {t('communication.templates.reset')}
                </Button>
                <Button
                  variant="default"
                  disabled={!dirty}
                  onClick={() => {
                    setSubject(template.subject ?? '');
                    setBody(template.body);
                    setErrors({});
                  }}
                >
                  {t('common.discard')}
                </Button>
                <Button onClick={submit} loading={save.isPending && !confirmReset} disabled={!dirty}>
                  {t('common.save')}
                </Button>
              </Group>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <TemplatePreview
          subject={isEmail ? (preview.data?.subject ?? null) : null}
          body={preview.data?.body ?? null}
          isLoading={preview.isFetching}
          hasError={preview.isError && !previewError}
          error={preview.error}
          stale={Boolean(previewError)}
        />
      </Grid.Col>
      <Modal
        opened={confirmReset}
        onClose={() => setConfirmReset(false)}
        title={t('communication.templates.resetTitle')}
        fullScreen={isPhone}
      >
        <Stack gap="md">
          <Text size="sm">{t('communication.templates.resetConfirm')}</Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={() => setConfirmReset(false)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" onClick={reset} loading={save.isPending}>
              {t('communication.templates.reset')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Grid>
  );
}

function TemplatePreview({
  subject,
  body,
  isLoading,
  hasError,
  error,
  stale,
}: {
  subject: string | null;
  body: string | null;
  isLoading: boolean;
  hasError: boolean;
  error: unknown;
  stale: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      radius="md"
      p={{ base: 'sm', sm: 'md' }}
      pos="sticky"
      top="var(--app-shell-header-height, 0)"
    >
      <Group justify="space-between" gap="xs" mb="sm">
        <Group gap={6}>
          <IconEye size={18} aria-hidden />
          <Title order={2} fz="h5">
            {t('communication.templates.preview')}
          </Title>
        </Group>
        {isLoading ? <Loader size="xs" aria-label={t('common.loading')} /> : null}
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('communication.templates.previewHint')}
      </Text>
      {hasError ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle aria-hidden />} p="xs" mb="sm">
          {errorMessage(error)}
        </Alert>
      ) : null}
      {stale ? (
        <Text size="sm" c="orange" mb="xs">
          {t('communication.templates.previewBlocked')}
        </Text>
      ) : null}
      <Stack gap="xs" style={{ opacity: stale ? 0.5 : 1 }} aria-live="polite" data-testid="template-preview">
        {subject !== null ? (
          <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {subject}
          </Text>
        ) : null}
        {body !== null ? (
          <Paper p="sm" radius="md" bg="var(--mantine-color-gray-light)">
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {body}
            </Text>
          </Paper>
        ) : null}
      </Stack>
    </Paper>
  );
}
