import type { SearchHit } from '@bancada/shared';
import {
  ActionIcon,
  Badge,
  Combobox,
  Group,
  Loader,
  Modal,
  Stack,
  Text,
  TextInput,
  ThemeIcon,
  useCombobox,
} from '@mantine/core';
import { useDebouncedValue, useDisclosure, useHotkeys } from '@mantine/hooks';
import { IconArrowRight, IconBox, IconSearch, IconUser } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorMessage } from '../../app/api';
import { ASSET_KIND_ICONS } from '../assets/kinds';
import { MIN_SEARCH_LENGTH, useSearch } from './api';

const MATCHED_FIELDS = ['name', 'document', 'phone', 'email', 'plate', 'serial', 'vin', 'model'] as const;
type MatchedField = (typeof MATCHED_FIELDS)[number];

function isMatchedField(value: string): value is MatchedField {
  return (MATCHED_FIELDS as readonly string[]).includes(value);
}

const SEE_ALL = 'see-all';

function hitPath(hit: SearchHit): string {
  return hit.type === 'customer' ? `/customers/${hit.id}` : `/assets/${hit.id}`;
}

function HitIcon({ hit }: { hit: SearchHit }) {
  const Icon = hit.type === 'customer' ? IconUser : hit.assetKind ? ASSET_KIND_ICONS[hit.assetKind] : IconBox;
  return (
    <ThemeIcon size={30} radius="md" variant="light" color={hit.type === 'customer' ? 'cyan' : 'blue'}>
      <Icon size={18} stroke={1.6} aria-hidden />
    </ThemeIcon>
  );
}

interface SearchBoxProps {
  /** called after a result was opened (the phone modal closes) */
  onOpened?: () => void;
  autoFocus?: boolean;
  inputRef?: React.Ref<HTMLInputElement>;
}

/**
 * One box over customers and assets (GET /api/search): name without accents, document with or without
 * mask, phone in any format, e-mail, plate in either spelling, serial, VIN.
 */
function SearchBox({ onOpened, autoFocus, inputRef }: SearchBoxProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [value, setValue] = useState('');
  const [q] = useDebouncedValue(value.trim(), 250);
  const search = useSearch(q);
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const tooShort = value.trim().length < MIN_SEARCH_LENGTH;
  const hits = search.data?.items ?? [];
  const customers = hits.filter((hit) => hit.type === 'customer');
  const assets = hits.filter((hit) => hit.type === 'asset');

  // the best hit is preselected, so Enter opens it
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when new results arrive
  useEffect(() => {
    if (search.data && !tooShort) combobox.selectFirstOption();
  }, [search.data]);

  const open = (option: string) => {
    const hit = hits.find((h) => `${h.type}:${h.id}` === option);
    const path = hit ? hitPath(hit) : `/customers?q=${encodeURIComponent(value.trim())}`;
    setValue('');
    combobox.closeDropdown();
    navigate(path);
    onOpened?.();
  };

  const renderHit = (hit: SearchHit) => (
    <Combobox.Option value={`${hit.type}:${hit.id}`} key={`${hit.type}:${hit.id}`}>
      <Group gap="sm" wrap="nowrap">
        <HitIcon hit={hit} />
        <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={500} truncate>
            {hit.title}
          </Text>
          {hit.subtitle ? (
            <Text size="xs" c="dimmed" truncate>
              {hit.subtitle}
            </Text>
          ) : null}
        </Stack>
        <Badge size="sm" variant="light" color="gray" style={{ flexShrink: 0 }}>
          {isMatchedField(hit.matchedOn) ? t(`search.matchedOn.${hit.matchedOn}`) : hit.matchedOn}
        </Badge>
      </Group>
    </Combobox.Option>
  );

  const label = t('search.placeholder');
  return (
    <Combobox
      store={combobox}
      onOptionSubmit={open}
      withinPortal
      position="bottom-start"
      middlewares={{ flip: false, shift: false }}
      zIndex={400}
    >
      <Combobox.Target>
        <TextInput
          ref={inputRef}
          type="search"
          aria-label={label}
          placeholder={label}
          value={value}
          autoFocus={autoFocus}
          autoComplete="off"
          maxLength={120}
          leftSection={<IconSearch size={16} aria-hidden />}
          rightSection={search.isFetching ? <Loader size={14} aria-label={t('common.loading')} /> : null}
          onChange={(event) => {
            setValue(event.currentTarget.value);
            // Enter must not open a result of the previous text: the new results preselect their best
            combobox.resetSelectedOption();
            combobox.openDropdown();
          }}
          onFocus={() => combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setValue('');
            // results that arrived while the list was still opening were not preselected: Enter
            // opens the best hit of the current text all the same
            const best = [...customers, ...assets][0];
            if (
              event.key === 'Enter' &&
              best &&
              !tooShort &&
              q === value.trim() &&
              !search.isPlaceholderData &&
              combobox.getSelectedOptionIndex() === -1
            ) {
              event.preventDefault();
              open(`${best.type}:${best.id}`);
            }
          }}
        />
      </Combobox.Target>

      <Combobox.Dropdown hidden={tooShort}>
        <Combobox.Options mah="min(28rem, 70dvh)" style={{ overflowY: 'auto' }} aria-label={label}>
          {search.isError ? <Combobox.Empty>{errorMessage(search.error)}</Combobox.Empty> : null}
          {search.data && hits.length === 0 && !search.isPlaceholderData ? (
            <Combobox.Empty>{t('search.empty', { q })}</Combobox.Empty>
          ) : null}
          {!search.data && !search.isError ? <Combobox.Empty>{t('common.loading')}</Combobox.Empty> : null}
          {customers.length > 0 ? (
            <Combobox.Group label={t('search.groups.customers')}>{customers.map(renderHit)}</Combobox.Group>
          ) : null}
          {assets.length > 0 ? (
            <Combobox.Group label={t('search.groups.assets')}>{assets.map(renderHit)}</Combobox.Group>
          ) : null}
          {search.data && hits.length > 0 ? (
            <Combobox.Option value={SEE_ALL}>
              <Group gap="xs" wrap="nowrap">
                <IconArrowRight size={16} aria-hidden />
                <Text size="sm">{t('search.seeAll', { q: value.trim() })}</Text>
              </Group>
            </Combobox.Option>
          ) : null}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}

/** The header's search on wider screens; Ctrl/⌘+K focuses it. */
export function SearchField() {
  const inputRef = useRef<HTMLInputElement>(null);
  useHotkeys([['mod+K', () => inputRef.current?.focus()]]);
  return <SearchBox inputRef={inputRef} />;
}

/** The header's search on phones: an icon that opens a full-screen search. */
export function SearchButton() {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  useHotkeys([['mod+K', open]]);
  return (
    <>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        onClick={open}
        aria-label={t('search.open')}
        title={t('search.open')}
      >
        <IconSearch size={20} aria-hidden />
      </ActionIcon>
      <Modal opened={opened} onClose={close} fullScreen title={t('search.title')}>
        <Stack gap="xs">
          <SearchBox onOpened={close} autoFocus />
          <Text size="xs" c="dimmed">
            {t('search.hint')}
          </Text>
        </Stack>
      </Modal>
    </>
  );
}
