import type { Kpi } from './model';

/**
 * The cascade as a tree built from `parent_id`: company KPIs at the top, each KPI under the one it aligns
 * to. Registers are edited by hand, so the tree is built from whatever is there: blank parents, parents
 * that do not exist, repeated ids and cycles are recorded rather than thrown.
 */
export interface Cascade {
  /** Each id's KPI; for a repeated id, its first row (the later rows are in `duplicates`). */
  readonly byId: ReadonlyMap<string, Kpi>;
  /** Later rows that repeat an id already used above them; they take no part in the tree. */
  readonly duplicates: readonly Kpi[];
  /** Children by parent id, in register order. Keyed by the parent id as written, even when no KPI has it. */
  readonly children: ReadonlyMap<string, readonly Kpi[]>;
  /** KPIs with a blank parent id (company level, or orphans below it). */
  readonly roots: readonly Kpi[];
  /** KPIs whose parent id names no KPI. */
  readonly dangling: readonly Kpi[];
  /** Each cycle once, as ids from child to parent, starting with the one that comes first in the register. */
  readonly cycles: readonly (readonly string[])[];
  /** Steps from the top of the KPI's chain (a root or a dangling KPI is 0); absent in and below a cycle. */
  readonly depth: ReadonlyMap<string, number>;
  /** Every KPI not in a cycle, children before their parent: the order to compute roll-ups in. */
  readonly bottomUp: readonly Kpi[];
}

/** The parent id as written, trimmed; `undefined` when blank. */
export function parentKey(kpi: Kpi): string | undefined {
  const parent = kpi.parent_id?.trim();
  return parent ? parent : undefined;
}

export function buildCascade(kpis: readonly Kpi[]): Cascade {
  const byId = new Map<string, Kpi>();
  const duplicates: Kpi[] = [];
  for (const kpi of kpis) {
    if (byId.has(kpi.id)) duplicates.push(kpi);
    else byId.set(kpi.id, kpi);
  }
  const nodes = [...byId.values()];
  const order = new Map(nodes.map((kpi, index) => [kpi.id, index]));

  const children = new Map<string, Kpi[]>();
  const roots: Kpi[] = [];
  const dangling: Kpi[] = [];
  for (const kpi of nodes) {
    const parent = parentKey(kpi);
    if (parent === undefined) {
      roots.push(kpi);
      continue;
    }
    if (!byId.has(parent)) dangling.push(kpi);
    const siblings = children.get(parent);
    if (siblings) siblings.push(kpi);
    else children.set(parent, [kpi]);
  }

  const parentOf = (kpi: Kpi): Kpi | undefined => {
    const parent = parentKey(kpi);
    return parent === undefined ? undefined : byId.get(parent);
  };

  // Each KPI has at most one parent, so following parents from every KPI finds every cycle exactly once.
  const cycles: string[][] = [];
  const state = new Map<string, 'walking' | 'done'>();
  for (const start of nodes) {
    const path: Kpi[] = [];
    let node: Kpi | undefined = start;
    while (node && !state.has(node.id)) {
      state.set(node.id, 'walking');
      path.push(node);
      node = parentOf(node);
    }
    if (node && state.get(node.id) === 'walking') {
      const cycle = path.slice(path.indexOf(node)).map((kpi) => kpi.id);
      const first = cycle.reduce(
        (best, id, index) => ((order.get(id) ?? 0) < (order.get(cycle[best]) ?? 0) ? index : best),
        0,
      );
      cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);
    }
    for (const kpi of path) state.set(kpi.id, 'done');
  }

  const depth = new Map<string, number>();
  const queue = [...roots, ...dangling];
  for (const top of queue) depth.set(top.id, 0);
  for (let i = 0; i < queue.length; i++) {
    const parent = queue[i];
    for (const child of children.get(parent.id) ?? []) {
      if (depth.has(child.id)) continue;
      depth.set(child.id, (depth.get(parent.id) ?? 0) + 1);
      queue.push(child);
    }
  }

  // Kahn's algorithm on child → parent edges: a KPI is ready once all its children are.
  const pending = new Map(nodes.map((kpi) => [kpi.id, children.get(kpi.id)?.length ?? 0]));
  const bottomUp = nodes.filter((kpi) => pending.get(kpi.id) === 0);
  for (let i = 0; i < bottomUp.length; i++) {
    const parent = parentOf(bottomUp[i]);
    if (!parent) continue;
    const left = (pending.get(parent.id) ?? 0) - 1;
    pending.set(parent.id, left);
    if (left === 0) bottomUp.push(parent);
  }

  return { byId, duplicates, children, roots, dangling, cycles, depth, bottomUp };
}

/** The KPI a KPI aligns to, when it is in the register. */
export function parentOf(cascade: Cascade, kpi: Kpi): Kpi | undefined {
  const parent = parentKey(kpi);
  return parent === undefined ? undefined : cascade.byId.get(parent);
}

export function childrenOf(cascade: Cascade, id: string): readonly Kpi[] {
  return cascade.children.get(id) ?? [];
}

/** The other KPIs with the same parent id; for a KPI with a blank parent, the other roots. */
export function siblingsOf(cascade: Cascade, kpi: Kpi): Kpi[] {
  const parent = parentKey(kpi);
  const group = parent === undefined ? cascade.roots : (cascade.children.get(parent) ?? []);
  return group.filter((other) => other.id !== kpi.id);
}

/** Everything below a KPI, nearest first. Safe on cycles (each KPI once, never the KPI itself). */
export function descendantsOf(cascade: Cascade, id: string): Kpi[] {
  const seen = new Set([id]);
  const found: Kpi[] = [];
  for (let i = -1; i < found.length; i++) {
    for (const child of childrenOf(cascade, i < 0 ? id : found[i].id)) {
      if (seen.has(child.id)) continue;
      seen.add(child.id);
      found.push(child);
    }
  }
  return found;
}

/** The chain above a KPI, nearest first, up to a root, a missing parent, or round a cycle once. */
export function ancestorsOf(cascade: Cascade, id: string): Kpi[] {
  const start = cascade.byId.get(id);
  const seen = new Set([id]);
  const found: Kpi[] = [];
  for (
    let node = start && parentOf(cascade, start);
    node && !seen.has(node.id);
    node = parentOf(cascade, node)
  ) {
    seen.add(node.id);
    found.push(node);
  }
  return found;
}
