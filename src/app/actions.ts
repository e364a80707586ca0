import type { RangeRef, Workbook } from '../register/workbook';
import { addKpi } from './addKpi';
import { dueCheckIns, recordCheckIns } from './checkIns';
import { cascadeTree, health, locate } from './insight';
import { openRegister } from './register';
import { adopt, previewAdoption, setUpRegister, status } from './setup';
import type { TaskpaneActions } from './types';
import { ActionWorkbook } from './view';

/**
 * Where the actions run: `run` opens one host action (one `Excel.run` in Excel, a plain call on the
 * in-memory workbook) and `select` shows a range to the user.
 */
export interface Host {
  run<T>(action: (workbook: Workbook) => Promise<T>): Promise<T>;
  select(range: RangeRef): Promise<void>;
}

export interface ActionOptions {
  /** Build registers with native formulas only (the standalone page: its downloads open anywhere). */
  portable?: boolean;
  /** The clock, injectable so tests and screenshots are repeatable. */
  now?: () => Date;
  newId?: () => string;
}

export class KpiNotFoundError extends Error {}

/** Binds the application's actions to a host: the object the task pane's components receive. */
export function createActions(host: Host, options: ActionOptions = {}): TaskpaneActions {
  const now = options.now ?? (() => new Date());
  const defaults = { portable: options.portable };
  const run = <T>(action: (view: ActionWorkbook) => Promise<T>) =>
    host.run((wb) => action(new ActionWorkbook(wb)));
  return {
    status: () => run((wb) => status(wb)),
    register: () => run(async (wb) => ({ ...(await openRegister(wb)).read })),
    setUpRegister: (setUp) =>
      run((wb) => setUpRegister(wb, { ...setUp, today: setUp.today ?? now() }, defaults)),
    previewAdoption: (lang) => run((wb) => previewAdoption(wb, lang, now())),
    adopt: (preview, setUp) =>
      run((wb) => adopt(wb, preview, { ...setUp, today: setUp.today ?? now() }, defaults)),
    addKpi: (draft) =>
      run((wb) =>
        addKpi(wb, draft, { dialect: options.portable ? 'portable' : 'kpi', newId: options.newId }),
      ),
    dueCheckIns: (owner, today) => run((wb) => dueCheckIns(wb, owner, today)),
    recordCheckIns: (entries) => run((wb) => recordCheckIns(wb, entries, { now: now() })),
    cascadeTree: () => run((wb) => cascadeTree(wb)),
    health: (today) => run((wb) => health(wb, today)),
    goTo: async (kpiId) => {
      const range = await run((wb) => locate(wb, kpiId));
      if (!range) throw new KpiNotFoundError(`There is no KPI ${kpiId} in the register.`);
      await host.select(range);
    },
  };
}
