import {
  FAQ_BODY_MAX,
  FAQ_KINDS,
  type FaqArticle,
  FaqArticleCreateSchema,
  type FaqKind,
  LOCALES,
  type Locale,
} from '@bancada/shared';
import {
  Autocomplete,
  Button,
  Group,
  Modal,
  NumberInput,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { SaveErrorAlert } from '../../app/components/SaveErrorAlert';
import { applyServerErrors, parseWith, zodResolver } from '../../app/form';
import { notifyError, notifySuccess } from '../../app/notify';
import { useCreateFaq, useUpdateFaq } from './api';
import { FaqMarkdown } from './FaqMarkdown';

interface Values {
  kind: FaqKind;
  locale: Locale;
  category: string;
  title: string;
  bodyMarkdown: string;
  published: boolean;
  position: number;
}

function valuesOf(article: FaqArticle | null, locale: Locale): Values {
  return {
    kind: article?.kind ?? 'faq',
    locale: article?.locale ?? locale,
    category: article?.category ?? '',
    title: article?.title ?? '',
    bodyMarkdown: article?.bodyMarkdown ?? '',
    published: article?.published ?? false,
    position: article?.position ?? 0,
  };
}

/**
 * Writing a FAQ answer or tutorial, with the preview beside it rendered exactly as readers will see it
 * (FaqMarkdown: the same safe renderer).
 */
export function FaqEditor({
  article,
  defaultLocale,
  categories,
  onClose,
  onReload,
}: {
  /** null: a new article */
  article: FaqArticle | null;
  defaultLocale: Locale;
  categories: string[];
  onClose: () => void;
  /** after a 412: load the newest version */
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const create = useCreateFaq();
  const update = useUpdateFaq();
  const saving = create.isPending || update.isPending;
  const form = useForm<Values>({
    initialValues: valuesOf(article, defaultLocale),
    validate: zodResolver(FaqArticleCreateSchema),
  });
  const [preview] = useDebouncedValue(form.values.bodyMarkdown, 150);

  const submit = form.onSubmit((values) => {
    const body = parseWith(FaqArticleCreateSchema, values);
    const done = {
      onSuccess: () => {
        notifySuccess(article ? t('support.faq.saved') : t('support.faq.created'));
        onClose();
      },
      onError: (error: unknown) => {
        if (!applyServerErrors(form.setErrors, error) && !article) notifyError(error);
      },
    };
    if (article) update.mutate({ article, body }, done);
    else create.mutate(body, done);
  });

  return (
    <Modal
      opened
      onClose={onClose}
      title={article ? t('support.faq.edit') : t('support.faq.new')}
      size="90rem"
      fullScreen={isPhone}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {article ? (
            <SaveErrorAlert error={update.error} staleHint={t('support.faq.staleHint')} onReload={onReload} />
          ) : null}
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
            <Select
              label={t('support.faq.fields.kind')}
              allowDeselect={false}
              data={FAQ_KINDS.map((value) => ({ value, label: t(`support.faq.kinds.${value}`) }))}
              {...form.getInputProps('kind')}
            />
            <Select
              label={t('support.faq.fields.locale')}
              allowDeselect={false}
              data={LOCALES.map((value) => ({ value, label: t(`language.names.${value}`) }))}
              {...form.getInputProps('locale')}
            />
            <Autocomplete
              label={t('support.faq.fields.category')}
              placeholder={t('support.faq.categoryPlaceholder')}
              data={categories}
              maxLength={80}
              {...form.getInputProps('category')}
            />
            <NumberInput
              label={t('support.faq.fields.position')}
              description={t('support.faq.positionHint')}
              min={0}
              max={100_000}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('position')}
            />
          </SimpleGrid>
          <TextInput
            label={t('support.faq.fields.title')}
            required
            maxLength={200}
            data-autofocus
            {...form.getInputProps('title')}
          />
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Textarea
              label={t('support.faq.fields.body')}
              description={t('support.faq.markdownHint')}
              required
              autosize
              minRows={12}
              maxRows={24}
              maxLength={FAQ_BODY_MAX}
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              {...form.getInputProps('bodyMarkdown')}
            />
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                {t('support.faq.preview')}
              </Text>
              <Paper withBorder radius="md" p="md" aria-live="polite">
                <ScrollArea.Autosize mah="60vh">
                  {preview.trim() ? (
                    <FaqMarkdown body={preview} />
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('support.faq.previewEmpty')}
                    </Text>
                  )}
                </ScrollArea.Autosize>
              </Paper>
              <Text size="xs" c="dimmed" ta="right">
                {t('support.faq.length', { chars: form.values.bodyMarkdown.length, max: FAQ_BODY_MAX })}
              </Text>
            </Stack>
          </SimpleGrid>
          <Group justify="space-between" gap="sm" wrap="wrap">
            <Switch
              label={t('support.faq.fields.published')}
              description={t('support.faq.publishedHint')}
              {...form.getInputProps('published', { type: 'checkbox' })}
            />
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={saving}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
