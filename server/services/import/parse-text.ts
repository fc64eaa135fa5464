/**
 * The text parsers of row validation (validate.ts): dates, booleans, name lists, case numbers and causes. Pure
 * and memoised, since real files repeat the same values on thousands of rows.
 */
import { CAUSES, type Cause } from '../../domain/code-lists.ts';

/**
 * Memoises a pure string function: real files repeat the same dates, causes and codes on thousands of rows.
 * Bounded: the cache is simply dropped when it grows past `max` entries.
 */
function memo<R>(fn: (s: string) => R, max = 20_000): (s: string) => R {
  const cache = new Map<string, R>();
  return (s) => {
    let r = cache.get(s);
    if (r === undefined && !cache.has(s)) {
      if (cache.size >= max) cache.clear();
      r = fn(s);
      cache.set(s, r);
    }
    return r as R;
  };
}

// ——— dates ———

export const MIN_YEAR = 1980;
export const MAX_YEAR = 2100;

/**
 * Parses 2023-03-05, 2023/3/5, 2023.3.5, 2023年3月5日, 20230305 (optionally followed by a time of day, as
 * spreadsheet CSV exports write them) or an Excel serial date number (1900 date system). Returns YYYY-MM-DD or
 * null when the text is not a real calendar date in 1980–2100.
 */
export const parseDate = memo(parseDateUncached);

function parseDateUncached(text: string): string | null {
  const s = text.normalize('NFKC').trim();
  let y: number, m: number, d: number;
  let match =
    /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s) ??
    /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (match) {
    y = Number(match[1]);
    m = Number(match[2]);
    d = Number(match[3]);
  } else if ((match = /^(\d{1,5})(?:\.\d+)?$/.exec(s))) {
    // Excel serial: days since 1899-12-30 (which absorbs Excel's phantom 1900-02-29 for every date after it).
    const serial = Number(match[1]);
    if (serial < 61) return null;
    const date = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
    y = date.getUTCFullYear();
    m = date.getUTCMonth() + 1;
    d = date.getUTCDate();
  } else {
    return null;
  }
  if (y < MIN_YEAR || y > MAX_YEAR || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return null; // 2023-02-30
  return `${String(y)}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const TRUE = new Set(['是', 'y', 'yes', 'true', '1', '√']);
const FALSE = new Set(['否', 'n', 'no', 'false', '0', '×']);

export function parseBool(text: string): boolean | null {
  const s = text.normalize('NFKC').trim().toLowerCase();
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return null;
}

export const codeText = memo((v: string) => v.normalize('NFKC').replace(/\s+/g, ''));

/** Splits a cell of unit names on 、 ; ； , ， (DESIGN.md §3a), dropping blanks and repeats. */
export function splitNames(cell: string): string[] {
  const out: string[] = [];
  for (const part of cell.split(/[、;；,，]/)) {
    const name = part.trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

// ——— case numbers and causes ———

/**
 * The type code inside a case number, e.g. (2023)豫1321行初12号 → 行初, and the instance it implies
 * (DESIGN.md §3a). Unknown or absent codes give instance 其他 (stored, excluded from litigation metrics).
 */
export function caseType(caseNo: string): { caseType: string | null; instance: string } {
  const m = /(行赔初|行赔终|行赔再|行赔申|行赔监|行审复|行初|行终|行再|行申|行监|行抗|行审|行他|行赔)\d/.exec(
    caseNo.normalize('NFKC'),
  );
  const t = m?.[1] ?? null;
  const instance =
    t === '行初' || t === '行赔初'
      ? '一审'
      : t === '行终' || t === '行赔终'
        ? '二审'
        : t !== null && /^行(赔)?(再|申|监)$/.test(t)
          ? '再审'
          : '其他';
  return { caseType: t, instance };
}

// Keywords for causes whose text does not contain the level-2 name itself; first match wins.
const CAUSE_KEYWORDS: readonly [RegExp, Cause][] = [
  [/信息公开/, '政府信息公开'],
  [/不履行|不作为|履行.*职责/, '不履行职责'],
  [/罚款|拘留|警告|没收|吊销|责令停产|处罚/, '行政处罚'],
  [/强制拆除|代履行|强制执行|拆除违法建筑/, '行政强制执行'],
  [/查封|扣押|冻结|强制措施|限制人身自由/, '行政强制措施'],
  [/征收|征用|拆迁/, '行政征收或者征用'],
  [/登记|不动产|户籍/, '行政登记'],
  [/工伤|认定|确认/, '行政确认'],
  [/许可|审批|执照/, '行政许可'],
  [/补偿/, '行政补偿'],
  [/赔偿/, '行政赔偿'],
  [/协议|合同/, '行政协议'],
  [/复议/, '行政复议'],
  [/抚恤|低保|救助|给付|社会保险待遇/, '行政给付'],
  [/收费/, '行政收费'],
  [/裁决/, '行政裁决'],
];

const CAUSES_LONGEST_FIRST = [...CAUSES].filter((c) => c !== '其他').sort((a, b) => b.length - a.length);

/** Maps free-text 案由 to the level-2 cause list (法发〔2020〕44号) by keyword, else 其他. */
export function mapCause(raw: string | null): Cause {
  return raw === null ? '其他' : mapCauseText(raw);
}

const mapCauseText = memo((raw: string): Cause => {
  const s = raw.normalize('NFKC');
  const direct = CAUSES_LONGEST_FIRST.find((c) => s.includes(c));
  if (direct) return direct;
  return CAUSE_KEYWORDS.find(([re]) => re.test(s))?.[1] ?? '其他';
});
