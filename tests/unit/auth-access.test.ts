import { describe, expect, it } from 'vitest';
import {
  AccessDeniedError,
  can,
  scopeUnitCodes,
  scopeUnitIds,
  unitScope,
  type Actor,
  type Role,
} from '../../server/services/auth/access.ts';

function actor(role: Role, extra: Partial<Actor> = {}): Actor {
  return {
    userId: 1,
    username: role,
    role,
    unitId: null,
    unitCode: null,
    recordKind: null,
    countyVisible: role !== 'unit',
    ...extra,
  };
}

const townA = actor('unit', { unitId: 7, unitCode: 'T01' });

describe('can', () => {
  it('gives user management, settings and the audit log to admins only', () => {
    for (const role of ['analyst', 'clerk', 'unit', 'viewer'] as const) {
      expect(can(actor(role), 'users:manage')).toBe(false);
      expect(can(actor(role), 'audit:read')).toBe(false);
      expect(can(actor(role), 'settings:manage')).toBe(false);
    }
    expect(can(actor('admin'), 'users:manage')).toBe(true);
    expect(can(actor('admin'), 'audit:read')).toBe(true);
  });

  it('lets a clerk import only their own record kind', () => {
    const court = actor('clerk', { recordKind: 'litigation' });
    expect(can(court, 'import:any')).toBe(true);
    expect(can(court, 'import:litigation')).toBe(true);
    expect(can(court, 'import:reconsideration')).toBe(false);
    expect(can(court, 'import:units')).toBe(false);
    expect(can(court, 'unit:map')).toBe(false);
  });

  it('keeps viewers and unit users read-only', () => {
    for (const a of [actor('viewer'), townA]) {
      expect(can(a, 'data:read')).toBe(true);
      expect(can(a, 'data:export')).toBe(true);
      expect(can(a, 'import:any')).toBe(false);
      expect(can(a, 'import:litigation')).toBe(false);
      expect(can(a, 'unit:map')).toBe(false);
    }
  });

  it('hides county totals from unit users unless the setting is on', () => {
    expect(can(townA, 'county:read')).toBe(false);
    expect(can({ ...townA, countyVisible: true }, 'county:read')).toBe(true);
    expect(can(actor('viewer'), 'county:read')).toBe(true);
  });

  it('refuses everything to nobody', () => {
    expect(can(null, 'data:read')).toBe(false);
    expect(can(undefined, 'self')).toBe(false);
  });
});

describe('unit scope', () => {
  it('is every unit for the all-unit roles and the own unit for unit users', () => {
    expect(unitScope(actor('viewer'))).toBeNull();
    expect(unitScope(townA)).toEqual([7]);
  });

  it('passes an all-unit role’s filter through', () => {
    expect(scopeUnitIds(actor('analyst'), [3, 4])).toEqual([3, 4]);
    expect(scopeUnitIds(actor('analyst'))).toBeUndefined();
    expect(scopeUnitCodes(actor('clerk'), ['A01'])).toEqual(['A01']);
  });

  it('forces a unit user onto their own unit and refuses another unit’s id or code', () => {
    expect(scopeUnitIds(townA)).toEqual([7]);
    expect(scopeUnitIds(townA, [7])).toEqual([7]);
    expect(() => scopeUnitIds(townA, [8])).toThrow(AccessDeniedError);
    expect(() => scopeUnitIds(townA, [7, 8])).toThrow(AccessDeniedError);
    expect(scopeUnitCodes(townA, [])).toEqual(['T01']);
    expect(() => scopeUnitCodes(townA, ['T02'])).toThrow(AccessDeniedError);
  });
});
