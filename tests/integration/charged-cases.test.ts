import { describe, expect, it } from 'vitest';
import { LOSS_JUDGMENTS } from '../../server/metrics/litigation.metric.ts';
import { AccessDeniedError, type Actor } from '../../server/services/auth/access.ts';
import { chargedCases } from '../../server/services/cases/charged-cases.ts';
import { seedDemoCounty } from '../../server/services/demo/demo-seed.service.ts';
import { computeMetrics } from '../../server/services/metrics/metrics.service.ts';
import { createTestDatabase } from '../support/database.ts';
import { DEMO_AS_OF } from '../support/demo.ts';

const { knex } = await createTestDatabase();
await seedDemoCounty(knex, { asOf: DEMO_AS_OF });
const deps = { db: knex, clock: () => new Date('2026-01-05T00:00:00Z') };
const period = { preset: 'year' as const, year: 2024 };

const units = await computeMetrics(deps, {
  ...period,
  by: 'unit',
  metrics: ['lit_losses', 'lit_hearings', 'lit_head_appearances'],
  rank: 'none',
});
const n = (v: unknown) => (typeof v === 'number' ? v : 0);

describe('the cases a unit is called to account for (charged-cases.ts)', () => {
  it('lists, for every unit, exactly the cases its 败诉 and its missed hearings count', async () => {
    let losses = 0;
    let absences = 0;
    for (const row of units.rows) {
      const lists = await chargedCases(deps, null, String(row.unit_code), period);
      expect(lists?.unit.code).toBe(row.unit_code);
      expect(lists!.losses).toHaveLength(n(row.lit_losses));
      expect(lists!.absences).toHaveLength(n(row.lit_hearings) - n(row.lit_head_appearances));
      for (const c of lists!.losses) {
        expect(c.instance).toBe('一审');
        expect(c.closing).toBe('判决');
        expect(LOSS_JUDGMENTS).toContain(c.judgment);
        expect(String(c.closed_on) >= '2024-01-01' && String(c.closed_on) <= '2024-12-31').toBe(true);
      }
      for (const c of lists!.absences) {
        expect(c.hearing_held).toBe(true);
        expect(c.head_appeared).not.toBe(true);
      }
      const dates = lists!.losses.map((c) => String(c.closed_on));
      expect(dates).toEqual([...dates].sort());
      losses += lists!.losses.length;
      absences += lists!.absences.length;
    }
    // The demo county has both kinds of case in 2024, so the loop above compared real lists.
    expect(losses).toBeGreaterThan(5);
    expect(absences).toBeGreaterThan(2);
  });

  it("gives a unit user their own unit's lists and refuses another unit's", async () => {
    const own = units.rows.find((r) => n(r.lit_losses) > 0)!;
    const other = units.rows.find((r) => r.unit_code !== own.unit_code)!;
    const unitId = (await knex('unit').where('code', own.unit_code).first('id')).id as number;
    const actor: Actor = {
      userId: 1,
      username: 'unit-user',
      role: 'unit',
      unitId,
      unitCode: String(own.unit_code),
      recordKind: null,
      countyVisible: false,
    };
    const lists = await chargedCases(deps, actor, String(own.unit_code), period);
    expect(lists!.losses).toHaveLength(n(own.lit_losses));
    await expect(chargedCases(deps, actor, String(other.unit_code), period)).rejects.toBeInstanceOf(
      AccessDeniedError,
    );
  });

  it('returns null for a code no unit has', async () => {
    expect(await chargedCases(deps, null, 'NO-SUCH-UNIT', period)).toBeNull();
  });
});
