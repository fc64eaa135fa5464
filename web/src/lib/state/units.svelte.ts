import { api } from '../api/client.ts';

export interface UnitInfo {
  code: string;
  name: string;
  kind: string;
  group: string;
}

/** Every unit (code, name, kind, peer group) for filter lists and headings, fetched once per session. */
class UnitsStore {
  list = $state<UnitInfo[]>([]);
  #loading: Promise<void> | null = null;

  load(): Promise<void> {
    this.#loading ??= api.metrics('preset=year&by=unit&metrics=lit_filed&compare=none&rank=none').then(
      (r) =>
        void (this.list = r.rows.map((row) => ({
          code: String(row.unit_code),
          name: String(row.unit_name),
          kind: String(row.unit_kind),
          group: String(row.unit_group ?? ''),
        }))),
      () => void (this.#loading = null),
    );
    return this.#loading;
  }

  get groups(): string[] {
    return [...new Set(this.list.map((u) => u.group).filter(Boolean))].sort((a, b) =>
      a.localeCompare(b, 'zh-CN'),
    );
  }

  byCode(code: string): UnitInfo | undefined {
    return this.list.find((u) => u.code === code);
  }
}

export const units = new UnitsStore();
