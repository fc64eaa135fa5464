import type { Command } from 'commander';
import { DISPUTE_STATES, type Dispute, type DisputeListQuery } from '../contracts/dispute.ts';
import {
  acceptDispute,
  DisputeNotFoundError,
  DisputeRequestError,
  DisputeStateError,
  listDisputes,
  rejectDispute,
} from '../services/disputes/dispute.service.ts';
import { CliError, print, withDatabase } from './context.ts';

const cli = { actor: null, ip: 'cli' };
const LIST_STATES: readonly string[] = [...DISPUTE_STATES, 'conflict'];

/** The §9 fields of a dispute, as `dispute list --json` prints them. */
const brief = (d: Dispute) => ({
  id: d.id,
  state: d.state,
  unit_code: d.unit_code,
  family: d.family,
  record_no: d.record_no,
  field: d.field,
  value: d.value,
  reason: d.reason,
});

/**
 * `dispute list [--state pending|accepted|rejected|withdrawn|conflict] [--unit CODE] [--json]` — the queue,
 *   newest first (`conflict`: accepted disputes whose correction a later import contradicted);
 * `dispute accept <id> [--note …]` · `dispute reject <id> --reason …` — the bureau's decision (DESIGN.md §9),
 *   audited as the command line.
 * Exit codes: 0 done, 1 no such dispute or already decided, 2 bad arguments.
 */
export function registerDisputeCommands(program: Command): void {
  const dispute = program.command('dispute').description('disputes and corrections (异议与更正)');

  dispute
    .command('list')
    .description('disputes, newest first')
    .option('--state <state>', LIST_STATES.join('|'))
    .option('--unit <code>', 'one unit’s disputes')
    .option(
      '--json',
      'machine-readable output: an array of { id, state, unit_code, family, record_no, field, value, reason }',
    )
    .action(async (opts: { state?: string; unit?: string; json?: boolean }) => {
      if (opts.state && !LIST_STATES.includes(opts.state)) {
        throw new CliError(`--state must be one of ${LIST_STATES.join(', ')} (got ${opts.state})`, 2);
      }
      await withDatabase(async ({ db }) => {
        const query = { state: opts.state, unit: opts.unit, limit: 500 } as DisputeListQuery;
        const disputes = await listDisputes(db.knex, null, query);
        const lines = disputes.map(
          (d) =>
            `#${d.id}  ${d.state}${d.correction?.state === 'conflict' ? ' (conflict)' : ''}  ${d.unit_code}  ${d.family}  ${d.record_no}  ${d.field} → ${d.value}  ${d.reason}`,
        );
        print(!!opts.json, [`${disputes.length} disputes`, ...lines].join('\n'), disputes.map(brief));
      });
    });

  dispute
    .command('accept <id>')
    .description('accept a pending dispute: its correction applies to every figure at once')
    .option('--note <text>', 'a note kept with the decision')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { note?: string; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const d = await cliErrors(() => acceptDispute(db.knex, cli, disputeId(id), opts.note));
        print(!!opts.json, `dispute #${d.id} accepted: ${d.record_no} ${d.field} → ${d.value}`, brief(d));
      });
    });

  dispute
    .command('reject <id>')
    .description('reject a pending dispute (a reason is required)')
    .requiredOption('--reason <text>', 'why (shown to the unit)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { reason: string; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const d = await cliErrors(() => rejectDispute(db.knex, cli, disputeId(id), opts.reason));
        print(!!opts.json, `dispute #${d.id} rejected: ${d.record_no} ${d.field}`, brief(d));
      });
    });
}

function disputeId(text: string): number {
  const n = Number(text.replace(/^#/, ''));
  if (!Number.isSafeInteger(n) || n <= 0) throw new CliError(`not a dispute id: ${text}`, 2);
  return n;
}

async function cliErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof DisputeRequestError) throw new CliError(err.message, 2);
    if (err instanceof DisputeNotFoundError || err instanceof DisputeStateError)
      throw new CliError(err.message, 1);
    throw err;
  }
}
