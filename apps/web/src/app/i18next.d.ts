import 'i18next';
import type ptBRCalendarFeed from '../locales/pt-BR/calendar-feed.json';
import type ptBRCommunication from '../locales/pt-BR/communication.json';
import type ptBREngagement from '../locales/pt-BR/engagement.json';
import type ptBRMaintenance from '../locales/pt-BR/maintenance.json';
import type ptBRPortal from '../locales/pt-BR/portal.json';
import type ptBRPublic from '../locales/pt-BR/public.json';
import type ptBRRepairPage from '../locales/pt-BR/repair-page.json';
import type ptBRRepairs from '../locales/pt-BR/repairs.json';
import type ptBRScheduling from '../locales/pt-BR/scheduling.json';
import type ptBRSupport from '../locales/pt-BR/support.json';
import type ptBR from '../locales/pt-BR/translation.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof ptBRPublic &
        typeof ptBR &
        typeof ptBRRepairs &
        typeof ptBRRepairPage &
        typeof ptBRCommunication &
        typeof ptBRMaintenance &
        typeof ptBREngagement &
        typeof ptBRSupport &
        typeof ptBRPortal &
        typeof ptBRCalendarFeed &
        typeof ptBRScheduling;
    };
    nsSeparator: false;
  }
}
