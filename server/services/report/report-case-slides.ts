/**
 * A one-unit deck's case lists (section unit_cases): the unit's cases behind its 败诉 and the hearings its head
 * missed (负责人应出庭未出庭), from services/cases/charged-cases.ts, so each list holds exactly the cases its figure
 * counts. A unit's lists are short (a county unit has a handful a year); a long one pages like the units table.
 */
import type { CaseListRow } from '../../contracts/cases.ts';
import { caseCell, caseColumnHeader } from '../../exports/case-list.ts';
import type { DeckSlide, ReportTable } from '../../contracts/report.ts';
import { numOr0, rateText } from './report-cells.ts';
import type { SectionBuilder } from './report-slides.ts';
import { tableSlides, type PagedTable } from './report-table-pages.ts';

interface CaseColumn {
  field: string;
  /** A slide's own header where the list's is too terse for a meeting (法院 → 审理法院). */
  label?: string;
  align?: 'left';
  wrap?: boolean;
}

const LOSS_COLUMNS: CaseColumn[] = [
  { field: 'case_no', align: 'left' },
  { field: 'cause', align: 'left', wrap: true },
  { field: 'domain' },
  { field: 'filed_on' },
  { field: 'closed_on' },
  { field: 'judgment' },
  { field: 'loss_reason', wrap: true },
];

const ABSENCE_COLUMNS: CaseColumn[] = [
  { field: 'case_no', align: 'left' },
  { field: 'cause', align: 'left', wrap: true },
  { field: 'domain' },
  { field: 'court', label: '审理法院', wrap: true },
  { field: 'closed_on' },
  { field: 'closing' },
];

const header = (c: CaseColumn) => c.label ?? caseColumnHeader('litigation', c.field);

export const CASE_SECTION_BUILDERS: Record<'unit_cases', SectionBuilder> = {
  unit_cases: ({ charged, total }) => {
    if (!charged) return { slides: [] };
    const t = total.total;
    const losses = caseList(
      '败诉案件',
      `${charged.unit.name}败诉案件`,
      LOSS_COLUMNS,
      charged.losses,
      `一审审结${numOr0(t.lit_concluded)}件，败诉${numOr0(t.lit_losses)}件，败诉率${rateText(t, 'lit_loss_rate')}。`,
      '本期无败诉案件。',
    );
    const absences = caseList(
      '负责人未出庭案件',
      `${charged.unit.name}负责人应出庭未出庭案件`,
      ABSENCE_COLUMNS,
      charged.absences,
      `开庭${numOr0(t.lit_hearings)}件，负责人出庭${numOr0(t.lit_head_appearances)}件，` +
        `出庭应诉率${rateText(t, 'lit_head_appearance_rate')}；出庭出声率${rateText(t, 'lit_head_spoke_rate')}。`,
      '本期开庭审理的案件负责人均已出庭。',
    );
    return {
      slides: [...losses.slides, ...absences.slides],
      tables: [losses.table, absences.table],
    };
  },
};

/** One list as table slides (or a slide saying it is empty) and as the workbook sheet `sheet`. */
function caseList(
  sheet: string,
  title: string,
  columns: CaseColumn[],
  rows: CaseListRow[],
  summary: string,
  none: string,
): { slides: DeckSlide[]; table: ReportTable } {
  const cells = rows.map((r) => columns.map((c) => caseCell(r[c.field], '—')));
  const table: ReportTable = {
    name: sheet,
    columns: columns.map(header),
    rows: cells,
  };
  if (!rows.length) {
    return {
      slides: [{ kind: 'text', title, paragraphs: [summary, none], notes: `${summary}${none}` }],
      table,
    };
  }
  const paged: PagedTable = {
    title,
    columns: columns.map((c) => ({ label: header(c), align: c.align ?? 'center', wrap: c.wrap })),
    rows: cells.map((c) => ({ cells: c })),
    subtitle: `共${rows.length}件，按结案日期排序；一审，结案日期在统计期内`,
    caption: summary,
    notes: (page) => [summary, ...page.map((r) => r.cells.join('，'))].join('\n'),
  };
  return { slides: tableSlides(paged), table };
}
