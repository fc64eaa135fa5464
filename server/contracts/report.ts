/**
 * The joint-meeting report's shape (POST /api/reports/preview and the snapshots): the request, the model with its
 * slides as data, and the tables of the workbook. Types and plain data only: server/services/report/ builds the
 * model, server/exports/ (pptx, xlsx) draw it and the web previews it, all from these declarations.
 */

/** The sections in meeting order; the cover always leads. */
export const REPORT_SECTIONS = [
  'summary',
  'trend',
  'closing',
  'causes',
  'kinds',
  'units',
  'loss_reasons',
  'appearance',
  'unit_cases',
  'reconsideration',
  'prelitigation',
  'warnings',
  'definitions',
] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/**
 * Sections that compare units with each other: a one-unit deck (scope.unitCode) leaves them out, as it has no
 * peers on its slides. `unit_cases` (the unit's cases behind 败诉 and its missed hearings) is in a one-unit deck
 * only: the county's deck lists units, not cases.
 */
export const PEER_SECTIONS: readonly ReportSection[] = ['kinds', 'units', 'appearance'];
export const ONE_UNIT_SECTIONS: readonly ReportSection[] = ['unit_cases'];

/** Whether a section has slides in a deck of this scope. */
export function sectionApplies(section: ReportSection, scope?: ReportScope): boolean {
  return scope?.unitCode ? !PEER_SECTIONS.includes(section) : !ONE_UNIT_SECTIONS.includes(section);
}

export type ReportFormat = 'pptx' | 'pdf' | 'xlsx';

export interface ReportScope {
  kind?: string | undefined;
  group?: string | undefined;
  unitCode?: string | undefined;
}

export interface ReportRequest {
  from: string;
  to: string;
  scope?: ReportScope | undefined;
  /** Chosen 口径 per rate id (e.g. { lit_loss_rate: 'B' }). */
  basis?: Record<string, string> | undefined;
  /** Sections in the order to show them (default: all, in meeting order). */
  sections?: ReportSection[] | undefined;
  /** The narrative paragraph as edited by the presenter (default: generated). */
  narrative?: string | undefined;
  /** The generated paragraph's language when `narrative` is not given (default zh; the CLI's --lang). */
  narrativeLang?: 'zh' | 'en' | undefined;
  /** Restrict to these units (the access layer forces a unit user's own unit here). */
  unitIds?: number[] | undefined;
  title?: string | undefined;
  /** false: no ranks (a unit user whom the settings do not let see rankings). */
  ranked?: boolean | undefined;
}

/** A table of the report as data, for the workbook (one sheet each). */
export interface ReportTable {
  name: string;
  columns: string[];
  rows: (string | number | null)[][];
}

export interface ReportModel {
  request: ReportRequest;
  meta: DeckMeta;
  slides: DeckSlide[];
  tables: ReportTable[];
  narrative: string;
  /** The generated paragraph in English, for the report page in English mode (the deck itself is Chinese). */
  narrativeEn?: string;
  dataAsOf: string | null;
}

/** A frozen report as listed (GET /api/reports/snapshots), without its model. */
export interface ReportSnapshot {
  id: string;
  title: string;
  period_from: string;
  period_to: string;
  request: ReportRequest;
  data_as_of: string | null;
  created_by: string | null;
  /** An ISO instant (JSON of the row's timestamptz). */
  created_at: string;
}

/** What every slide's footer and the cover say about the deck. */
export interface DeckMeta {
  /** e.g. 示例县行政争议化解工作联席会议材料 */
  title: string;
  subtitle?: string;
  /** e.g. 2025年1月1日—2025年12月31日 */
  periodLabel: string;
  /** e.g. 一审；败诉率口径A（败诉÷审结） */
  basisLabel: string;
  /** e.g. 法院行政案件数据、行政复议案件数据、诉前化解数据 */
  source: string;
  /** e.g. 2026年1月5日 08:00 */
  dataAsOf: string;
  /** Issuing office, on the cover. */
  organisation?: string;
}

export type Tone = 'good' | 'bad' | 'neutral';

export interface DeckChart {
  type: 'bar' | 'line' | 'combo' | 'pie' | 'doughnut';
  /** The chart's own title, for a slide that holds two charts (each then says what it shows). */
  title?: string;
  categories: string[];
  series: {
    name: string;
    values: (number | null)[];
    /** In a combo chart: which series are lines (on the secondary axis). */
    as?: 'bar' | 'line';
    format?: 'count' | 'percent';
  }[];
  /** Horizontal bars (top-N lists read better that way). */
  horizontal?: boolean;
}

interface SlideBase {
  title: string;
  /** The report section the slide belongs to ('cover' for the cover): the web preview groups slides by it. */
  section?: ReportSection | 'cover';
  /** Speaker notes: the slide's figures as sentences (generated, so they always match the slide). */
  notes?: string;
}

export type DeckSlide =
  | (SlideBase & { kind: 'cover'; lines: string[] })
  | (SlideBase & {
      kind: 'kpis';
      items: { label: string; value: string; change?: string; tone?: Tone; detail?: string }[];
      status?: { label: string; tone: Tone };
      paragraph?: string;
      /** A chart under the tiles (the family's months in the period), filling the slide's lower half. */
      chart?: DeckChart;
    })
  | (SlideBase & {
      kind: 'chart';
      chart: DeckChart;
      /** A second chart to the right of the first (counts left, a rate right: they never share an axis). */
      beside?: DeckChart;
      caption?: string;
    })
  | (SlideBase & {
      kind: 'table';
      /** One line under the title: what the rows are and their order (e.g. 按排名排序). */
      subtitle?: string;
      /**
       * `width`: relative (the builders give inches fitted to the text, server/exports/table-fit.ts); `wrap`: the
       * column's text may flow over lines (others are sized to stay on one).
       */
      columns: { label: string; align?: 'left' | 'center' | 'right'; width?: number; wrap?: boolean }[];
      rows: { cells: string[]; flagged?: boolean[] }[];
      /** Points; the same on every page of one table (fitted over all its rows). */
      fontSize?: number;
      caption?: string;
    })
  | (SlideBase & { kind: 'text'; paragraphs: string[] });
