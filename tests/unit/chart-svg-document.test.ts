import { describe, expect, it } from 'vitest';
import { rankedBarsOption } from '../../web/src/lib/charts/options/bars.ts';
import { echarts } from '../../web/src/lib/charts/echarts.ts';
import { EXPORT_SIZE, svgDocument } from '../../web/src/lib/charts/svg-document.ts';
import { fontFamily } from '../../web/src/lib/charts/theme.ts';

/** echarts' SSR SVG renderer on a real option builder, as EChart.svelte's SVG download draws it. */
function render(): string {
  const { width, height } = EXPORT_SIZE;
  const chart = echarts.init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    textStyle: { fontFamily },
    animation: false,
    ...rankedBarsOption([{ label: '县公安局 & <甲>', value: 3 }], {
      title: '各单位 "新收" 案件',
      subtitle: '2024年 · 口径A',
      valueName: '新收',
    }),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}

describe('svgDocument', () => {
  it('regression: the SVG download was malformed XML (double quotes of the font list inside style="…")', () => {
    const doc = svgDocument(render(), fontFamily);
    // every style attribute closes before the next attribute or the tag's end
    for (const m of doc.matchAll(/style="([^"]*)"(.)/g)) expect(m[2]).toMatch(/[\s/>]/);
    expect(doc).not.toMatch(/font-family:"/);
  });

  it('is a standalone document: declaration, namespace, CJK font on the root, fixed size and viewBox', () => {
    const doc = svgDocument(render(), fontFamily);
    expect(doc.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg ')).toBe(true);
    const root = doc.slice(0, doc.indexOf('>', doc.indexOf('<svg')));
    expect(root).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(root).toContain('width="960" height="540"');
    expect(root).toContain('viewBox="0 0 960 540"');
    expect(root).toMatch(/font-family="[^"]*'Noto Sans CJK SC'/);
    // text is escaped
    expect(doc).toContain('县公安局 &amp; &lt;甲&gt;');
    expect(doc).toContain('&quot;新收&quot;');
  });

  it('refuses a string whose style attribute would break the XML', () => {
    expect(() => svgDocument('<svg><text style="font-family:"A";">x</text></svg>', 'x')).toThrow();
  });
});
