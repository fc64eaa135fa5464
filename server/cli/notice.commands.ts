import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { NoticeFormat, NoticeRequest } from '../contracts/notice.ts';
import { cstToday } from '../metrics/dates.ts';
import { PRESETS, type Preset } from '../metrics/period.ts';
import { renderNoticeDocx } from '../exports/notice-docx.ts';
import {
  deliveryStatus,
  downloadNotice,
  getSettings,
  issueNotice,
  listIssued,
  NoticeNotFoundError,
  NoticeRequestError,
  previousPeriod,
  resendNotice,
  updateSettings,
} from '../services/notices/notice.service.ts';
import { isValidSchedule } from '../../jobs/index.ts';
import { CliError, print, withDatabase } from './context.ts';

interface IssueOptions {
  preset?: string;
  year?: string;
  quarter?: string;
  month?: string;
  previous?: boolean;
  from?: string;
  to?: string;
  units?: string;
  title?: string;
  case?: string[];
  nextSteps?: string;
  nextStepsFile?: string;
  out?: string;
  json?: boolean;
}

const cli = { actor: null, ip: 'cli' };

/**
 * `notice issue (--preset month|quarter|year|ytd [--year Y] [--quarter Q] [--month M] [--previous] | --from … --to …)
 *        [--units all|CODE,…] [--title …] [--case 案号=text …] [--next-steps TEXT | --next-steps-file FILE]
 *        [--out DIR] [--json]` — issues a notice (DESIGN.md §8), writes county.docx and <code>.docx per unit to
 *        DIR, prints the id; `--previous` takes the month/quarter/year before today's (a monthly cron on the 5th).
 * `notice list [--json]` · `notice get <id> [--unit CODE] --format docx|pdf --out FILE` ·
 * `notice status <id> [--json]` · `notice resend <id> [--units CODE,…]` · `notice settings [--doc-prefix P]
 *        [--issuer NAME]`.
 * Exit codes: 0 done, 1 failure (or no such notice), 2 bad arguments.
 */
export function registerNoticeCommands(program: Command): void {
  const notice = program.command('notice').description('notices (通报): issue, list, fetch, sign-off status');

  notice
    .command('issue')
    .description('issue a notice for a period: the county notice and one per unit, delivered to each unit')
    .option('--preset <preset>', `period preset: ${PRESETS.filter((p) => p !== 'custom').join(', ')}`)
    .option('--year <year>', 'year of the preset (default this year)')
    .option('--quarter <quarter>', 'quarter 1–4 (preset quarter)')
    .option('--month <month>', 'month 1–12 (preset month)')
    .option('--previous', "the month/quarter/year before today's (with --preset)")
    .option('--from <date>', 'first day, YYYY-MM-DD (CST, inclusive)')
    .option('--to <date>', 'last day, YYYY-MM-DD (CST, inclusive)')
    .option('--units <codes>', 'all (default) or comma-separated unit codes', 'all')
    .option('--title <title>', 'the county notice title')
    .option('--case <caseNo=text...>', '典型案例: a case number and its short text (repeat)')
    .option('--next-steps <text>', '下步工作 (one paragraph per line)')
    .option('--next-steps-file <file>', '下步工作 from a UTF-8 text file')
    .option('--out <dir>', 'write county.docx and <code>.docx per unit here')
    .option('--json', 'machine-readable output')
    .action(async (opts: IssueOptions) => {
      await withDatabase(async ({ db }) => {
        const req = issueRequest(opts, new Date());
        const model = await cliErrors(() => issueNotice({ db: db.knex }, req, cli));
        const files: string[] = [];
        if (opts.out) {
          fs.mkdirSync(opts.out, { recursive: true });
          const write = async (name: string, part: Parameters<typeof renderNoticeDocx>[1]) => {
            const file = path.join(opts.out!, name);
            fs.writeFileSync(file, await renderNoticeDocx(model, part));
            files.push(file);
          };
          await write('county.docx', 'county');
          for (const u of model.units) await write(`${u.unit.code}.docx`, { unit: u.unit.code });
        }
        print(
          !!opts.json,
          `notice issued: ${model.id} ${model.docNumber} (${model.period.label.zh}, ${model.units.length} units${opts.out ? `, ${files.length} files in ${opts.out}` : ''})`,
          {
            id: model.id,
            docNumber: model.docNumber,
            period: model.period,
            dataAsOf: model.dataAsOf,
            units: model.units.map((u) => u.unit.code),
            files,
          },
        );
      });
    });

  notice
    .command('list')
    .description('issued notices, newest first')
    .option('--json', 'machine-readable output')
    .action(async (opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const notices = await listIssued(db.knex, null);
        const lines = notices.map(
          (n) =>
            `${n.id}  ${n.docNumber}  ${n.periodFrom}..${n.periodTo}  signed ${n.signed}/${n.units}  ${n.title}`,
        );
        print(!!opts.json, [`${notices.length} notices`, ...lines].join('\n'), { notices });
      });
    });

  notice
    .command('get <id>')
    .description('one part of a notice as a file (the county notice unless --unit)')
    .option('--unit <code>', 'a unit code (default: the county notice)')
    .option('--format <format>', 'docx or pdf', 'docx')
    .option('--out <file>', 'where to write the file')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { unit?: string; format: string; out?: string; json?: boolean }) => {
      const format = parseFormat(opts.format);
      if (!opts.out) throw new CliError('--out FILE is required', 2);
      await withDatabase(async ({ db }) => {
        const part = opts.unit && opts.unit !== 'county' ? { unit: opts.unit } : ('county' as const);
        const file = await cliErrors(() => downloadNotice({ db: db.knex }, cli, id, part, format));
        fs.writeFileSync(opts.out!, file.bytes);
        print(!!opts.json, `notice written: ${opts.out} (${file.name}, ${file.bytes.length} bytes)`, {
          file: opts.out,
          name: file.name,
          format,
          bytes: file.bytes.length,
        });
      });
    });

  notice
    .command('status <id>')
    .description('per unit: delivered, read, signed (who, when)')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const deliveries = await cliErrors(() => deliveryStatus(db.knex, null, id));
        const signed = deliveries.filter((d) => d.signedAt).length;
        const read = deliveries.filter((d) => d.readAt).length;
        const lines = deliveries.map(
          (d) =>
            `${d.unit.code}  ${d.unit.name}  delivered ${d.deliveredAt}${d.sends > 1 ? ` (×${d.sends})` : ''}  read ${d.readAt ?? '—'}  signed ${d.signedAt ? `${d.signedAt} by ${d.signedBy}` : '—'}`,
        );
        print(
          !!opts.json,
          [`notice ${id}: ${deliveries.length} units, ${read} read, ${signed} signed`, ...lines].join('\n'),
          {
            id,
            units: deliveries.map((d) => ({
              unit_code: d.unit.code,
              unit_name: d.unit.name,
              delivered_at: d.deliveredAt,
              sends: d.sends,
              read_at: d.readAt,
              signed_at: d.signedAt,
              signed_by: d.signedBy,
            })),
          },
        );
      });
    });

  notice
    .command('resend <id>')
    .description('send a notice again (default: to every unit that has not signed)')
    .option('--units <codes>', 'comma-separated unit codes')
    .option('--json', 'machine-readable output')
    .action(async (id: string, opts: { units?: string; json?: boolean }) => {
      await withDatabase(async ({ db }) => {
        const codes = opts.units ? splitCodes(opts.units) : undefined;
        const deliveries = await cliErrors(() => resendNotice({ db: db.knex }, cli, id, codes));
        const unsigned = deliveries.filter((d) => !d.signedAt).length;
        print(!!opts.json, `notice ${id} re-sent (${unsigned} units not yet signed)`, { id, deliveries });
      });
    });

  notice
    .command('settings')
    .description('the 文号 prefix, issuing office and monthly job (shows them; sets those given)')
    .option('--doc-prefix <prefix>', 'e.g. 示例府院办 (→ 示例府院办〔2026〕1号)')
    .option('--issuer <name>', 'e.g. 示例县府院联动联席会议办公室')
    .option('--auto <on|off>', "the notice-monthly job: issue last month's notice on its schedule")
    .option(
      '--auto-schedule <cron>',
      'when it runs, China Standard Time (default "0 8 5 * *": 08:00 on the 5th)',
    )
    .option('--json', 'machine-readable output')
    .action(
      async (opts: {
        docPrefix?: string;
        issuer?: string;
        auto?: string;
        autoSchedule?: string;
        json?: boolean;
      }) => {
        if (opts.auto !== undefined && opts.auto !== 'on' && opts.auto !== 'off')
          throw new CliError('--auto takes on or off', 2);
        const patch = {
          docPrefix: opts.docPrefix,
          issuer: opts.issuer,
          autoIssue: opts.auto === undefined ? undefined : opts.auto === 'on',
          autoSchedule: opts.autoSchedule,
        };
        await withDatabase(async ({ db }) => {
          const settings = Object.values(patch).some((v) => v !== undefined)
            ? await cliErrors(() => updateSettings(db.knex, patch, cli, { isValidSchedule }))
            : await getSettings(db.knex);
          const auto = settings.autoIssue ? `on (${settings.autoSchedule}, CST)` : 'off';
          print(
            !!opts.json,
            `文号 prefix ${settings.docPrefix}; issuer ${settings.issuer}; monthly notice job ${auto}`,
            settings,
          );
        });
      },
    );
}

/** The request of `notice issue`'s options; CliError (exit 2) for a period it cannot read. */
export function issueRequest(opts: IssueOptions, now: Date): NoticeRequest {
  const int = (v: string | undefined, name: string) => {
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v)) throw new CliError(`--${name} must be a number (got ${v})`, 2);
    return Number(v);
  };
  let req: NoticeRequest;
  if (opts.from || opts.to) {
    if (opts.preset) throw new CliError('give --preset or --from/--to, not both', 2);
    if (!opts.from || !opts.to) throw new CliError('--from and --to go together (YYYY-MM-DD)', 2);
    req = { preset: 'custom', from: opts.from, to: opts.to };
  } else {
    if (!opts.preset || !(PRESETS as readonly string[]).includes(opts.preset) || opts.preset === 'custom') {
      throw new CliError('--preset month|quarter|year|ytd (or --from/--to) is required', 2);
    }
    const preset = opts.preset as Exclude<Preset, 'custom'>;
    req = {
      preset,
      year: int(opts.year, 'year'),
      quarter: int(opts.quarter, 'quarter'),
      month: int(opts.month, 'month'),
    };
    if (opts.previous) {
      if (preset === 'ytd') throw new CliError('--previous goes with --preset month, quarter or year', 2);
      Object.assign(req, previousPeriod(preset, cstToday(now)));
    }
  }
  if (opts.units && opts.units !== 'all') req.units = splitCodes(opts.units);
  if (opts.title) req.title = opts.title;
  if (opts.case?.length) {
    req.typicalCases = opts.case.map((c) => {
      const at = c.indexOf('=');
      if (at <= 0 || at === c.length - 1) throw new CliError(`--case takes 案号=text (got ${c})`, 2);
      return { caseNo: c.slice(0, at).trim(), text: c.slice(at + 1).trim() };
    });
  }
  if (opts.nextSteps && opts.nextStepsFile) throw new CliError('give --next-steps or --next-steps-file', 2);
  if (opts.nextSteps) req.nextSteps = opts.nextSteps.replace(/\\n/g, '\n');
  if (opts.nextStepsFile) req.nextSteps = fs.readFileSync(opts.nextStepsFile, 'utf8');
  return req;
}

function splitCodes(list: string): string[] {
  return list
    .split(/[,，、]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

function parseFormat(format: string): NoticeFormat {
  if (format === 'docx' || format === 'pdf') return format;
  throw new CliError(`--format must be docx or pdf (got ${format})`, 2);
}

/** The service's refusals as CLI errors: bad requests exit 2, an unknown notice 1, with their message. */
async function cliErrors<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof NoticeRequestError) throw new CliError(err.message, 2);
    if (err instanceof NoticeNotFoundError) throw new CliError(err.message, 1);
    throw err;
  }
}
