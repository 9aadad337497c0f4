import { Group, Pagination, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../format';

interface PagingProps {
  total: number;
  page: number;
  pageSize: number;
  onChange: (page: number) => void;
  /** the total is a long list's capped count: "more than N" */
  capped?: boolean | undefined;
}

/** "N results" and the page buttons under a list. */
export function Paging({ total, page, pageSize, onChange, capped }: PagingProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <Group justify="space-between" gap="sm">
      <Text size="sm" c="dimmed">
        {capped
          ? t('common.totalCountCapped', { total: format.number(total) })
          : t('common.totalCount', { count: total })}
      </Text>
      {pages > 1 ? (
        <nav aria-label={t('common.pagination.label')}>
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={onChange}
            size="sm"
            siblings={1}
            getControlProps={(control) => ({ 'aria-label': t(`common.pagination.${control}`) })}
            getItemProps={(item) => ({ 'aria-label': t('common.pagination.page', { page: item }) })}
          />
        </nav>
      ) : null}
    </Group>
  );
}
