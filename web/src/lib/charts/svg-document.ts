/** The size charts are exported at, in CSS pixels: a 16:9 slide (the PNG is drawn at 2×, 1920×1080). */
export const EXPORT_SIZE = { width: 960, height: 540, pixelRatio: 2 } as const;

/**
 * A standalone SVG file from echarts' SVG string: the XML declaration, the SVG namespace, and a font-family on the
 * root (with a CJK family) for importers that ignore CSS in style attributes (PowerPoint, LibreOffice). Throws if
 * a style attribute would break the XML (a double quote inside it), rather than download a file nothing opens.
 */
export function svgDocument(svg: string, fontFamily: string): string {
  const body = svg.trim();
  if (!body.startsWith('<svg')) throw new Error('not an SVG string');
  if (/style="[^"]*"[^\s/>]/.test(body)) throw new Error('a style attribute holds a double quote');
  const family = fontFamily.replace(/"/g, "'");
  let root = body.slice(0, body.indexOf('>'));
  if (!root.includes('xmlns="http://www.w3.org/2000/svg"')) root += ' xmlns="http://www.w3.org/2000/svg"';
  if (!/\sfont-family=/.test(root)) root += ` font-family="${family}"`;
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}${body.slice(body.indexOf('>'))}\n`;
}
