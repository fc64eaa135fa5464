import { api, type Registry, type RegistryMetric } from '../api/client.ts';

/** The metric registry (names, definitions, 口径, better direction), fetched once per session. */
class RegistryStore {
  value = $state<Registry | null>(null);
  #loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.#loading ??= api.definitions().then(
      (r) => void (this.value = r),
      () => void (this.#loading = null),
    );
    return this.#loading;
  }

  metric(id: string): RegistryMetric | undefined {
    return this.value?.metrics.find((m) => m.id === id);
  }
}

export const registry = new RegistryStore();
