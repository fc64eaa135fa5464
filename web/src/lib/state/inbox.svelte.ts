import { api } from '../api/client.ts';

/**
 * 我的通报's unread count for the header badge (unit users only; everyone else's inbox is empty). Re-read on page
 * changes and after the inbox page reads or signs, passively (not counted as use of the session).
 */
class InboxStore {
  unread = $state(0);

  async load(): Promise<void> {
    try {
      this.unread = (await api.noticeInbox({ passive: true })).unread;
    } catch {
      // The badge is a convenience: a failed read leaves the last count.
    }
  }
}

export const inbox = new InboxStore();
