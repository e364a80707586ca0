import type { SetUpOptions } from '../../src/app/types';
import { CLIENT_MESSAGES } from '../../src/gas/messages';
import {
  ConnectionError,
  ScriptClient,
  ServerError,
  createSheetsActions,
  type ScriptRun,
} from '../../src/gas/client';
import { SERVER_FUNCTIONS } from '../../src/gas/wire';

/**
 * A stand-in for google.script.run: records the calls and answers the way Apps Script does, later
 * (the real one is asynchronous), through the success or failure handler.
 */
class FakeScriptRun {
  readonly calls: { fn: string; payload: unknown }[] = [];
  constructor(
    private readonly answer: (fn: string, payload: unknown) => { ok: unknown } | { fail: unknown },
  ) {}

  run = (): ScriptRun => {
    let onSuccess: (value: unknown) => void = () => undefined;
    let onFailure: (error: unknown) => void = () => undefined;
    const runner: Record<string, unknown> = {
      withSuccessHandler: (handler: typeof onSuccess) => ((onSuccess = handler), proxy),
      withFailureHandler: (handler: typeof onFailure) => ((onFailure = handler), proxy),
    };
    const proxy = new Proxy(runner, {
      get: (target, fn: string) =>
        fn in target
          ? target[fn]
          : (payload: unknown) => {
              this.calls.push({ fn, payload });
              const answer = this.answer(fn, payload);
              setTimeout(() => ('ok' in answer ? onSuccess(answer.ok) : onFailure(answer.fail)), 1);
            },
    });
    return proxy as unknown as ScriptRun;
  };
}

const reply = (value: unknown) => JSON.stringify({ ok: true, value });

describe('the sidebar’s google.script.run client', () => {
  it('calls the action’s server function with its arguments as JSON, dates as wall clock, callbacks left out', async () => {
    const server = new FakeScriptRun(() => ({
      ok: reply({ kpis: 3, due: { $date: '2026-04-30T00:00:00.000' } }),
    }));
    const actions = createSheetsActions(new ScriptClient(server.run, 'en'));
    const options: SetUpOptions = {
      lang: 'en',
      sample: true,
      today: new Date(2026, 3, 15),
      onProgress: () => undefined,
    };
    const report = await actions.setUpRegister(options);
    expect(server.calls).toEqual([
      {
        fn: 'kpiSetUpRegister',
        payload: JSON.stringify([{ lang: 'en', sample: true, today: { $date: '2026-04-15T00:00:00.000' } }]),
      },
    ]);
    expect(report).toEqual({ kpis: 3, due: new Date(2026, 3, 30) });
  });

  it('has every task pane action, each on its own server function', async () => {
    const server = new FakeScriptRun(() => ({ ok: reply(null) }));
    const actions = createSheetsActions(new ScriptClient(server.run, 'en')) as unknown as Record<
      string,
      () => Promise<unknown>
    >;
    expect(Object.keys(actions).sort()).toEqual(Object.keys(SERVER_FUNCTIONS).sort());
    for (const name of Object.keys(actions)) await actions[name]();
    expect(server.calls.map((call) => call.fn)).toEqual(
      Object.keys(actions).map((name) => SERVER_FUNCTIONS[name as keyof typeof SERVER_FUNCTIONS]),
    );
  });

  it('rejects with the server’s error name and message when the action failed', async () => {
    const server = new FakeScriptRun(() => ({
      ok: JSON.stringify({ ok: false, error: { name: 'DraftError', message: 'The target is missing.' } }),
    }));
    const actions = createSheetsActions(new ScriptClient(server.run, 'en'));
    const error = await actions.status().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServerError);
    expect(error).toMatchObject({ name: 'DraftError', message: 'The target is missing.' });
  });

  it.each(['en', 'zh-HK'] as const)(
    'says in the user’s language (%s) when Google could not run the call',
    async (lang) => {
      const server = new FakeScriptRun(() => ({ fail: new Error('Exceeded maximum execution time') }));
      const error = await new ScriptClient(server.run, lang)
        .call('status', [])
        .catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectionError);
      expect((error as Error).message).toBe(
        CLIENT_MESSAGES[lang]['client.unreachable'].replace('{reason}', 'Exceeded maximum execution time'),
      );
    },
  );

  it('refuses an answer it cannot read, and says when there is no Google Sheets around', async () => {
    const garbled = new FakeScriptRun(() => ({ ok: '<html>Sign in</html>' }));
    await expect(new ScriptClient(garbled.run, 'en').call('status', [])).rejects.toThrow(
      CLIENT_MESSAGES.en['client.badReply'],
    );
    await expect(new ScriptClient(() => undefined, 'zh-HK').call('status', [])).rejects.toThrow(
      CLIENT_MESSAGES['zh-HK']['client.noScript'],
    );
  });

  it('is busy from the first call in flight until the last one ends', async () => {
    const server = new FakeScriptRun(() => ({ ok: reply(1) }));
    const client = new ScriptClient(server.run, 'en');
    const changes: boolean[] = [];
    const stop = client.subscribe((busy) => changes.push(busy));
    const both = Promise.all([client.call('status', []), client.call('register', [])]);
    expect(client.busy).toBe(true);
    await both;
    expect(client.busy).toBe(false);
    expect(changes).toEqual([true, false]);
    stop();
    await client.call('status', []);
    expect(changes).toEqual([true, false]);
  });
});
