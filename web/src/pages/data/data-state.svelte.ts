/**
 * The data page's reads, shared by its panels: an upload, a mapping or a job run refreshes what it changed
 * (ledger, unmatched names, jobs, sources, data-as-of) through `refresh()`.
 */
import { api } from '../../lib/api/client.ts';
import type { DataSource, ImportEntry, JobStatus, UnmatchedName } from '../../lib/api/data-types.ts';
import { dataAsOf } from '../../lib/state/data-as-of.svelte.ts';
import { can } from '../../lib/state/permissions.ts';
import { Query } from '../../lib/state/query.svelte.ts';

export class DataState {
  readonly canRead = can('import:read');
  readonly canJobs = can('jobs:run');
  readonly canSources = can('sources:manage');
  imports = new Query<{ imports: ImportEntry[] }>();
  unmatched = new Query<{ names: UnmatchedName[] }>();
  jobs = new Query<{ jobs: JobStatus[]; dataAsOf: string | null }>();
  sources = new Query<{ sources: DataSource[]; file: string | null }>();
  /** The ledger entry whose details (rejected rows) are open. */
  openImport = $state<number | null>(null);
  /** Bumped on every refresh, so panels that load details (examples, run history) reload them too. */
  version = $state(0);

  refresh(): void {
    this.version++;
    void dataAsOf.load();
    if (this.canRead) {
      this.imports.run(api.imports());
      this.unmatched.run(api.unmatched());
    }
    if (this.canJobs) this.jobs.run(api.jobs());
    if (this.canSources) this.sources.run(api.sources());
  }
}
