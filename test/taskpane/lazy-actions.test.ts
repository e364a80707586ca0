import type { TaskpaneActions } from '../../src/app/types';
import { lazyActions } from '../../src/taskpane/lazyActions';

/** The task pane's actions load in the background; the components see ordinary async actions. */
describe('lazyActions', () => {
  const real = (calls: string[]) =>
    ({
      status: async () => {
        calls.push('status');
        return { kind: 'empty' };
      },
      health: async (today: Date) => {
        calls.push(`health ${today.toISOString().slice(0, 10)}`);
        return [];
      },
    }) as unknown as TaskpaneActions;

  it('starts loading at once, loads once, and forwards every call with its arguments', async () => {
    const calls: string[] = [];
    const load = jest.fn(async () => real(calls));
    const actions = lazyActions(load);
    expect(load).toHaveBeenCalledTimes(1);
    await expect(actions.status()).resolves.toEqual({ kind: 'empty' });
    await actions.health(new Date('2026-05-15T00:00:00Z'));
    expect(calls).toEqual(['status', 'health 2026-05-15']);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('forwards every action of TaskpaneActions', () => {
    const actions = lazyActions(async () => real([]));
    for (const name of ['status', 'register', 'setUpRegister', 'previewAdoption', 'adopt', 'addKpi']) {
      expect(typeof (actions as unknown as Record<string, unknown>)[name]).toBe('function');
    }
  });

  it('tries a failed download again on the next call, and the failed call says why', async () => {
    const calls: string[] = [];
    const load = jest
      .fn<Promise<TaskpaneActions>, []>()
      .mockRejectedValueOnce(new Error('Loading chunk actions failed.'))
      .mockImplementation(async () => real(calls));
    const actions = lazyActions(load);
    await expect(actions.status()).rejects.toThrow('Loading chunk actions failed.');
    await expect(actions.status()).resolves.toEqual({ kind: 'empty' });
    expect(load).toHaveBeenCalledTimes(2);
  });
});
