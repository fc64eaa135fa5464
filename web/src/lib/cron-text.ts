/**
 * A job's cron expression in words (「每15秒」「每5分钟」「每天03:00」 / "every 15 seconds", "daily at 03:00"), for the
 * data page's job and source tables; the raw expression stays in the cell's hover. Pure (the words come from
 * the i18n table), so it is unit-tested without a DOM.
 *
 * Only what can be said exactly is said: an expression outside the shapes below (lists, offsets like `5/15`,
 * steps that do not divide the hour or the day, restricted months, day of month and day of week together —
 * which cron ORs) comes back as the raw string. The syntax is node-cron's: 5 fields, or 6 with seconds first.
 */
import { translate as say, type Locale } from './i18n/messages.ts';

type Field = { any: true } | { step: number } | { value: number } | { range: [number, number] };

/** Day names node-cron accepts (any case), Sunday first: index = day number. */
const DOW_NAMES = [
  ['sun', 'sunday'],
  ['mon', 'monday'],
  ['tue', 'tuesday'],
  ['wed', 'wednesday'],
  ['thu', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
] as const;

/** node-cron's nicknames (its own table). */
const NICKNAMES: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

function parseField(raw: string, max: number, names?: typeof DOW_NAMES): Field | null {
  if (raw === '*' || raw === '*/1') return { any: true };
  const step = /^\*\/(\d+)$/.exec(raw);
  if (step) return { step: Number(step[1]) };
  const value = (s: string): number | null => {
    const named = names?.findIndex((n) => (n as readonly string[]).includes(s.toLowerCase())) ?? -1;
    if (named >= 0) return named;
    if (!/^\d+$/.test(s)) return null;
    const n = Number(s);
    return n <= max ? n : null;
  };
  const range = /^(\w+)-(\w+)$/.exec(raw);
  if (range) {
    const [a, b] = [value(range[1]!), value(range[2]!)];
    return a !== null && b !== null && a < b ? { range: [a, b] } : null;
  }
  const v = value(raw);
  return v === null ? null : { value: v };
}

const isAny = (f: Field): boolean => 'any' in f;
const fixed = (f: Field): number | null => ('value' in f ? f.value : null);
/** A step that repeats evenly through the field's cycle (e.g. every 7 seconds would jump from :56 to :00). */
const evenStep = (f: Field, cycle: number): number | null =>
  'step' in f && f.step > 1 && f.step < cycle && cycle % f.step === 0 ? f.step : null;

const two = (n: number): string => String(n).padStart(2, '0');

/** A cron expression as a person would say it, or the expression itself when it cannot be said exactly. */
export function describeSchedule(schedule: string, l: Locale): string {
  const parts = (NICKNAMES[schedule.trim().toLowerCase()] ?? schedule).trim().split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) return schedule;
  const [secRaw, minRaw, hourRaw, domRaw, monRaw, dowRaw] = parts.length === 6 ? parts : ['0', ...parts];
  const sec = parseField(secRaw!, 59);
  const min = parseField(minRaw!, 59);
  const hour = parseField(hourRaw!, 23);
  const dom = parseField(domRaw!, 31);
  const mon = parseField(monRaw!, 12);
  const dow = parseField(dowRaw!, 7, DOW_NAMES);
  if (!sec || !min || !hour || !dom || !mon || !dow || !isAny(mon)) return schedule;
  // Ranges are said for the day of the week only (周一至周五); anywhere else they fall back.
  if ([sec, min, hour, dom].some((f) => 'range' in f)) return schedule;

  const everyDay = isAny(dom) && isAny(dow);
  const s = fixed(sec);
  const m = fixed(min);
  const h = fixed(hour);

  // Sub-daily cycles: every field above the repeating one is free, every field below it fixed at zero.
  if (everyDay) {
    if (isAny(min) && isAny(hour)) {
      if (isAny(sec)) return say(l, 'cron.everySecond');
      const n = evenStep(sec, 60);
      if (n) return say(l, 'cron.everySeconds', { n });
    }
    if (s === 0 && isAny(hour)) {
      if (isAny(min)) return say(l, 'cron.everyMinute');
      const n = evenStep(min, 60);
      if (n) return say(l, 'cron.everyMinutes', { n });
      if (m === 0) return say(l, 'cron.hourly');
      if (m !== null) return say(l, 'cron.hourlyAt', { m, mm: two(m) });
    }
    const n = evenStep(hour, 24);
    if (s === 0 && m !== null && n) {
      return m === 0 ? say(l, 'cron.everyHours', { n }) : say(l, 'cron.everyHoursAt', { n, m, mm: two(m) });
    }
  }

  // Calendar schedules: one time of day.
  if (s === null || m === null || h === null) return schedule;
  const time = `${two(h)}:${two(m)}${s === 0 ? '' : `:${two(s)}`}`;
  if (everyDay) return say(l, 'cron.daily', { time });
  if (isAny(dom)) {
    const day = (d: number) => say(l, `cron.dow.${(d % 7) as 0 | 1 | 2 | 3 | 4 | 5 | 6}`);
    const d = fixed(dow);
    if (d !== null) return say(l, 'cron.weekly', { day: day(d), time });
    if ('range' in dow) {
      const [a, b] = dow.range;
      if (a === 0 && b === 7) return say(l, 'cron.daily', { time });
      return say(l, 'cron.weeklyRange', { from: day(a), to: day(b), time });
    }
    return schedule;
  }
  const d = fixed(dom);
  if (isAny(dow) && d !== null && d >= 1) return say(l, 'cron.monthly', { d, time });
  return schedule;
}

/**
 * Whether a schedule can fire more than once within a minute (a seconds field that is not one fixed second):
 * its run times are shown to the second, or the last and next run of a 15-second poll read alike.
 */
export function firesWithinAMinute(schedule: string): boolean {
  const parts = schedule.trim().split(/\s+/);
  return parts.length === 6 && !/^\d+$/.test(parts[0]!);
}
