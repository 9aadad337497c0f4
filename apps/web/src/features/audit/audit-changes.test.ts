import { describe, expect, it } from 'vitest';
import { auditChanges, auditValue } from './audit-changes';

describe('auditChanges', () => {
  it('lists a diff entry as field: old → new, nested fields by their path', () => {
    expect(
      auditChanges(
        { status: 'NAO_INICIADO', totals: { parts: 10 }, accessories: ['Estepe'] },
        { status: 'EM_ANDAMENTO', totals: { parts: 12 }, accessories: [], technicianName: 'Ana' },
      ),
    ).toEqual([
      { field: 'status', before: 'NAO_INICIADO', after: 'EM_ANDAMENTO' },
      { field: 'totals.parts', before: 10, after: 12 },
      { field: 'accessories', before: ['Estepe'], after: [] },
      { field: 'technicianName', before: undefined, after: 'Ana' },
    ]);
  });

  it('compares the full snapshots of entries written before diffs', () => {
    expect(
      auditChanges(
        { name: 'Oficina', phone: '1', address: { city: 'Campinas', street: 'A' }, version: 1 },
        { name: 'Oficina do Zé', phone: '1', address: { city: 'Campinas', street: 'B' }, version: 2 },
      ),
    ).toEqual([
      { field: 'name', before: 'Oficina', after: 'Oficina do Zé' },
      { field: 'address.street', before: 'A', after: 'B' },
      { field: 'version', before: 1, after: 2 },
    ]);
  });

  it('lists every field of a create or a delete', () => {
    expect(auditChanges(null, { kind: 'vehicle', asset: { plate: 'ABC1D23' } })).toEqual([
      { field: 'kind', before: undefined, after: 'vehicle' },
      { field: 'asset.plate', before: undefined, after: 'ABC1D23' },
    ]);
    expect(auditChanges({ name: 'X' }, null)).toEqual([{ field: 'name', before: 'X', after: undefined }]);
  });
});

describe('auditValue', () => {
  it('writes values on one line', () => {
    expect(auditValue(null)).toBe('—');
    expect(auditValue(undefined)).toBe('—');
    expect(auditValue('EM_ANDAMENTO')).toBe('EM_ANDAMENTO');
    expect(auditValue(12.5)).toBe('12.5');
    expect(auditValue(false)).toBe('false');
    expect(auditValue(['a', 'b'])).toBe('["a","b"]');
  });
});
