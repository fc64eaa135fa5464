/** The report palette: a government-report navy with a restrained red accent; applied once, here. */
export const palette = {
  primary: '#1f4e79',
  accent: '#c0392b',
  good: '#2e7d32',
  warn: '#e69500',
  bad: '#c62828',
  muted: '#8a8f98',
  series: ['#1f4e79', '#c0392b', '#4f81bd', '#9bbb59', '#8064a2', '#4bacc6', '#f79646', '#7f7f7f'],
};

export const fontFamily =
  '"Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif';
