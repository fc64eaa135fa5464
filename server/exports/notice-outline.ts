/**
 * What a notice part says, in order, as plain blocks (headings, paragraphs, tables): the GB/T 9704 document
 * (notice-docx.ts) draws these, and the 通报 page and the inbox show the same blocks as HTML, so the preview and
 * the file can never word a sentence differently. Pure and dependency-free (the web imports it).
 */
import type { NoticeCaseRow, NoticeKpi, NoticeModel, NoticeTable, UnitNotice } from '../contracts/notice.ts';

/** The county notice, or one unit's. */
export type NoticePart = 'county' | { unit: string };

/** The document's tables by role: each role has its own type size and column widths in the DOCX. */
export type NoticeTableRole = 'kpis' | 'units' | 'losses' | 'absences' | 'definitions';

export type NoticeBlock =
  /** Body text (仿宋 3号, first line indented two characters). */
  | { kind: 'p'; text: string }
  /** 一、 heading (黑体). */
  | { kind: 'h1'; text: string }
  /** （一） heading (楷体) with its text run on. */
  | { kind: 'h2'; head: string; text: string }
  /** A line under a table (楷体, no indent). */
  | { kind: 'caption'; text: string }
  | { kind: 'table'; role: NoticeTableRole; table: NoticeTable }
  /** An empty line. */
  | { kind: 'blank' };

export interface NoticeOutline {
  title: string;
  /** 主送 */
  recipients: string;
  body: NoticeBlock[];
  /** The 附件 page (the county notice only). */
  annex: { title: string; blocks: NoticeBlock[] } | null;
  /** 抄送 in the 版记. */
  copyTo: string;
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (i: number): string => NUMERALS[i] ?? String(i + 1);

/** The outline of one part; an unknown unit throws (the service checks the part first). */
export function noticeOutline(model: NoticeModel, part: NoticePart): NoticeOutline {
  if (part === 'county') {
    return {
      title: model.county.title,
      recipients: model.county.recipients,
      body: countyBody(model),
      annex: {
        title: '指标定义与口径',
        blocks: [
          { kind: 'table', role: 'definitions', table: model.county.definitions },
          { kind: 'caption', text: `统计口径：${model.basisText}。` },
        ],
      },
      copyTo: '县委、县人大常委会、县政府、县政协，县人民法院、县人民检察院。',
    };
  }
  const u = model.units.find((x) => x.unit.code === part.unit);
  if (!u) throw new Error(`notice ${model.id} has no unit ${part.unit}`);
  return unitOutline(model, u);
}

/** The heading fields of a notice a unit notice's sentences read. */
export type NoticeHeading = Pick<NoticeModel, 'periodName' | 'periodText' | 'basisText' | 'dataAsOf'>;

/** One unit's notice (what a unit user's copy holds: the heading fields and its own part). */
export function unitOutline(model: NoticeHeading, u: UnitNotice): NoticeOutline {
  return {
    title: u.title,
    recipients: `${u.unit.name}：`,
    body: unitBody(model, u),
    annex: null,
    copyTo: '县人民法院。',
  };
}

const p = (text: string): NoticeBlock => ({ kind: 'p', text });

function headings() {
  let n = 0;
  return (title: string): NoticeBlock => ({ kind: 'h1', text: `${numeral(n++)}、${title}` });
}

function kpiTable(kpis: NoticeKpi[]): NoticeBlock {
  return {
    kind: 'table',
    role: 'kpis',
    table: {
      columns: [
        { label: '指标', align: 'left' },
        { label: '本期' },
        { label: '分子/分母' },
        { label: '同比' },
      ],
      rows: kpis.map((k) => ({
        cells: [k.label, k.value, k.detail ?? '—', k.change ?? '—'],
        flagged: [false, k.tone === 'bad', false, k.tone === 'bad'],
      })),
    },
  };
}

const yesNo = (v: unknown) => (v === true ? '是' : v === false ? '否' : '—');
const text = (v: string | boolean | null | undefined) =>
  v === null || v === undefined || v === '' ? '—' : String(v);

function caseTable(rows: NoticeCaseRow[], role: 'losses' | 'absences'): NoticeBlock {
  const columns =
    role === 'losses'
      ? ['序号', '案号', '审理法院', '审结日期', '案由', '裁判结果', '败诉原因']
      : ['序号', '案号', '审理法院', '审结日期', '案由', '负责人出庭', '出庭人员'];
  return {
    kind: 'table',
    role,
    table: {
      columns: columns.map((label, i) => ({
        label,
        align: i === 1 || i === 2 ? ('left' as const) : undefined,
      })),
      rows: rows.map((r, i) => ({
        cells: [
          String(i + 1),
          text(r.case_no),
          text(r.court),
          text(r.closed_on),
          text(r.cause),
          ...(role === 'losses'
            ? [text(r.judgment), text(r.loss_reason)]
            : [yesNo(r.head_appeared), text(r.head_title)]),
        ],
      })),
    },
  };
}

/** The data line under the figures: what they count and when the data were last changed. */
function dataLine(model: NoticeHeading): NoticeBlock {
  const asOf = model.dataAsOf ? cstMinute(model.dataAsOf) : '—';
  return {
    kind: 'caption',
    text: `统计期间：${model.periodText}；统计口径：${model.basisText}；数据截至：${asOf}。`,
  };
}

function countyBody(model: NoticeModel): NoticeBlock[] {
  const c = model.county;
  const h = headings();
  const out: NoticeBlock[] = [p(`现将${model.periodName}全县行政争议化解工作情况通报如下：`)];
  out.push(h('总体情况'), p(c.narrative), kpiTable(c.kpis), dataLine(model));
  out.push(h('各单位情况'));
  if (c.unitTable.rows.length) {
    out.push(
      { kind: 'table', role: 'units', table: c.unitTable },
      { kind: 'caption', text: c.unitTable.caption ?? '' },
    );
  } else {
    out.push(p('本期各单位均无行政诉讼案件。'));
  }
  out.push(h('预警与需关注单位'), ...c.warnings.map(p));
  if (c.attention.length) out.push(p(`请${c.attention.join('、')}高度重视，逐案分析原因，限期整改。`));
  if (c.typicalCases.length) {
    out.push(h('典型案例'));
    c.typicalCases.forEach((tc, i) => {
      out.push({ kind: 'h2', head: `（${numeral(i)}）`, text: `${tc.caseNo}（${tc.unitName}）` }, p(tc.text));
    });
  }
  if (c.nextSteps.length) out.push(h('下步工作'), ...c.nextSteps.map(p));
  out.push({ kind: 'blank' }, p('附件：指标定义与口径'));
  return out;
}

function unitBody(model: NoticeHeading, u: UnitNotice): NoticeBlock[] {
  const h = headings();
  const out: NoticeBlock[] = [p(`现将${model.periodName}你单位行政争议化解工作情况通报如下：`)];
  out.push(h('主要指标'));
  if (u.status) out.push(p(`你单位本期“双降”情况：${u.status}。`));
  if (u.rank) out.push(p(`你单位${u.rank}`));
  out.push(kpiTable(u.kpis), dataLine(model));
  out.push(h('预警情况'));
  if (u.warnings.length) out.push(...u.warnings.map(p));
  else out.push(p('本期你单位未触发预警。'));
  out.push(h('败诉案件'));
  if (u.losses.length) {
    out.push(
      p(`本期你单位一审审结案件中败诉${u.losses.length}件，具体如下：`),
      caseTable(u.losses, 'losses'),
    );
  } else out.push(p('本期你单位无一审败诉案件。'));
  out.push(h('负责人应出庭未出庭案件'));
  if (u.absences.length) {
    out.push(
      p(`本期你单位开庭审理的案件中，负责人应出庭而未出庭${u.absences.length}件，具体如下：`),
      caseTable(u.absences, 'absences'),
    );
  } else out.push(p('本期你单位开庭审理的案件均有负责人出庭应诉。'));
  out.push(h('整改要求'));
  u.rectification.forEach((r, i) => out.push(p(u.rectification.length > 1 ? `${i + 1}．${r}` : r)));
  return out;
}

/** An ISO instant as the CST minute in words: 2025年12月31日 09:30. */
export function cstMinute(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
