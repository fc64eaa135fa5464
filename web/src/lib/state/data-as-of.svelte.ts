import { api } from '../api/client.ts';
import type { DataAsOf } from '../api/data-types.ts';

/**
 * When data last arrived (GET /api/data-as-of), for the app shell's header and the data page. Reloaded after
 * anything that imports (an upload, a mapping, a job run).
 */
class DataAsOfStore {
  value = $state<DataAsOf | null>(null);

  load(): Promise<void> {
    return api.dataAsOf().then(
      (v) => void (this.value = v),
      () => undefined,
    );
  }
}

export const dataAsOf = new DataAsOfStore();
