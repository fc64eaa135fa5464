/**
 * The demo county's evaluation rules (DESIGN.md §10's example with grade bands), stored as version 1 of every
 * whole year of demo data, so `npm start` shows an evaluation and a clerk has a file to start from.
 */
import type { EvaluationRules } from '../../contracts/evaluation.ts';

export function demoEvaluationRules(year: number): EvaluationRules {
  return {
    year,
    title: `${year}年度法治政府建设考核·行政应诉工作`,
    base: { 县直部门: 10, 乡镇街道: 10, '*': 10 },
    floor: 0,
    ceiling: 12,
    rules: [
      { id: 'loss', label: '每败诉1件扣1分，最多扣5分', metric: 'lit_losses', each: -1, cap: -5 },
      { id: 'absent', label: '负责人应出庭未出庭每件扣0.5分', metric: 'lit_head_absences', each: -0.5 },
      {
        id: 'loss_rate',
        label: '败诉率高于15%扣2分',
        metric: 'lit_loss_rate',
        above: 0.15,
        points: -2,
        min_denominator: 3,
      },
      {
        id: 'appearance',
        label: '出庭应诉率低于100%扣1分',
        metric: 'lit_head_appearance_rate',
        below: 1,
        points: -1,
      },
      {
        id: 'resolution',
        label: '诉前化解率达到60%加1分',
        metric: 'pre_resolution_rate',
        at_least: 0.6,
        points: 1,
      },
    ],
    grades: [
      { grade: '优秀', min: 10 },
      { grade: '良好', min: 8 },
      { grade: '合格', min: 6 },
      { grade: '不合格', min: 0 },
    ],
  };
}
