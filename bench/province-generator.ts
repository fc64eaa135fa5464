/**
 * Province-scale data for the metrics benchmark (DESIGN.md §7): 10,000 units; 1,000,000 litigation cases (with
 * ~10% co-defendants), 1,000,000 reconsideration cases and 500,000 pre-litigation disputes over 2016–2025.
 * Set-based: one INSERT … SELECT generate_series per table (no row loops), deterministic through setseed().
 * Every row satisfies the schema's cross-field checks.
 */
import type { Knex } from '../server/db/knex.ts';

export interface ProvinceScale {
  units: number;
  litigation: number;
  reconsideration: number;
  prelitigation: number;
}

export const PROVINCE: ProvinceScale = {
  units: 10_000,
  litigation: 1_000_000,
  reconsideration: 1_000_000,
  prelitigation: 500_000,
};

const START = `DATE '2016-01-01'`;
const END = `DATE '2025-12-31'`;
const DAYS = 3652; // 2016-01-01 … 2025-12-31

/** Loads the province into an empty, migrated database; returns seconds per table. Give it a one-connection knex (setseed is per session). */
export async function generateProvince(
  db: Knex,
  s: ProvinceScale = PROVINCE,
): Promise<Record<string, number>> {
  const timings: Record<string, number> = {};
  const step = async (name: string, sql: string) => {
    const t0 = performance.now();
    await db.raw(sql);
    timings[name] = Math.round(performance.now() - t0) / 1000;
  };
  await db.raw('SELECT setseed(0.2016)');
  await step(
    'units',
    `INSERT INTO unit (code, name, kind, peer_group)
     SELECT 'U' || lpad(i::text, 5, '0'), '测试单位' || i,
            CASE WHEN i % 20 < 12 THEN '县直部门' WHEN i % 20 < 19 THEN '乡镇街道' ELSE '垂管单位' END,
            '组' || lpad((i % 200)::text, 3, '0')
     FROM generate_series(1, ${s.units}) i`,
  );
  // Unit ids are looked up through a dense index 0 … n−1 (ids of a fresh table, but do not rely on that).
  await db.raw(
    'CREATE TABLE bench_unit_ix AS SELECT row_number() OVER (ORDER BY id) - 1 AS ix, id FROM unit',
  );
  await db.raw('CREATE UNIQUE INDEX ON bench_unit_ix (ix)');

  await step(
    'litigation',
    `WITH g AS (
       SELECT i, random() r1, random() r3, random() r4, random() r5, random() r6,
              ${START} + (random() * ${DAYS - 1})::int AS f
       FROM generate_series(1, ${s.litigation}) i
     ), e AS (
       SELECT *, CASE WHEN r3 < 0.92 THEN least(f + 20 + (r4 * 300)::int, ${END}) END AS c FROM g
     )
     INSERT INTO litigation_case (case_no, case_type, instance, filed_on, closed_on, defendants_raw, cause,
       domain, closing, judgment, withdrawal_reason, loss_reason, hearing_held, head_appeared, head_title, head_spoke)
     SELECT '(' || extract(year FROM f) || ')测行初' || i || '号', '行初',
       CASE WHEN r1 < 0.9 THEN '一审' WHEN r1 < 0.98 THEN '二审' ELSE '其他' END, f, c, '测试单位',
       (ARRAY['行政处罚','行政强制措施','行政许可','行政征收或者征用','行政登记','政府信息公开','行政协议',
              '行政赔偿','不履行职责','其他'])[1 + floor(r6 * 10)::int],
       (ARRAY['征收拆迁','自然资源','人社','公安','市场监管','政府信息公开'])[1 + floor(r4 * 6)::int],
       CASE WHEN c IS NULL THEN NULL WHEN r5 < 0.5 THEN '判决' WHEN r5 < 0.7 THEN '准予撤诉'
            WHEN r5 < 0.75 THEN '按撤诉处理' WHEN r5 < 0.8 THEN '调解' WHEN r5 < 0.9 THEN '裁定驳回起诉'
            WHEN r5 < 0.95 THEN '裁定不予立案' ELSE '其他' END,
       CASE WHEN c IS NOT NULL AND r5 < 0.5 THEN CASE WHEN r6 < 0.7 THEN '驳回诉讼请求' WHEN r6 < 0.85 THEN '撤销'
            WHEN r6 < 0.95 THEN '确认违法' ELSE '责令履行' END END,
       CASE WHEN c IS NOT NULL AND r5 >= 0.5 AND r5 < 0.75 THEN CASE WHEN r6 < 0.5 THEN '原告自愿'
            WHEN r6 < 0.8 THEN '被告改变' ELSE '和解' END END,
       CASE WHEN c IS NOT NULL AND r5 < 0.5 AND r6 >= 0.7 THEN '违反法定程序' END,
       c IS NOT NULL AND r5 < 0.6,
       c IS NOT NULL AND r5 < 0.6 AND r6 < 0.9,
       CASE WHEN c IS NOT NULL AND r5 < 0.6 AND r6 < 0.9 THEN CASE WHEN r4 < 0.3 THEN '正职'
            WHEN r4 < 0.7 THEN '副职' ELSE '分管副职' END END,
       c IS NOT NULL AND r5 < 0.6 AND r6 < 0.7
     FROM e`,
  );
  await step(
    'litigation_defendant',
    `INSERT INTO litigation_defendant (case_id, unit_id, position, name_raw)
     SELECT c.id, u.id, 1, '测试单位' FROM litigation_case c JOIN bench_unit_ix u ON u.ix = (c.id * 7919) % ${s.units}
     UNION ALL
     SELECT c.id, u.id, 2, '测试单位' FROM litigation_case c
       JOIN bench_unit_ix u ON u.ix = (c.id * 7919 + 17) % ${s.units} WHERE c.id % 10 = 0`,
  );
  await step(
    'reconsideration',
    `WITH g AS (
       SELECT i, random() r1, random() r3, random() r4, ${START} + (random() * ${DAYS - 1})::int AS a
       FROM generate_series(1, ${s.reconsideration}) i
     ), e AS (
       SELECT *, CASE WHEN r1 < 0.9 THEN least(a + 5, ${END}) END AS acc,
              CASE WHEN r1 < 0.9 AND r3 < 0.95 THEN least(a + 5 + (r3 * 90)::int, ${END}) END AS c FROM g
     )
     INSERT INTO reconsideration_case (case_no, applied_on, accepted_on, intake, respondent_raw,
       respondent_unit_id, matter, closed_on, decision, litigated_after)
     SELECT '测复' || i, a, acc, CASE WHEN r1 < 0.9 THEN '受理' WHEN r1 < 0.95 THEN '不予受理' ELSE '告知' END,
       '测试单位', u.id, '行政处罚', c,
       CASE WHEN c IS NULL THEN NULL WHEN r4 < 0.45 THEN '维持' WHEN r4 < 0.6 THEN '驳回' WHEN r4 < 0.7 THEN '撤销'
            WHEN r4 < 0.75 THEN '确认违法' WHEN r4 < 0.8 THEN '责令履行' WHEN r4 < 0.9 THEN '调解'
            WHEN r4 < 0.95 THEN '终止' ELSE '和解' END,
       c IS NOT NULL AND r3 < 0.1
     FROM e JOIN bench_unit_ix u ON u.ix = (i::bigint * 104729) % ${s.units}`,
  );
  await step(
    'prelitigation',
    `WITH g AS (
       SELECT i, random() r1, random() r2, ${START} + (random() * ${DAYS - 1})::int AS reg
       FROM generate_series(1, ${s.prelitigation}) i
     )
     INSERT INTO prelitigation_dispute (dispute_no, registered_on, unit_raw, unit_id, source, domain, result, result_on)
     SELECT '测诉前' || i, reg, '测试单位', u.id, '法院移送', '自然资源',
       CASE WHEN r1 < 0.6 THEN '化解成功' WHEN r1 < 0.85 THEN '未化解' WHEN r1 < 0.9 THEN '撤回' ELSE '进行中' END,
       CASE WHEN r1 < 0.9 THEN least(reg + (r2 * 60)::int, ${END}) END
     FROM g JOIN bench_unit_ix u ON u.ix = (i::bigint * 15485863) % ${s.units}`,
  );
  await step('analyze', 'ANALYZE');
  await db.raw('DROP TABLE bench_unit_ix');
  return timings;
}
