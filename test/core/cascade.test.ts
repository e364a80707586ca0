import {
  ancestorsOf,
  buildCascade,
  childrenOf,
  descendantsOf,
  parentOf,
  siblingsOf,
} from '../../src/core/cascade';
import { company, kpi } from './health.fixtures';

const ids = (kpis: readonly { id: string }[]) => kpis.map((k) => k.id);

describe('the cascade tree', () => {
  const register = [
    kpi({ id: 'S1a', parent_id: 'S1', level: 'individual' }),
    company(),
    kpi({ id: 'S1' }),
    kpi({ id: 'S2' }),
    kpi({ id: 'S1b', parent_id: 'S1', level: 'individual' }),
    kpi({ id: 'X1', parent_id: 'NOPE' }),
  ];
  const cascade = buildCascade(register);

  it('indexes children by parent in register order, with roots and dangling parents', () => {
    expect(ids(childrenOf(cascade, 'C1'))).toEqual(['S1', 'S2']);
    expect(ids(childrenOf(cascade, 'S1'))).toEqual(['S1a', 'S1b']);
    expect(ids(childrenOf(cascade, 'S2'))).toEqual([]);
    expect(ids(cascade.roots)).toEqual(['C1']);
    expect(ids(cascade.dangling)).toEqual(['X1']);
    expect(parentOf(cascade, register[0])?.id).toBe('S1');
    expect(parentOf(cascade, register[5])).toBeUndefined();
  });

  it('measures depth from the top of each chain', () => {
    expect(Object.fromEntries(cascade.depth)).toEqual({ C1: 0, X1: 0, S1: 1, S2: 1, S1a: 2, S1b: 2 });
  });

  it('orders KPIs bottom-up so every child comes before its parent', () => {
    const order = ids(cascade.bottomUp);
    expect(order).toHaveLength(register.length);
    for (const k of register) {
      if (cascade.byId.has(k.parent_id ?? ''))
        expect(order.indexOf(k.id)).toBeLessThan(order.indexOf(k.parent_id ?? ''));
    }
  });

  it('finds siblings, descendants and ancestors', () => {
    expect(ids(siblingsOf(cascade, register[2]))).toEqual(['S2']);
    expect(ids(siblingsOf(cascade, register[1]))).toEqual([]);
    expect(ids(descendantsOf(cascade, 'C1'))).toEqual(['S1', 'S2', 'S1a', 'S1b']);
    expect(ids(ancestorsOf(cascade, 'S1b'))).toEqual(['S1', 'C1']);
  });

  it('records cycles once each, keeps them out of the bottom-up order, and stays finite', () => {
    const looped = buildCascade([
      company(),
      kpi({ id: 'A', parent_id: 'B' }),
      kpi({ id: 'B', parent_id: 'C' }),
      kpi({ id: 'C', parent_id: 'A' }),
      kpi({ id: 'D', parent_id: 'A' }),
      kpi({ id: 'E', parent_id: 'E' }),
    ]);
    expect(looped.cycles).toEqual([['A', 'B', 'C'], ['E']]);
    expect(ids(looped.bottomUp).sort()).toEqual(['C1', 'D']);
    expect(looped.depth.has('A')).toBe(false);
    expect(ids(descendantsOf(looped, 'A'))).toEqual(['C', 'D', 'B']);
    expect(ids(ancestorsOf(looped, 'D'))).toEqual(['A', 'B', 'C']);
  });

  it('keeps the first row of a repeated id and sets the others aside', () => {
    const repeated = buildCascade([
      company(),
      kpi({ id: 'S1', name: 'first' }),
      kpi({ id: 'S1', name: 'second' }),
    ]);
    expect(repeated.byId.get('S1')?.name).toBe('first');
    expect(repeated.duplicates.map((k) => k.name)).toEqual(['second']);
    expect(ids(repeated.bottomUp)).toEqual(['S1', 'C1']);
  });
});
