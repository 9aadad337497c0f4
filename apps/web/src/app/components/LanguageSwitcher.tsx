import type { Locale } from '@bancada/shared';
import { Button } from '@mantine/core';
import { IconLanguage } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { changeLocale, currentLocale } from '../i18n';
import type { LanguageMenu } from './LanguageMenu';

interface LanguageSwitcherProps {
  /** called after the UI language changed, e.g. to save it in the user's profile */
  onChanged?: (locale: Locale) => void;
}

const SHORT_NAMES: Record<Locale, string> = { 'pt-BR': 'PT', es: 'ES', en: 'EN' };

interface LoadedMenu {
  Menu: typeof LanguageMenu;
  /** the button was pressed while the menu's code loaded */
  isOpened: boolean;
  /** the button had the focus when it was swapped for the menu's own */
  hadFocus: boolean;
}

export function LanguageSwitcher({ onChanged }: LanguageSwitcherProps) {
  const { t } = useTranslation();
  const active = currentLocale();
  const buttonRef = useRef<HTMLButtonElement>(null);
  // the menu's code (and floating-ui's) is fetched when the button is first pointed at, focused or pressed
  const [loaded, setLoaded] = useState<LoadedMenu | null>(null);
  const isLoading = useRef(false);
  const isPressed = useRef(false);

  const loadMenu = () => {
    if (isLoading.current) return;
    isLoading.current = true;
    import('./LanguageMenu').then(
      (module) =>
        setLoaded({
          Menu: module.LanguageMenu,
          isOpened: isPressed.current,
          hadFocus: document.activeElement === buttonRef.current,
        }),
      () => {
        // offline: tried again on the next press
        isLoading.current = false;
      },
    );
  };

  useEffect(() => {
    if (loaded?.hadFocus) buttonRef.current?.focus();
  }, [loaded]);

  const select = async (locale: Locale) => {
    if (locale === active) return;
    await changeLocale(locale);
    onChanged?.(locale);
  };

  const button = (
    <Button
      ref={buttonRef}
      variant="subtle"
      color="gray"
      size="compact-md"
      leftSection={<IconLanguage size={18} aria-hidden />}
      // the name holds the visible code too (WCAG 2.5.3 label in name)
      aria-label={`${t('language.switch')}: ${SHORT_NAMES[active]}`}
      title={t('language.switch')}
      {...(loaded
        ? {}
        : {
            'aria-haspopup': 'menu' as const,
            'aria-expanded': false,
            onPointerEnter: loadMenu,
            onFocus: loadMenu,
            onClick: () => {
              isPressed.current = true;
              loadMenu();
            },
          })}
    >
      {SHORT_NAMES[active]}
    </Button>
  );

  if (!loaded) return button;
  return (
    <loaded.Menu
      active={active}
      target={button}
      defaultOpened={loaded.isOpened}
      onSelect={(locale) => void select(locale)}
    />
  );
}
