import { notifications } from '@mantine/notifications';
import { errorMessage } from './api';
import { i18n } from './i18n';

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}

export function notifyError(error: unknown): void {
  notifications.show({ color: 'red', title: i18n.t('errors.title'), message: errorMessage(error) });
}
