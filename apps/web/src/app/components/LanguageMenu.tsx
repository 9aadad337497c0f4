import { LOCALES, type Locale } from '@bancada/shared';
import { Menu } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';

interface LanguageMenuProps {
  active: Locale;
  /** the button that opens the menu */
  target: ReactElement;
  /** opened as it mounts: the button was pressed while this code was still loading */
  defaultOpened: boolean;
  onSelect: (locale: Locale) => void;
}

/** The language switcher's menu: loaded on first use (Menu brings the floating-ui positioning code). */
export function LanguageMenu({ active, target, defaultOpened, onSelect }: LanguageMenuProps) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" withinPortal defaultOpened={defaultOpened}>
      <Menu.Target>{target}</Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.switch')}</Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            onClick={() => onSelect(locale)}
            rightSection={locale === active ? <IconCheck size={16} aria-hidden /> : null}
          >
            {t(`language.names.${locale}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
