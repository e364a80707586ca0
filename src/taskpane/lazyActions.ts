import type { TaskpaneActions } from '../app/types';

/** Every action by name: TypeScript fails here when TaskpaneActions gains one this file does not forward. */
const NAMES: Record<keyof TaskpaneActions, true> = {
  status: true,
  register: true,
  setUpRegister: true,
  previewAdoption: true,
  adopt: true,
  addKpi: true,
  dueCheckIns: true,
  recordCheckIns: true,
  cascadeTree: true,
  health: true,
  goTo: true,
};

type AnyAction = (...args: unknown[]) => Promise<unknown>;

/**
 * The task pane's actions, with their code (the register's reader and builder, the health rules, the
 * SMART check, the host adapter) loaded by `load` in the background instead of with the first screen:
 * the pane's tabs paint before that code has even downloaded. Every action returns a promise already,
 * so the components cannot tell the difference.
 */
export function lazyActions(load: () => Promise<TaskpaneActions>): TaskpaneActions {
  // The download starts at once, beside the first screen's: Home asks for the workbook's status on mount.
  let loaded: Promise<TaskpaneActions> | undefined = load();
  loaded.catch(() => (loaded = undefined)); // a failed download is tried again on the next call
  const forward: Record<string, AnyAction> = {};
  for (const name of Object.keys(NAMES) as (keyof TaskpaneActions)[]) {
    forward[name] = async (...args) => {
      loaded ??= load();
      const actions = await loaded.catch((error: unknown) => {
        loaded = undefined; // a failed download is tried again on the next call
        throw error;
      });
      return (actions[name] as AnyAction)(...args);
    };
  }
  return forward as unknown as TaskpaneActions;
}
