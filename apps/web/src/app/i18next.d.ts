import 'i18next';
import type ptBRPublic from '../locales/pt-BR/public.json';
import type ptBRRepairPage from '../locales/pt-BR/repair-page.json';
import type ptBRRepairs from '../locales/pt-BR/repairs.json';
import type ptBR from '../locales/pt-BR/translation.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof ptBRPublic & typeof ptBR & typeof ptBRRepairs & typeof ptBRRepairPage;
    };
    nsSeparator: false;
  }
}
