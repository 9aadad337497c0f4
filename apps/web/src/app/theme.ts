import {
  type CSSVariablesResolver,
  createTheme,
  DEFAULT_THEME,
  type DefaultMantineColor,
  type MantineColorsTuple,
} from '@mantine/core';

/**
 * Mantine's palette with deeper shades 8 and 9, so text reaches WCAG 2.2 AA (4.5:1) wherever the
 * light scheme uses them: shade 8 is the filled background under white text and the colour of
 * `c="<colour>"` text and links on white; shade 9 is the text of the light variant (badges, light
 * buttons, the active menu entry) on its shade 1 background and shade 2 hover.
 * Shades 0–7 stay Mantine's (backgrounds, borders, icons).
 */
function readable(name: DefaultMantineColor, shade8: string, shade9: string): MantineColorsTuple {
  const base = DEFAULT_THEME.colors[name];
  if (!base) throw new Error(`Mantine has no colour ${name}`);
  const [s0, s1, s2, s3, s4, s5, s6, s7] = base;
  return [s0, s1, s2, s3, s4, s5, s6, s7, shade8, shade9];
}

// contrast of shade 8 on white / shade 9 on shade 2, each at least 4.6:1
const colors = {
  cyan: readable('cyan', '#0b7f92', '#0a6879'),
  teal: readable('teal', '#08855f', '#076f4f'),
  green: readable('green', '#28863a', '#237133'),
  lime: readable('lime', '#4f820c', '#47720a'),
  yellow: readable('yellow', '#aa6300', '#9e5200'),
  orange: readable('orange', '#c74d0a', '#ad390c'),
  red: readable('red', '#dd3030', '#af2525'),
  blue: readable('blue', '#1971c2', '#165b9c'),
  indigo: readable('indigo', '#3b5bdb', '#3148b6'),
  violet: readable('violet', '#6741d9', '#5939b9'),
};

/** Secondary text (`c="dimmed"`): 5.6:1 on white, 5.0:1 on gray.1 (Mantine's gray.6 gives 3.3:1). */
const DIMMED = '#616971';
/** Placeholders: 4.8:1 on white (gray.5 gives 2.1:1). */
const PLACEHOLDER = '#6b737b';

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': DIMMED,
    '--mantine-color-placeholder': PLACEHOLDER,
    // error messages under fields are text (Mantine's red.6 gives 3.3:1)
    '--mantine-color-error': 'var(--mantine-color-red-8)',
  },
  dark: {},
});

export const theme = createTheme({
  primaryColor: 'cyan',
  primaryShade: { light: 8, dark: 6 },
  colors,
  defaultRadius: 'md',
  // keyboard focus shows one ring on every control (text fields too, see theme.css)
  focusRing: 'auto',
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  headings: { fontWeight: '700' },
  components: {
    Badge: { defaultProps: { radius: 'sm' } },
  },
});
