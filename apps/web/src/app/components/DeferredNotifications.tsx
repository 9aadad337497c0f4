import { type NotificationsProps, useNotifications } from '@mantine/notifications';
import { lazy, Suspense, useState } from 'react';

const NotificationsHost = lazy(async () => ({
  default: (await import('./NotificationsHost')).NotificationsHost,
}));

/**
 * Mantine's Notifications, fetched with the first notification instead of with every page (the login
 * page shows none). The store is in the entry chunk: a notification shown while the component loads
 * waits in it and appears once it has.
 */
export function DeferredNotifications(props: NotificationsProps) {
  const { notifications, queue } = useNotifications();
  const [isWanted, setIsWanted] = useState(false);
  if (!isWanted && notifications.length + queue.length > 0) setIsWanted(true);
  if (!isWanted) return null;
  return (
    <Suspense fallback={null}>
      <NotificationsHost {...props} />
    </Suspense>
  );
}
