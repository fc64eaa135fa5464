import JSZip from 'jszip';

export interface PptxParts {
  /** Slide XML in slide order. */
  slides: string[];
  /** Chart parts by path (ppt/charts/chartN.xml). */
  charts: Map<string, string>;
  /** Chart part paths each slide references, in slide order. */
  slideCharts: string[][];
  /** Notes-slide XML in slide order ('' when a slide has none). */
  notes: string[];
}

const num = (name: string) => Number(/(\d+)\.xml$/.exec(name)?.[1] ?? 0);

/** Opens a .pptx as the zip it is and returns its slide, chart and notes parts. */
export async function readPptx(bytes: Buffer): Promise<PptxParts> {
  const zip = await JSZip.loadAsync(bytes);
  const read = (name: string) => zip.file(name)?.async('string') ?? Promise.resolve('');
  const names = Object.keys(zip.files);
  const slideNames = names
    .filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))
    .sort((a, b) => num(a) - num(b));
  const slides = await Promise.all(slideNames.map(read));
  const charts = new Map<string, string>();
  for (const n of names
    .filter((x) => /^ppt\/charts\/chart\d+\.xml$/.test(x))
    .sort((a, b) => num(a) - num(b))) {
    charts.set(n, await read(n));
  }
  const slideCharts: string[][] = [];
  const notes: string[] = [];
  for (const slide of slideNames) {
    const rels = await read(slide.replace('slides/', 'slides/_rels/') + '.rels');
    slideCharts.push(
      [...rels.matchAll(/Target="(?:\.\.|\/ppt)\/charts\/(chart\d+\.xml)"/g)].map(
        (m) => `ppt/charts/${m[1]}`,
      ),
    );
    const note = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
    notes.push(note ? await read(`ppt/notesSlides/${note}`) : '');
  }
  return { slides, charts, slideCharts, notes };
}

/** The visible text of a DrawingML part, runs joined. */
export function xmlText(xml: string): string {
  return [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => m[1]).join('');
}

/** The cached numbers of each chart series (`<c:val>` … `<c:v>`), by series name. */
export function seriesValues(chartXml: string): Map<string, (number | null)[]> {
  const out = new Map<string, (number | null)[]>();
  for (const ser of chartXml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)) {
    const body = ser[1] ?? '';
    const name = /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(body)?.[1] ?? '';
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(body)?.[1] ?? '';
    const count = Number(/<c:ptCount val="(\d+)"/.exec(val)?.[1] ?? 0);
    const values: (number | null)[] = Array.from({ length: count }, () => null);
    for (const pt of val.matchAll(/<c:pt idx="(\d+)">\s*<c:v>([^<]*)<\/c:v>/g))
      values[Number(pt[1])] = Number(pt[2]);
    out.set(name, values);
  }
  return out;
}

/** Every text-property element of a part (rPr, defRPr, endParaRPr) with its content. */
export function textProperties(xml: string): string[] {
  return [...xml.matchAll(/<a:(rPr|defRPr|endParaRPr)\b[^>]*?(\/>|>[\s\S]*?<\/a:\1>)/g)].map((m) => m[0]);
}
