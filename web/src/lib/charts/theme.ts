/** The report palette: a government-report navy with a restrained red accent; applied once, here. */
export const palette = {
  primary: '#1f4e79',
  accent: '#c0392b',
  good: '#2e7d32',
  warn: '#e69500',
  bad: '#c62828',
  muted: '#8a8f98',
  // Twelve distinct colours: a code list (11 复议决定类型, 9 结案方式) never repeats a colour within one donut.
  series: [
    '#1f4e79',
    '#c0392b',
    '#4f81bd',
    '#9bbb59',
    '#8064a2',
    '#4bacc6',
    '#f79646',
    '#7f7f7f',
    '#2e7d32',
    '#b8860b',
    '#d17ca3',
    '#17324f',
  ],
};

// Single quotes: echarts' SVG renderer writes the family into a double-quoted style attribute unescaped, so double
// quotes here made every exported SVG malformed XML (LibreOffice and Chromium refused it).
export const fontFamily =
  "'Microsoft YaHei', 'PingFang SC', 'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif";

/** Every chart's heading: the title and, below it, the period, instance and 口径 line (charts/caption.ts). */
export function chartTitle(labels: { title: string; subtitle: string }) {
  return {
    text: labels.title,
    subtext: labels.subtitle,
    left: 'center',
    textStyle: { fontSize: 16 },
    subtextStyle: { fontSize: 12, color: '#555' },
  } as const;
}
