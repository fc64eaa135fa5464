/**
 * A notice (通报) as DOCX in the layout of Chinese official documents (GB/T 9704-2012, DESIGN.md §8): A4, margins
 * top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; the 版头 (the issuing office in red, the 文号, the red rule);
 * the title in 方正小标宋简体 2号; the body in 仿宋_GB2312 3号 on a fixed 28 pt line, first lines indented two
 * characters; headings 黑体 (一、) and 楷体 (（一）); tables with their header row repeated on every page; the
 * signature and date; the 附件; the 版记; page numbers 「— 1 —」 in 宋体 4号 at the bottom outside edge (odd pages
 * right, even pages left, one character in).
 *
 * Every run names its East-Asian font (w:rFonts w:eastAsia), and so do the document defaults: without it Word and
 * LibreOffice set Chinese in a Latin face's fallback. Depends on the notice model only (server/contracts/).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  OverlapType,
  Packer,
  PageNumber,
  RelativeHorizontalPosition,
  RelativeVerticalPosition,
  Paragraph,
  Table,
  TableAnchorType,
  TableCell,
  TableLayoutType,
  TableRow,
  Tab,
  TabStopType,
  ShadingType,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import JSZip from 'jszip';
import type { NoticeModel, NoticeTable } from '../contracts/notice.ts';
import {
  noticeOutline,
  type NoticeBlock,
  type NoticeOutline,
  type NoticePart,
  type NoticeTableRole,
} from './notice-outline.ts';

/** Which document of a notice: the county notice or one unit's. */
export type { NoticePart };

/** Faces by role. The Latin face sets digits and Latin letters (half-width, as the standard asks). */
export const NOTICE_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  pageNumber: '宋体',
  latin: 'Times New Roman',
} as const;

/**
 * The font table's stand-ins (w:altName) for faces a reader's machine may lack, as §8 lists them: Word and WPS
 * set 仿宋_GB2312 in 仿宋 rather than in a default face where only the newer 仿宋 is installed (Windows 10 and later).
 * Charset 86 is GB2312. 黑体 and 宋体 come with every Chinese Windows.
 */
const FONT_TABLE: { name: string; altName?: string; family: 'roman' | 'modern' | 'swiss' | 'script' }[] = [
  { name: NOTICE_FONTS.title, altName: '华文中宋', family: 'roman' },
  { name: NOTICE_FONTS.body, altName: '仿宋', family: 'modern' },
  { name: NOTICE_FONTS.heading1, family: 'swiss' },
  { name: NOTICE_FONTS.heading2, altName: '楷体', family: 'script' },
  { name: NOTICE_FONTS.pageNumber, altName: 'SimSun', family: 'roman' },
];

/** Millimetres to twips (1/1440 inch), rounded as Word rounds them. */
const mm = (v: number) => Math.round((v * 1440) / 25.4);

/** A4 and the margins of §8, in twips. */
export const NOTICE_PAGE = {
  width: mm(210),
  height: mm(297),
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
} as const;

/** The type area's width (版心 156 mm). */
const TEXT_WIDTH = NOTICE_PAGE.width - NOTICE_PAGE.left - NOTICE_PAGE.right;

// Sizes in half-points: 2号 22 pt, 3号 16 pt, 4号 14 pt, 小四 12 pt, 五号 10.5 pt, 小五 9 pt.
const SIZE = { 二号: 44, 三号: 32, 四号: 28, 小四: 24, 五号: 21, 小五: 18 } as const;
/** The body's fixed line: 28 pt (22 lines on the type area, as the standard's 22 lines × 28 characters). */
const LINE = 560;
const RED = 'E60012';
/** Two characters of 3号 (the first-line indent of a body paragraph). */
const TWO_CHARS = 2 * 16 * 20;

type Face = keyof typeof NOTICE_FONTS;

/** A run with its East-Asian and Latin faces set: the only way text is written here. */
function run(text: string, face: Face = 'body', opts: Omit<IRunOptions, 'text' | 'font'> = {}): TextRun {
  const eastAsia = NOTICE_FONTS[face];
  const latin = face === 'pageNumber' ? NOTICE_FONTS.pageNumber : NOTICE_FONTS.latin;
  return new TextRun({
    text,
    font: { ascii: latin, hAnsi: latin, eastAsia, cs: latin },
    size: SIZE.三号,
    ...opts,
  });
}

interface ParaOptions {
  align?: (typeof AlignmentType)[keyof typeof AlignmentType];
  indent?: boolean;
  before?: number;
  after?: number;
  line?: number;
  pageBreakBefore?: boolean;
  keepNext?: boolean;
  border?: ConstructorParameters<typeof Paragraph>[0] extends infer O
    ? O extends { border?: infer B }
      ? B
      : never
    : never;
  rightIndent?: number;
}

function para(children: ParagraphChild[], o: ParaOptions = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    indent: { firstLine: o.indent === false ? 0 : TWO_CHARS, right: o.rightIndent },
    spacing: {
      line: o.line ?? LINE,
      lineRule: LineRuleType.EXACT,
      before: o.before ?? 0,
      after: o.after ?? 0,
    },
    pageBreakBefore: o.pageBreakBefore,
    keepNext: o.keepNext,
    border: o.border,
  });
}

/** A body paragraph (仿宋 3号, first line indented two characters). */
const body = (text: string) => para([run(text)]);
/** 一、 heading (黑体). */
const heading1 = (text: string) => para([run(text, 'heading1')], { keepNext: true });
/** （一） heading (楷体), with its text run on. */
const heading2 = (head: string, text: string) => para([run(head, 'heading2'), run(text)]);
const blank = (line = LINE) => para([run('')], { indent: false, line });

/** The 版头: the issuing office in red 小标宋, the 文号, and the red rule the width of the type area. */
function masthead(model: NoticeModel): Paragraph[] {
  return [
    // 26 pt: the office's full name and 文件 on one line of the type area (16 characters in 156 mm).
    para([run(`${model.issuer}文件`, 'title', { size: 52, color: RED })], {
      align: AlignmentType.CENTER,
      indent: false,
      line: 1000,
      before: 400,
    }),
    blank(),
    para([run(model.docNumber)], {
      align: AlignmentType.CENTER,
      indent: false,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 12 } },
    }),
    blank(),
  ];
}

/** The title (2号 小标宋, centred, a blank line after) and the 主送 line. */
function titleBlock(title: string, recipients: string): Paragraph[] {
  return [
    para([run(title, 'title', { size: SIZE.二号 })], {
      align: AlignmentType.CENTER,
      indent: false,
      line: 700,
    }),
    blank(),
    para([run(recipients)], { indent: false }),
  ];
}

/** 发文机关署名 and 成文日期, right-aligned four characters in (the seal sits over them in print). */
function signature(model: NoticeModel): Paragraph[] {
  const four = 4 * 16 * 20;
  return [
    blank(),
    blank(),
    para([run(model.issuer)], { align: AlignmentType.RIGHT, indent: false, rightIndent: four }),
    para([run(model.dateText)], { align: AlignmentType.RIGHT, indent: false, rightIndent: four }),
  ];
}

/**
 * The 版记: 抄送 and the printing office and date between rules, at the foot of the last page as GB/T 9704 puts it
 * (7.3.3): a table floated to the bottom of the type area, anchored to the empty paragraph after it, so it lands
 * on the page where the text ends, or on a new one when that page has no room left.
 */
function colophon(model: NoticeModel, copyTo: string): (Paragraph | Table)[] {
  const thick = { style: BorderStyle.SINGLE, size: 8, color: '000000' };
  const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const indent = 14 * 20;
  // 151 of the type area's 156 mm: LibreOffice 7.4 (which makes the PDF) floats a table only when it is some
  // 270 twips narrower than the text (measured: 8575 floats, 8600 stays in the flow), and a 版记 in the flow sits
  // under the signature instead of at the foot.
  const width = mm(151);
  const inner = width - 2 * indent;
  const row = (children: ParagraphChild[], top: typeof thick, bottom: typeof thick) =>
    new TableRow({
      cantSplit: true,
      children: [
        new TableCell({
          width: { size: width, type: WidthType.DXA },
          margins: { top: 40, bottom: 40, left: indent, right: indent },
          borders: { top, bottom, left: none, right: none },
          children: [
            new Paragraph({
              children,
              spacing: { line: LINE, lineRule: LineRuleType.EXACT },
              // 印发机关 at the left, 印发日期 at the right (GB/T 9704 7.3.3.3).
              tabStops: [{ type: TabStopType.RIGHT, position: inner }],
            }),
          ],
        }),
      ],
    });
  const size = SIZE.四号;
  return [
    new Table({
      width: { size: width, type: WidthType.DXA },
      columnWidths: [width],
      layout: TableLayoutType.FIXED,
      float: {
        horizontalAnchor: TableAnchorType.MARGIN,
        verticalAnchor: TableAnchorType.MARGIN,
        relativeHorizontalPosition: RelativeHorizontalPosition.CENTER,
        relativeVerticalPosition: RelativeVerticalPosition.BOTTOM,
        overlap: OverlapType.NEVER,
      },
      rows: [
        row([run(`抄送：${copyTo}`, 'body', { size })], thick, thin),
        row(
          [
            run(model.issuer, 'body', { size }),
            run('', 'body', { size, children: [new Tab(), `${model.dateText}印发`] }),
          ],
          thin,
          thick,
        ),
      ],
    }),
    para([run('')], { indent: false }),
  ];
}

interface TableStyle {
  size: number;
  /** Relative column widths (the table is the type area's width). */
  widths: number[];
}

/**
 * A table the width of the type area: fixed layout, the header row repeated on each page (w:tblHeader) and rows
 * never split across pages; flagged cells in red.
 */
function table(t: NoticeTable, style: TableStyle): Table {
  const total = style.widths.reduce((a, b) => a + b, 0);
  const widths = style.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const cell = (text: string, i: number, header: boolean, flagged: boolean) =>
    new TableCell({
      width: { size: widths[i] ?? 0, type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.CENTER,
      margins: { top: 30, bottom: 30, left: 60, right: 60 },
      borders: { top: border, bottom: border, left: border, right: border },
      children: [
        new Paragraph({
          alignment:
            t.columns[i]?.align === 'left' && !header
              ? AlignmentType.LEFT
              : t.columns[i]?.align === 'right' && !header
                ? AlignmentType.RIGHT
                : AlignmentType.CENTER,
          spacing: { line: Math.round(style.size * 10 * 1.3), lineRule: LineRuleType.AT_LEAST },
          children: [
            run(text, header ? 'heading1' : 'body', {
              size: style.size,
              color: flagged ? RED : undefined,
            }),
          ],
        }),
      ],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    alignment: AlignmentType.CENTER,
    rows: [
      new TableRow({
        tableHeader: true,
        cantSplit: true,
        children: t.columns.map((c, i) => cell(c.label, i, true, false)),
      }),
      ...t.rows.map((r) =>
        r.heading !== undefined
          ? new TableRow({
              cantSplit: true,
              children: [
                new TableCell({
                  columnSpan: t.columns.length,
                  width: { size: TEXT_WIDTH, type: WidthType.DXA },
                  margins: { top: 30, bottom: 30, left: 60, right: 60 },
                  borders: { top: border, bottom: border, left: border, right: border },
                  shading: { fill: 'F2F2F2', type: ShadingType.CLEAR, color: 'auto' },
                  children: [
                    new Paragraph({
                      keepNext: true,
                      spacing: { line: Math.round(style.size * 10 * 1.3), lineRule: LineRuleType.AT_LEAST },
                      children: [run(r.heading, 'heading1', { size: style.size })],
                    }),
                  ],
                }),
              ],
            })
          : new TableRow({
              cantSplit: true,
              children: r.cells.map((text, i) => cell(text, i, false, r.flagged?.[i] === true)),
            }),
      ),
    ],
  });
}

/** A caption under a table (楷体 四号, no indent). */
const caption = (text: string) =>
  para([run(text, 'heading2', { size: SIZE.小四 })], { indent: false, line: 400, before: 60, after: 120 });

/** Type size and relative column widths of each table role. */
const TABLE_STYLES: Record<NoticeTableRole, TableStyle> = {
  kpis: { size: SIZE.小四, widths: [3, 2, 2, 4] },
  units: { size: SIZE.小五, widths: [106, 24, 24, 24, 24, 24, 66, 66, 42, 42] },
  losses: { size: SIZE.五号, widths: [1.4, 5.8, 3.4, 2.6, 2.4, 2.4, 2.4] },
  absences: { size: SIZE.五号, widths: [1.4, 5.8, 3.4, 2.6, 2.4, 2.4, 2.4] },
  definitions: { size: SIZE.五号, widths: [2.4, 6.5, 4.5] },
};

/** The outline's blocks as the document's paragraphs and tables. */
function draw(blocks: NoticeBlock[]): (Paragraph | Table)[] {
  return blocks.map((b) => {
    switch (b.kind) {
      case 'p':
        return body(b.text);
      case 'h1':
        return heading1(b.text);
      case 'h2':
        return heading2(b.head, b.text);
      case 'caption':
        return caption(b.text);
      case 'blank':
        return blank();
      case 'table':
        return table(b.table, TABLE_STYLES[b.role]);
    }
  });
}

/** The 附件 page: 「附件」 in 黑体 at the top left, its title, then its blocks. */
function annex(a: NonNullable<NoticeOutline['annex']>): (Paragraph | Table)[] {
  return [
    para([run('附件', 'heading1')], { indent: false, pageBreakBefore: true }),
    blank(),
    para([run(a.title, 'title', { size: SIZE.二号 })], {
      align: AlignmentType.CENTER,
      indent: false,
      line: 700,
    }),
    blank(),
    ...draw(a.blocks),
  ];
}

/** 「— 1 —」, odd pages at the right and even pages at the left, one character in from the edge. */
function pageFooter(side: 'odd' | 'even'): Footer {
  const size = SIZE.四号;
  const one = 14 * 20;
  return new Footer({
    children: [
      new Paragraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: side === 'odd' ? { right: one } : { left: one },
        children: [
          run('— ', 'pageNumber', { size }),
          new TextRun({
            children: [PageNumber.CURRENT],
            font: {
              ascii: NOTICE_FONTS.pageNumber,
              hAnsi: NOTICE_FONTS.pageNumber,
              eastAsia: NOTICE_FONTS.pageNumber,
              cs: NOTICE_FONTS.pageNumber,
            },
            size,
          }),
          run(' —', 'pageNumber', { size }),
        ],
      }),
    ],
  });
}

/**
 * The DOCX of one part of a notice. Deterministic: the same model gives the same document XML (the core
 * properties carry the issue time, never the time of rendering).
 */
export async function renderNoticeDocx(model: NoticeModel, part: NoticePart): Promise<Buffer> {
  const outline = noticeOutline(model, part);
  const title = outline.title;
  const children: (Paragraph | Table)[] = [
    ...masthead(model),
    ...titleBlock(title, outline.recipients),
    ...draw(outline.body),
    ...signature(model),
    ...(outline.annex ? annex(outline.annex) : []),
    ...colophon(model, outline.copyTo),
  ];
  const doc = new Document({
    title,
    creator: model.issuer,
    lastModifiedBy: model.issuer,
    description: `${model.docNumber} ${model.id}`,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: {
              ascii: NOTICE_FONTS.latin,
              hAnsi: NOTICE_FONTS.latin,
              eastAsia: NOTICE_FONTS.body,
              cs: NOTICE_FONTS.latin,
            },
            size: SIZE.三号,
          },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: NOTICE_PAGE.width, height: NOTICE_PAGE.height },
            margin: {
              top: NOTICE_PAGE.top,
              bottom: NOTICE_PAGE.bottom,
              left: NOTICE_PAGE.left,
              right: NOTICE_PAGE.right,
              header: mm(15),
              footer: mm(20),
            },
          },
        },
        footers: { default: pageFooter('odd'), even: pageFooter('even') },
        children,
      },
    ],
  });
  const bytes = await Packer.toBuffer(doc);
  return finish(bytes, model.issuedAt);
}

/**
 * What the docx package leaves out or stamps with the time of packing: the font table's stand-ins (FONT_TABLE),
 * and the core properties' dates, rewritten to the issue time.
 */
async function finish(bytes: Buffer, issuedAt: string): Promise<Buffer> {
  const zip = await JSZip.loadAsync(bytes);
  const date = new Date(issuedAt);
  const fonts = zip.file('word/fontTable.xml');
  if (fonts) {
    const entries = FONT_TABLE.map(
      (f) =>
        `<w:font w:name="${f.name}">${f.altName ? `<w:altName w:val="${f.altName}"/>` : ''}` +
        `<w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
    ).join('');
    const xml = (await fonts.async('string'))
      .replace(/<w:fonts([^>]*?)\/>\s*$/, '<w:fonts$1></w:fonts>')
      .replace('</w:fonts>', `${entries}</w:fonts>`);
    zip.file('word/fontTable.xml', xml, { date });
  }
  const core = zip.file('docProps/core.xml');
  if (core) {
    const at = issuedAt.replace(/\.\d+Z$/, 'Z');
    const xml = (await core.async('string')).replace(
      /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
      `$1${at}$2`,
    );
    zip.file('docProps/core.xml', xml, { date });
  }
  for (const f of Object.values(zip.files)) f.date = date;
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
