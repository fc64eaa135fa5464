import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { NoticeModel, UnitNotice } from '../../server/contracts/notice.ts';
import { NOTICE_FONTS, NOTICE_PAGE, renderNoticeDocx } from '../../server/exports/notice-docx.ts';

/** A small notice, as the service freezes it: one county part and two units. */
const unitPart = (code: string, name: string, kind: string, losses: number): UnitNotice => ({
  unit: { code, name, kind },
  title: `关于2025年第4季度${name}行政争议化解工作情况的通报`,
  kpis: [
    { id: 'lit_filed', label: '新收一审案件', value: '3件', change: '同比上升50.0%', tone: 'bad' },
    {
      id: 'lit_loss_rate',
      label: '败诉率',
      value: '33.3%',
      detail: '1/3',
      change: '同比上升8.3个百分点',
      tone: 'bad',
    },
  ],
  status: '未降',
  rank: null,
  warnings: ['败诉率超过预警线（败诉率33.3%（1/3））。'],
  losses: Array.from({ length: losses }, (_, i) => ({
    case_no: `(2025)示0521行初${i + 1}号`,
    court: '示例县人民法院',
    closed_on: '2025-11-20',
    cause: '行政处罚',
    judgment: '撤销',
    loss_reason: '程序违法',
  })),
  absences: [
    {
      case_no: '(2025)示0521行初9号',
      court: '示例市中级人民法院',
      closed_on: '2025-12-01',
      cause: '行政许可',
      head_appeared: false,
      head_title: null,
    },
  ],
  rectification: [
    '针对本期败诉率超过预警线的问题，逐案剖析败诉原因。',
    '请于收到本通报之日起15个工作日内报送整改情况。',
  ],
  figures: { unit_code: code, lit_filed: 3, lit_losses: losses },
});

const model: NoticeModel = {
  version: 1,
  id: 'N20251231-1a2b3c4d',
  docNumber: '示例府院办〔2026〕1号',
  period: {
    from: '2025-10-01',
    to: '2025-12-31',
    preset: 'quarter',
    label: { zh: '2025年第4季度', en: '2025 Q4' },
  },
  periodName: '2025年第四季度',
  periodText: '2025年10月1日—2025年12月31日',
  basisText: '一审；败诉率：口径A 总体：败诉 ÷ 审结',
  dataAsOf: '2026-01-04T10:00:00.000Z',
  issuer: '示例县府院联动联席会议办公室',
  issuedBy: 'analyst',
  issuedAt: '2026-01-05T01:00:00.000Z',
  dateText: '2026年1月5日',
  county: {
    title: '关于2025年第4季度全县行政争议化解工作情况的通报',
    recipients: '各乡镇人民政府、街道办事处，县直各单位：',
    narrative: '2025年第4季度全县新收一审行政诉讼案件16件，同比下降20.0%。',
    kpis: [{ id: 'lit_filed', label: '新收一审案件', value: '16件', change: '同比下降20.0%', tone: 'good' }],
    status: '双降',
    unitTable: {
      columns: [
        { label: '单位', align: 'left' },
        { label: '新收' },
        { label: '败诉率（n/N）' },
        { label: '预警', wrap: true },
      ],
      rows: [
        { cells: [], heading: '县直部门' },
        ...Array.from({ length: 60 }, (_, i) => ({
          cells: [`示例县第${i + 1}局`, '2', '50.0%（1/2）', i % 3 ? '—' : '败诉率高'],
          flagged: [false, false, i % 3 === 0, i % 3 === 0],
        })),
      ],
      caption: '红色为触发预警的指标。',
    },
    warnings: ['败诉率超过预警线（1个）：示例县第1局（败诉率50.0%（1/2））。'],
    attention: ['示例县第1局'],
    typicalCases: [
      { caseNo: '(2025)示0521行初1号', unitName: '示例县第1局', text: '该案因程序违法被判决撤销。' },
    ],
    nextSteps: ['一是压实出庭应诉责任。'],
    definitions: {
      columns: [{ label: '指标' }, { label: '定义' }, { label: '本期口径' }],
      rows: [{ cells: ['败诉率', '败诉 ÷ 审结', '口径A 总体'] }],
    },
    figures: { lit_filed: 16 },
  },
  units: [unitPart('A01', '示例县公安局', '县直部门', 2), unitPart('T01', '城关镇人民政府', '乡镇街道', 0)],
};

async function parts(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const read = (n: string) => zip.file(n)?.async('string') ?? Promise.resolve('');
  const names = Object.keys(zip.files);
  return {
    names,
    document: await read('word/document.xml'),
    styles: await read('word/styles.xml'),
    settings: await read('word/settings.xml'),
    fonts: await read('word/fontTable.xml'),
    footers: await Promise.all(names.filter((n) => /^word\/footer\d+\.xml$/.test(n)).map(read)),
  };
}

/** Every <w:r> element (not w:rPr, w:rFonts…) of a part. */
const runsOf = (xml: string) => xml.match(/<w:r>.*?<\/w:r>|<w:r [^>]*>.*?<\/w:r>/gs) ?? [];

const county = await parts(await renderNoticeDocx(model, 'county'));
const unit = await parts(await renderNoticeDocx(model, { unit: 'A01' }));

describe('the notice as DOCX (GB/T 9704 layout)', () => {
  it('sets an East-Asian font on every run, in the body and the footers, and on the document defaults', () => {
    for (const p of [county, unit]) {
      const runs = [...runsOf(p.document), ...p.footers.flatMap(runsOf)];
      expect(runs.length).toBeGreaterThan(50);
      const bare = runs.filter((r) => !/<w:rFonts [^>]*w:eastAsia="[^"]+"/.test(r));
      expect(bare).toEqual([]);
      expect(p.styles).toMatch(
        new RegExp(`<w:docDefaults>.*<w:rFonts [^>]*w:eastAsia="${NOTICE_FONTS.body}"`, 's'),
      );
    }
    // The title, headings and body each in their own face.
    expect(county.document).toContain(`w:eastAsia="${NOTICE_FONTS.title}"`);
    expect(county.document).toContain(`w:eastAsia="${NOTICE_FONTS.heading1}"`);
    expect(county.document).toContain(`w:eastAsia="${NOTICE_FONTS.heading2}"`);
  });

  it('names the stand-in faces of §8 in the font table (仿宋_GB2312 → 仿宋, 方正小标宋简体 → 华文中宋)', () => {
    for (const p of [county, unit]) {
      const alt = Object.fromEntries(
        [...p.fonts.matchAll(/<w:font w:name="([^"]+)">(?:<w:altName w:val="([^"]+)"\/>)?/g)].map((m) => [
          m[1],
          m[2] ?? null,
        ]),
      );
      expect(alt).toEqual({
        [NOTICE_FONTS.title]: '华文中宋',
        [NOTICE_FONTS.body]: '仿宋',
        [NOTICE_FONTS.heading1]: null,
        [NOTICE_FONTS.heading2]: '楷体',
        [NOTICE_FONTS.pageNumber]: 'SimSun',
      });
      expect(p.fonts).toMatch(/^<\?xml[^>]*\?><w:fonts [^>]*>(<w:font .*?<\/w:font>)+<\/w:fonts>$/s);
    }
  });

  it('is A4 with the margins of §8 in twips', () => {
    expect(NOTICE_PAGE).toEqual({
      width: 11906,
      height: 16838,
      top: 2098,
      bottom: 1984,
      left: 1587,
      right: 1474,
    });
    for (const p of [county, unit]) {
      expect(p.document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
      const margin = /<w:pgMar ([^>]*)\/>/.exec(p.document)?.[1] ?? '';
      expect(margin).toMatch(/w:top="2098"/);
      expect(margin).toMatch(/w:bottom="1984"/);
      expect(margin).toMatch(/w:left="1587"/);
      expect(margin).toMatch(/w:right="1474"/);
    }
  });

  it('numbers pages 「— 1 —」 at the outside edge: odd pages right, even pages left', () => {
    expect(county.settings).toContain('<w:evenAndOddHeaders/>');
    expect(county.document).toMatch(/<w:footerReference w:type="default"/);
    expect(county.document).toMatch(/<w:footerReference w:type="even"/);
    const sides = county.footers.map((f) => /<w:jc w:val="(\w+)"/.exec(f)?.[1]).sort();
    expect(sides).toEqual(['left', 'right']);
    for (const f of county.footers) {
      expect(f).toMatch(/PAGE/);
      expect(f).toContain('— ');
      expect(f).toContain(' —');
    }
  });

  it('repeats every data table’s header row on each page and never splits a row', () => {
    // The 版记 is a table too, floated to the foot of the last page; it has no header row.
    const tables = (county.document.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? []).filter(
      (t) => !t.includes('<w:tblpPr'),
    );
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const t of tables) {
      const firstRow = /<w:tr>.*?<\/w:tr>|<w:tr [^>]*>.*?<\/w:tr>/s.exec(t)?.[0] ?? '';
      expect(firstRow).toContain('<w:tblHeader/>');
    }
    expect(county.document).toMatch(/<w:cantSplit\/>/);
  });

  it('puts the 版记 at the foot of the last page: the last table, floated to the bottom of the type area', () => {
    for (const p of [county, unit]) {
      const tables = p.document.match(/<w:tbl>.*?<\/w:tbl>/gs) ?? [];
      const floating = tables.filter((t) => t.includes('<w:tblpPr'));
      expect(floating).toHaveLength(1);
      expect(tables.at(-1)).toBe(floating[0]);
      expect(floating[0]).toMatch(/<w:tblpPr [^>]*w:tblpYSpec="bottom"[^>]*w:vertAnchor="margin"/);
      expect(floating[0]).toContain('抄送：');
      expect(floating[0]).toMatch(/<w:tab\/><w:t[^>]*>[^<]*印发<\/w:t>/);
      // Nothing but the anchor paragraph after it.
      const after = p.document.slice(p.document.lastIndexOf('</w:tbl>'));
      expect(after.match(/<w:p>|<w:p /g)).toHaveLength(1);
    }
  });

  it('holds the 版头, title, 文号, texts and the cases of the part asked for', () => {
    const text = (xml: string) => [...xml.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    const c = text(county.document);
    expect(c).toContain('示例县府院联动联席会议办公室文件');
    expect(c).toContain('示例府院办〔2026〕1号');
    expect(c).toContain(model.county.title);
    expect(c).toContain('典型案例');
    expect(c).toContain('该案因程序违法被判决撤销。');
    expect(c).toContain('下步工作');
    expect(c).toContain('指标定义与口径');
    expect(c).toContain('抄送');
    const u = text(unit.document);
    expect(u).toContain(model.units[0]!.title);
    expect(u).toContain('(2025)示0521行初2号');
    expect(u).toContain('整改要求');
    expect(u).not.toContain('城关镇人民政府');
  });

  it('writes the same XML for the same model', async () => {
    const again = await parts(await renderNoticeDocx(model, 'county'));
    expect(again.document).toBe(county.document);
    await expect(renderNoticeDocx(model, { unit: 'Z99' })).rejects.toThrow(/no unit Z99/);
  });
});
