/** A built report as a file: the deck (pptx, or pdf converted from it) or the workbook. */
import type { ReportFormat, ReportModel } from '../../contracts/report.ts';
import { pptxToPdf } from '../../exports/pdf.ts';
import { renderDeck } from '../../exports/pptx.ts';
import { reportXlsx } from '../../exports/report-xlsx.ts';

export const REPORT_CONTENT_TYPES: Record<ReportFormat, string> = {
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The file of a report in one format. */
export async function renderReport(model: ReportModel, format: ReportFormat): Promise<Buffer> {
  const deck = () => renderDeck(model.meta, model.slides);
  if (format === 'pptx') return deck();
  if (format === 'pdf') return pptxToPdf(await deck());
  return reportXlsx(model);
}

/** 示例县行政争议化解工作联席会议材料-2025-01-01至2025-12-31.pptx */
export function reportFileName(model: ReportModel, format: ReportFormat): string {
  return `${model.meta.title}-${model.request.from}至${model.request.to}.${format}`;
}
