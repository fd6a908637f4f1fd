// What the service worker shows for a push payload (written by the database triggers that queue pushes).
// Pure, so the wording and the tap target are tested without a browser.

export interface ShownNotification {
  title: string;
  options: NotificationOptions & { vibrate?: number[]; renotify?: boolean };
}

const ICON = '/pwa-192x192.png';
const BADGE = '/pwa-64x64.png';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function text(value: unknown, fallback: string, max = 80): string {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : fallback;
}

/** Only same-origin paths: a payload never sends the guest somewhere else. */
export function safeAppPath(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/(?!\/)[\w\-./?=&%]*$/.test(value) ? value : fallback;
}

export function notificationFor(payload: unknown): ShownNotification {
  const data = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : {};
  const orderId = typeof data.order_id === 'string' && UUID.test(data.order_id) ? data.order_id : undefined;

  if (data.type === 'new_order') {
    const guest = text(data.username, 'A guest', 50);
    return {
      title: `New order: ${text(data.drink_name, 'a drink')}`,
      options: {
        body: `${guest} ordered${data.note ? ` (“${text(data.note, '', 120)}”)` : ''}.`,
        icon: ICON,
        badge: BADGE,
        tag: orderId ? `new-order-${orderId}` : undefined,
        data: { url: safeAppPath(data.url, '/host') },
      },
    };
  }

  const drink = text(data.drink_name, 'Your drink');
  return {
    title: drink === 'Your drink' ? 'Your drink is ready!' : `Your ${drink} is ready!`,
    options: {
      body: 'Pick it up at the bar.',
      icon: ICON,
      badge: BADGE,
      // One notification per order: a repeated push replaces it instead of buzzing twice.
      tag: orderId ? `order-${orderId}` : 'order-ready',
      renotify: false,
      requireInteraction: true,
      vibrate: [200, 100, 200, 100, 300],
      data: { url: safeAppPath(data.url, orderId ? `/orders/${orderId}` : '/orders') },
    },
  };
}
