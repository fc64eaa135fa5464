/** Every UI string, Chinese first. Keys are grouped by page; metric names come from the server's registry. */
export const messages = {
  zh: {
    'app.title': '行政诉讼“双降”分析',
    'app.subtitle': '府院联动联席会议办公室',
    'app.language': 'English',
    'overview.heading': '全县行政诉讼总体情况',
    'overview.year': '统计年度',
    'overview.trend': '近五年一审收案与败诉率',
    'overview.empty': '暂无数据。请导入案件数据或加载示例县数据。',
    'overview.loading': '正在加载…',
    'overview.error': '数据加载失败',
    'figure.cases': '件',
    'figure.yoy': '同比',
    'chart.casesAxis': '案件数（件）',
    'chart.rateAxis': '败诉率',
    'chart.footer': '口径：一审；败诉率 = 败诉 ÷ 审结（口径A）',
  },
  en: {
    'app.title': 'Administrative litigation “double decline”',
    'app.subtitle': 'Government–court linkage office',
    'app.language': '中文',
    'overview.heading': 'County overview',
    'overview.year': 'Year',
    'overview.trend': 'First-instance cases and loss rate, five years',
    'overview.empty': 'No data yet. Import case records or load the demo county.',
    'overview.loading': 'Loading…',
    'overview.error': 'Could not load the data',
    'figure.cases': '',
    'figure.yoy': 'YoY',
    'chart.casesAxis': 'Cases',
    'chart.rateAxis': 'Loss rate',
    'chart.footer': 'Basis: first instance; loss rate = losses ÷ concluded (basis A)',
  },
} as const;

export type Locale = keyof typeof messages;
export type MessageKey = keyof (typeof messages)['zh'];
