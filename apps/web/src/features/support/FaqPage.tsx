import { FAQ_KINDS, type FaqArticle, type FaqKind, LOCALES, type Locale } from '@bancada/shared';
import {
  Accordion,
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEdit, IconHelp, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { PageHeader } from '../../app/components/PageHeader';
import { Empty, QueryStatus } from '../../app/components/QueryStates';
import { useFormat } from '../../app/format';
import { currentLocale } from '../../app/i18n';
import { notifyError, notifySuccess } from '../../app/notify';
import { type FaqFilters, useDeleteFaq, useFaqArticles } from './api';
import { FaqEditor } from './FaqEditor';
import { FaqMarkdown } from './FaqMarkdown';

type PublishedFilter = 'all' | 'published' | 'drafts';

/** Articles grouped by category, in the order the server gives (category, position, title). */
function groupByCategory(items: FaqArticle[]): [string | null, FaqArticle[]][] {
  const groups = new Map<string | null, FaqArticle[]>();
  for (const item of items) {
    const group = groups.get(item.category) ?? [];
    group.push(item);
    groups.set(item.category, group);
  }
  return [...groups.entries()];
}

function ArticleItem({
  article,
  onEdit,
  onDelete,
}: {
  article: FaqArticle;
  onEdit?: () => void;
  onDelete?: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Accordion.Item value={article.id}>
      <Accordion.Control>
        <Group gap="xs" wrap="wrap">
          <Text fw={500} style={{ overflowWrap: 'anywhere' }}>
            {article.title}
          </Text>
          {article.kind === 'tutorial' ? (
            <Badge size="sm" variant="light" color="grape">
              {t('support.faq.kinds.tutorial')}
            </Badge>
          ) : null}
          <Badge size="sm" variant="outline" color="gray">
            {article.locale}
          </Badge>
          {article.published ? null : (
            <Badge size="sm" variant="light" color="yellow">
              {t('support.faq.draft')}
            </Badge>
          )}
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <FaqMarkdown body={article.bodyMarkdown} />
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Text size="xs" c="dimmed">
              {article.updatedByName
                ? t('support.faq.updatedBy', {
                    name: article.updatedByName,
                    when: format.dateTime(article.updatedAt),
                  })
                : t('support.faq.updatedAt', { when: format.dateTime(article.updatedAt) })}
            </Text>
            {onEdit || onDelete ? (
              <Group gap="xs">
                {onEdit ? (
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconEdit size={14} aria-hidden />}
                    onClick={onEdit}
                  >
                    {t('support.faq.editAction')}
                  </Button>
                ) : null}
                {onDelete ? (
                  <Tooltip label={t('support.faq.delete')}>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      onClick={onDelete}
                      aria-label={t('support.faq.delete')}
                    >
                      <IconTrash size={16} aria-hidden />
                    </ActionIcon>
                  </Tooltip>
                ) : null}
              </Group>
            ) : null}
          </Group>
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}

function DeleteConfirm({ article, onClose }: { article: FaqArticle | null; onClose: () => void }) {
  const { t } = useTranslation();
  const remove = useDeleteFaq();
  return (
    <Modal opened={article !== null} onClose={onClose} title={t('support.faq.deleteTitle')}>
      <Stack gap="md">
        <Text size="sm">{t('support.faq.deleteConfirm', { title: article?.title ?? '' })}</Text>
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={remove.isPending}
            onClick={() =>
              article &&
              remove.mutate(article, {
                onSuccess: () => {
                  notifySuccess(t('support.faq.deleted'));
                  onClose();
                },
                onError: (error) => {
                  notifyError(error);
                  onClose();
                },
              })
            }
          >
            {t('support.faq.delete')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** FAQ answers and tutorials: read by staff now (the portal later); written by those who manage them. */
export function FaqPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const manages = can('faq:manage');
  const uiLocale = currentLocale();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [kind, setKind] = useState<FaqKind | 'all'>('all');
  const [locale, setLocale] = useState<Locale | null>(uiLocale);
  const [published, setPublished] = useState<PublishedFilter>('all');
  const [editing, setEditing] = useState<FaqArticle | 'new' | null>(null);
  const [deleting, setDeleting] = useState<FaqArticle | null>(null);

  const filters: FaqFilters = {
    q: q || undefined,
    kind: kind === 'all' ? undefined : kind,
    locale: locale ?? undefined,
    // drafts are for those who write them
    published: manages ? (published === 'all' ? undefined : published === 'published') : true,
  };
  const articles = useFaqArticles(filters);
  const items = articles.data ?? [];
  const groups = useMemo(() => groupByCategory(items), [items]);
  const categories = useMemo(
    () => [...new Set(items.flatMap((a) => (a.category ? [a.category] : [])))].sort(),
    [items],
  );
  const filtered = Boolean(q || kind !== 'all' || (manages && published !== 'all'));

  return (
    <>
      <PageHeader
        title={t('nav.faq')}
        description={t('support.faq.description')}
        actions={
          manages ? (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
              {t('support.faq.new')}
            </Button>
          ) : null
        }
      />

      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label={t('common.search')}
          placeholder={t('support.faq.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
          maxLength={100}
          style={{ flex: '1 1 14rem' }}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            {t('support.faq.fields.kind')}
          </Text>
          <SegmentedControl
            value={kind}
            onChange={(value) => setKind(value as FaqKind | 'all')}
            data={[
              { value: 'all', label: t('common.all') },
              ...FAQ_KINDS.map((value) => ({ value, label: t(`support.faq.kinds.${value}`) })),
            ]}
          />
        </Stack>
        <Select
          label={t('support.faq.fields.locale')}
          placeholder={t('common.all')}
          data={LOCALES.map((value) => ({ value, label: t(`language.names.${value}`) }))}
          value={locale}
          onChange={(value) => setLocale(value as Locale | null)}
          clearable
          style={{ flex: '0 1 13rem' }}
        />
        {manages ? (
          <Select
            label={t('support.faq.fields.published')}
            data={(['all', 'published', 'drafts'] as const).map((value) => ({
              value,
              label: t(`support.faq.publishedFilter.${value}`),
            }))}
            value={published}
            allowDeselect={false}
            onChange={(value) => setPublished((value as PublishedFilter | null) ?? 'all')}
            style={{ flex: '0 1 10rem' }}
          />
        ) : null}
      </Group>

      <QueryStatus query={articles} />
      {articles.data && items.length === 0 ? (
        <Empty
          icon={<IconHelp size={28} aria-hidden />}
          title={filtered ? t('support.faq.emptyFilteredTitle') : t('support.faq.emptyTitle')}
          description={
            filtered
              ? t('common.emptyFilteredHint')
              : manages
                ? t('support.faq.emptyHintManage')
                : t('support.faq.emptyHint')
          }
        />
      ) : null}

      {items.length > 0 ? (
        <Stack gap="lg" style={{ opacity: articles.isPlaceholderData ? 0.6 : 1 }}>
          {groups.map(([category, group]) => (
            <Stack key={category ?? ''} gap="xs">
              <Title order={2} size="h4">
                {category ?? t('support.faq.noCategory')}
              </Title>
              <Accordion variant="separated" multiple chevronPosition="right">
                {group.map((article) => (
                  <ArticleItem
                    key={article.id}
                    article={article}
                    {...(manages
                      ? { onEdit: () => setEditing(article), onDelete: () => setDeleting(article) }
                      : {})}
                  />
                ))}
              </Accordion>
            </Stack>
          ))}
        </Stack>
      ) : null}

      {manages && editing ? (
        <FaqEditor
          key={editing === 'new' ? 'new' : `${editing.id}-${editing.version}`}
          article={editing === 'new' ? null : editing}
          defaultLocale={locale ?? uiLocale}
          categories={categories}
          onClose={() => setEditing(null)}
          onReload={() => {
            setEditing(null);
            void articles.refetch();
          }}
        />
      ) : null}
      <DeleteConfirm article={deleting} onClose={() => setDeleting(null)} />
    </>
  );
}
