import { Notifications, type NotificationsProps } from '@mantine/notifications';

/** Mantine's Notifications in a chunk of its own, loaded by DeferredNotifications. */
export function NotificationsHost(props: NotificationsProps) {
  return <Notifications {...props} />;
}
