/** Frozen reports (冻结报告): a built model stored as JSON, so its id regenerates the same deck months later. */
import crypto from 'node:crypto';
import type { ReportModel } from '../../contracts/report.ts';
import type { Knex } from '../../db/knex.ts';
import { findSnapshot, insertSnapshot, listSnapshots } from '../../repositories/report.repository.ts';

/** Freezes a built report: its id names it from now on (e.g. in the minutes of the meeting). */
export async function freezeReport(db: Knex, model: ReportModel, createdBy: string | null): Promise<string> {
  const id = `R${model.request.to.replace(/-/g, '')}-${crypto.randomBytes(4).toString('hex')}`;
  await insertSnapshot(db, {
    id,
    title: model.meta.title,
    period_from: model.request.from,
    period_to: model.request.to,
    request: model.request,
    model,
    data_as_of: model.dataAsOf,
    created_by: createdBy,
  });
  return id;
}

export async function loadSnapshot(db: Knex, id: string): Promise<ReportModel | undefined> {
  return (await findSnapshot<ReportModel>(db, id))?.model;
}

export { listSnapshots };
