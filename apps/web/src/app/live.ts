import { useEffect } from 'react';
import { refreshSession } from './api';
import { queryClient } from './query-client';
import { session } from './session';

/**
 * Live updates: ONE WebSocket per tab to /api/live, shared by every component that calls
 * `useLiveRepairs()` (reference-counted). Each event, and each (re)subscription after a gap,
 * invalidates the queries under ['repairs'], so boards and order pages refetch what changed.
 */

// the server's close codes (apps/server/src/modules/live/live.routes.ts)
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_FORBIDDEN = 4403;

const MIN_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;
// React StrictMode and route changes release and take the socket back at once: keep it a moment
const RELEASE_GRACE_MS = 2_000;
// a burst of events (a whole board moved) becomes one refetch
const INVALIDATE_DEBOUNCE_MS = 150;

let users = 0;
let socket: WebSocket | null = null;
let connecting = false;
let attempt = 0;
let hasSubscribedBefore = false;
/** set after a 4401: the next connection asks for a fresh access token first */
let needsFreshToken = false;
let retryTimer: ReturnType<typeof setTimeout> | undefined;
let releaseTimer: ReturnType<typeof setTimeout> | undefined;
let invalidateTimer: ReturnType<typeof setTimeout> | undefined;
let unsubscribeSession: (() => void) | undefined;

function liveUrl(token: string): string {
  const protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${window.location.host}/api/live?token=${encodeURIComponent(token)}`;
}

function invalidateRepairs(): void {
  clearTimeout(invalidateTimer);
  invalidateTimer = setTimeout(() => {
    void queryClient.invalidateQueries({
      queryKey: ['repairs'],
      // a stored photo never changes: its blob is not fetched again for every event
      predicate: (query) => query.queryKey[1] !== 'photo-file',
    });
  }, INVALIDATE_DEBOUNCE_MS);
}

let conversationsTimer: ReturnType<typeof setTimeout> | undefined;
function invalidateConversations(): void {
  clearTimeout(conversationsTimer);
  conversationsTimer = setTimeout(() => {
    void queryClient.invalidateQueries({ queryKey: ['conversations'] });
    // an order's message timeline lives under its order's key
    void queryClient.invalidateQueries({
      queryKey: ['repairs'],
      predicate: (q) => q.queryKey[2] === 'messages',
    });
  }, INVALIDATE_DEBOUNCE_MS);
}

function onFrame(data: unknown): void {
  let frame: { type?: unknown };
  try {
    frame = JSON.parse(String(data)) as { type?: unknown };
  } catch {
    return;
  }
  if (frame.type === 'live.ready') {
    attempt = 0;
    // after a gap, events may have been missed; the first subscription has fresh data already
    if (hasSubscribedBefore) invalidateRepairs();
    hasSubscribedBefore = true;
    return;
  }
  // a conversation's new message or a message's delivery status (issue 14 §3): the inbox refetches
  if (typeof frame.type === 'string' && !frame.type.startsWith('repair.') && frame.type !== 'live.resync') {
    invalidateConversations();
    return;
  }
  // 'live.resync' (the server lost events) and every repair.* event
  if (frame.type === 'live.resync') invalidateConversations();
  invalidateRepairs();
}

function scheduleReconnect(): void {
  if (users === 0 || retryTimer !== undefined) return;
  const ceiling = Math.min(MAX_DELAY_MS, MIN_DELAY_MS * 2 ** attempt);
  const delay = ceiling / 2 + (Math.random() * ceiling) / 2;
  attempt += 1;
  retryTimer = setTimeout(() => {
    retryTimer = undefined;
    void connect();
  }, delay);
}

async function accessToken(): Promise<string | null> {
  if (needsFreshToken || session.isAccessStale()) {
    // false: the session is over (signed out); a throw: the server is unreachable, try later
    if (!(await refreshSession())) return null;
    needsFreshToken = false;
  }
  return session.getAccessToken();
}

async function connect(): Promise<void> {
  if (users === 0 || socket || connecting || !session.hasSession()) return;
  connecting = true;
  let token: string | null;
  try {
    token = await accessToken();
  } catch {
    connecting = false;
    scheduleReconnect();
    return;
  }
  connecting = false;
  if (!token || users === 0 || socket) return;

  const ws = new WebSocket(liveUrl(token));
  socket = ws;
  ws.onmessage = (event) => onFrame(event.data);
  ws.onclose = (event) => {
    if (socket !== ws) return;
    socket = null;
    // this login may not follow orders: asking again will not change that
    if (event.code === CLOSE_FORBIDDEN) return;
    // refused: refresh, unless the API client already got a newer token meanwhile
    if (event.code === CLOSE_UNAUTHORIZED && session.getAccessToken() === token) needsFreshToken = true;
    scheduleReconnect();
  };
}

function disconnect(): void {
  clearTimeout(retryTimer);
  retryTimer = undefined;
  const ws = socket;
  socket = null;
  ws?.close(1000);
}

function reconnectNow(): void {
  if (users === 0 || socket) return;
  clearTimeout(retryTimer);
  retryTimer = undefined;
  attempt = 0;
  void connect();
}

function start(): void {
  unsubscribeSession = session.subscribe(() => {
    // signed out: drop the socket; signed (back) in: follow again with the new login
    if (session.hasSession()) reconnectNow();
    else {
      disconnect();
      hasSubscribedBefore = false;
    }
  });
  window.addEventListener('online', reconnectNow);
  void connect();
}

function stop(): void {
  unsubscribeSession?.();
  unsubscribeSession = undefined;
  window.removeEventListener('online', reconnectNow);
  disconnect();
  hasSubscribedBefore = false;
}

function acquire(): () => void {
  users += 1;
  if (releaseTimer !== undefined) {
    clearTimeout(releaseTimer);
    releaseTimer = undefined;
  } else if (users === 1) {
    start();
  }
  let released = false;
  return () => {
    if (released) return;
    released = true;
    users -= 1;
    if (users > 0) return;
    releaseTimer = setTimeout(() => {
      releaseTimer = undefined;
      if (users === 0) stop();
    }, RELEASE_GRACE_MS);
  };
}

/** Keeps the tab's live connection open while the calling component is mounted. */
export function useLiveRepairs(): void {
  useEffect(() => acquire(), []);
}
