/**
 * Matching a unit name from a source file to a unit (DESIGN.md §2): the exact name, then an alias, then the
 * normalised name (county prefix, 人民政府 / 办事处, full/half width and spaces stripped). A normalised key that
 * two units share is ambiguous and matches neither: such a name waits for a person to map it.
 * The whole directory is held in memory: ~10,000 units and their aliases at province scale is a few MB.
 */
import { countyPrefixes, normalizeUnitName } from '../../domain/unit-name.ts';
import type { DirectoryAlias, DirectoryUnit } from '../../repositories/unit-match.repository.ts';

export type { DirectoryAlias, DirectoryUnit };

const AMBIGUOUS = -1;

export class UnitMatcher {
  readonly prefixes: string[];
  private readonly exact = new Map<string, number>();
  private readonly normalized = new Map<string, number>();

  constructor(units: readonly DirectoryUnit[], aliases: readonly DirectoryAlias[]) {
    this.prefixes = countyPrefixesOf(units);
    for (const u of units) this.exact.set(u.name, u.id);
    for (const a of aliases) if (!this.exact.has(a.alias)) this.exact.set(a.alias, a.unit_id);
    const add = (name: string, id: number) => {
      const key = this.normalize(name);
      const seen = this.normalized.get(key);
      this.normalized.set(key, seen === undefined || seen === id ? id : AMBIGUOUS);
    };
    for (const u of units) add(u.name, u.id);
    for (const a of aliases) add(a.alias, a.unit_id);
  }

  normalize(name: string): string {
    return normalizeUnitName(name, this.prefixes);
  }

  /** The unit id for a name, or null when it matches no unit (or only ambiguously). */
  match(name: string): number | null {
    const trimmed = name.trim();
    const exact = this.exact.get(trimmed);
    if (exact !== undefined) return exact;
    const id = this.normalized.get(this.normalize(trimmed));
    return id === undefined || id === AMBIGUOUS ? null : id;
  }
}

/**
 * The county prefixes to strip: the county government's own name without 人民政府 (示例县人民政府 → 示例县), for
 * every unit of kind 县政府, plus the bare 县.
 */
export function countyPrefixesOf(units: readonly DirectoryUnit[]): string[] {
  const names = new Set<string>(countyPrefixes('县'));
  for (const u of units) {
    if (u.kind !== '县政府') continue;
    const county = u.name
      .normalize('NFKC')
      .replace(/\s/g, '')
      .replace(/(人民政府|政府)$/, '');
    if (county) names.add(county);
  }
  return [...names];
}
