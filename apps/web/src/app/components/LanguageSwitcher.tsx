import { LOCALES, type Locale } from '@bancada/shared';
import { Button, Menu } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { changeLocale, currentLocale } from '../i18n';

interface LanguageSwitcherProps {
  /** called after the UI language changed, e.g. to save it in the user's profile */
  onChanged?: (locale: Locale) => void;
}

const SHORT_NAMES: Record<Locale, string> = { 'pt-BR': 'PT', es: 'ES', en: 'EN' };

export function LanguageSwitcher({ onChanged }: LanguageSwitcherProps) {
  const { t } = useTranslation();
  const active = currentLocale();

  const select = async (locale: Locale) => {
    if (locale === active) return;
    await changeLocale(locale);
    onChanged?.(locale);
  };

  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="subtle"
          color="gray"
          size="compact-md"
          leftSection={<IconLanguage size={18} aria-hidden />}
          aria-label={t('language.switch')}
          title={t('language.switch')}
        >
          {SHORT_NAMES[active]}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('language.switch')}</Menu.Label>
        {LOCALES.map((locale) => (
          <Menu.Item
            key={locale}
            lang={locale}
            onClick={() => void select(locale)}
            rightSection={locale === active ? <IconCheck size={16} aria-hidden /> : null}
          >
            {t(`language.names.${locale}`)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
