/**
 * One API read bound to the page's filters: the latest answer wins (a slow answer to an old filter never
 * overwrites a newer one), with loading and error state for the template.
 */
export class Query<T> {
  data = $state<T | null>(null);
  error = $state<string | null>(null);
  loading = $state(true);
  #seq = 0;

  run(p: Promise<T>): void {
    const seq = ++this.#seq;
    this.loading = true;
    p.then(
      (d) => {
        if (seq !== this.#seq) return;
        this.data = d;
        this.error = null;
        this.loading = false;
      },
      (e: unknown) => {
        if (seq !== this.#seq) return;
        this.error = e instanceof Error ? e.message : String(e);
        this.loading = false;
      },
    );
  }
}
