/**
 * The columns of an import's staging table, in COPY order. Shared by the service that writes the COPY lines
 * (server/services/import/stage.ts) and the repository that creates and reads the table, so neither imports the
 * other's layer.
 */
import type { ImportKind } from '../services/import/types.ts';

/** Columns every staging table has, in COPY order. */
export const COMMON_STAGE_COLUMNS = [
  ['row_number', 'integer'],
  ['status', 'text'],
  ['key', 'text'],
  ['source_import', 'bigint'], // the import a re-applied waiting row came from (null: this import)
  ['raw', 'jsonb'],
  ['column_name', 'text'],
  ['reason', 'text'],
  ['reason_en', 'text'],
  ['names', 'text[]'],
  ['record', 'jsonb'],
] as const;

/** Typed columns per kind, in COPY order after the common ones. */
export const KIND_STAGE_COLUMNS = {
  units: [
    ['name', 'text'],
    ['kind', 'text'],
    ['peer_group', 'text'],
    ['aliases', 'text[]'],
    ['alias_normalized', 'text[]'],
  ],
  litigation: [
    ['case_type', 'text'],
    ['instance', 'text'],
    ['court', 'text'],
    ['filed_on', 'date'],
    ['closed_on', 'date'],
    ['defendants_raw', 'text'],
    ['defendant_ids', 'integer[]'],
    ['defendant_names', 'text[]'],
    ['codef_raw', 'text'],
    ['codef_unit_id', 'integer'],
    ['cause_raw', 'text'],
    ['cause', 'text'],
    ['domain', 'text'],
    ['closing', 'text'],
    ['judgment', 'text'],
    ['withdrawal_reason', 'text'],
    ['loss_reason', 'text'],
    ['hearing_held', 'boolean'],
    ['head_appeared', 'boolean'],
    ['head_title', 'text'],
    ['head_spoke', 'boolean'],
    ['via_reconsideration', 'boolean'],
  ],
  reconsideration: [
    ['applied_on', 'date'],
    ['accepted_on', 'date'],
    ['intake', 'text'],
    ['respondent_raw', 'text'],
    ['respondent_unit_id', 'integer'],
    ['matter', 'text'],
    ['closed_on', 'date'],
    ['decision', 'text'],
    ['litigated_after', 'boolean'],
  ],
  prelitigation: [
    ['registered_on', 'date'],
    ['unit_raw', 'text'],
    ['unit_id', 'integer'],
    ['source', 'text'],
    ['domain', 'text'],
    ['result', 'text'],
    ['result_on', 'date'],
  ],
} as const satisfies Record<ImportKind, readonly (readonly [string, string])[]>;

export function stageColumns(kind: ImportKind): readonly (readonly [string, string])[] {
  return [...COMMON_STAGE_COLUMNS, ...KIND_STAGE_COLUMNS[kind]];
}
