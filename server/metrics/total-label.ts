/**
 * The name of a metric table's total row, after the scope it totals: 全县合计 for the whole county, 县直部门合计
 * under a kind filter, the peer group's name under a group filter, the unit's under a unit filter. The server
 * writes the Chinese one into the row (`label`), so the JSON, CSV, XLSX, Arrow and the deck all carry the same
 * text; the web's English mode calls this with 'en' on the answer's `filters`. Pure: the web bundle imports it.
 */
import { codeLabel } from '../domain/code-list-labels.ts';

export interface TotalScope {
  kinds?: readonly string[] | null | undefined;
  groups?: readonly string[] | null | undefined;
  /** The units a unit filter (or a unit user's scope) restricts the total to. */
  units?: readonly { name: string }[] | null | undefined;
}

export function totalLabel(scope: TotalScope, lang: 'zh' | 'en'): string {
  const parts: string[] = [];
  const join = (xs: readonly string[]) => xs.join(lang === 'zh' ? '、' : ', ');
  if (scope.units?.length) {
    parts.push(
      scope.units.length === 1
        ? scope.units[0]!.name
        : lang === 'zh'
          ? `所选${scope.units.length}个单位`
          : `${scope.units.length} selected units`,
    );
  }
  if (scope.kinds?.length) parts.push(join(scope.kinds.map((k) => codeLabel('unitKinds', k, lang))));
  // Peer groups are the bureau's own names (data): shown as they are in either language.
  if (scope.groups?.length) parts.push(join(scope.groups));
  if (lang === 'zh') return parts.length ? `${parts.join('·')}合计` : '全县合计';
  return parts.length ? `Total: ${parts.join(' · ')}` : 'County total';
}
