/** The notification list's input, shared by the list and the page that prefetches it (same input, same cache entry). */
export function notificationListInput(unreadOnly = false) {
  return { limit: 20, unreadOnly };
}
