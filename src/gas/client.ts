import { z } from 'zod';
import { format, type Lang } from '../core/i18n';
import type { TaskpaneActions } from '../app/types';
import { CLIENT_MESSAGES, type ClientKey } from './messages';
import { SERVER_FUNCTIONS, fromWire, toWire, type ActionName } from './wire';

/**
 * The sidebar's side of google.script.run: each task pane action becomes one call to its server
 * function, as a Promise. Arguments and answers travel as JSON (see wire.ts); the answer says whether
 * the action worked, and a failed action rejects with an Error carrying the server's message and error
 * name. A call Google could not deliver (offline, signed out, the script timed out) rejects with a
 * message in the user's language. The client counts calls in flight so the sidebar can show that it
 * is busy.
 */
export interface ScriptRun {
  withSuccessHandler(handler: (value: unknown) => void): ScriptRun;
  withFailureHandler(handler: (error: unknown) => void): ScriptRun;
}

const replySchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ name: z.string(), message: z.string() }) }),
]);

/** An error the server reported for an action (its name is the server's: DraftError, NotARegisterError…). */
export class ServerError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

/** Google could not run the call at all. */
export class ConnectionError extends Error {
  override name = 'ConnectionError';
}

/** google.script.run in the sidebar; undefined outside Google Sheets. */
export function googleScriptRun(): ScriptRun | undefined {
  const google = (globalThis as { google?: { script?: { run?: ScriptRun } } }).google;
  return google?.script?.run;
}

export class ScriptClient {
  private inFlight = 0;
  private readonly listeners = new Set<(busy: boolean) => void>();

  constructor(
    private readonly run: () => ScriptRun | undefined,
    private readonly lang: Lang,
  ) {}

  get busy(): boolean {
    return this.inFlight > 0;
  }

  /** Called with true when the first call starts and false when the last one ends. */
  subscribe(listener: (busy: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  call(action: ActionName, args: readonly unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const run = this.run();
      if (!run) {
        reject(new ConnectionError(this.text('client.noScript')));
        return;
      }
      this.track(+1);
      let settled = false;
      const finish = (outcome: () => void) => {
        if (settled) return;
        settled = true;
        this.track(-1);
        outcome();
      };
      const server = run
        .withSuccessHandler((answer) => finish(() => this.settle(answer, resolve, reject)))
        .withFailureHandler((error) =>
          finish(() =>
            reject(new ConnectionError(this.text('client.unreachable', { reason: reasonOf(error) }))),
          ),
        ) as unknown as Record<string, (payload: string) => void>;
      try {
        server[SERVER_FUNCTIONS[action]](JSON.stringify(toWire(args)));
      } catch (error) {
        finish(() =>
          reject(new ConnectionError(this.text('client.unreachable', { reason: reasonOf(error) }))),
        );
      }
    });
  }

  private settle(answer: unknown, resolve: (value: unknown) => void, reject: (error: Error) => void): void {
    let reply: z.infer<typeof replySchema>;
    try {
      reply = replySchema.parse(typeof answer === 'string' ? JSON.parse(answer) : answer);
    } catch {
      reject(new ConnectionError(this.text('client.badReply')));
      return;
    }
    if (reply.ok) resolve(fromWire(reply.value));
    else reject(new ServerError(reply.error.name, reply.error.message));
  }

  private track(delta: number): void {
    const wasBusy = this.busy;
    this.inFlight += delta;
    if (wasBusy !== this.busy) for (const listener of this.listeners) listener(this.busy);
  }

  private text(key: ClientKey, params?: Record<string, string>): string {
    return format(CLIENT_MESSAGES[this.lang][key], params);
  }
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (error && typeof error === 'object' && 'message' in error)
    return String((error as { message: unknown }).message);
  return String(error);
}

/** The task pane's actions, each one a server call. */
export function createSheetsActions(client: ScriptClient): TaskpaneActions {
  const call =
    <K extends ActionName>(name: K) =>
    (...args: unknown[]) =>
      client.call(name, args);
  // Each entry is the same call with the action's own types: the server runs the same TaskpaneActions.
  return {
    status: call('status'),
    register: call('register'),
    setUpRegister: call('setUpRegister'),
    previewAdoption: call('previewAdoption'),
    adopt: call('adopt'),
    addKpi: call('addKpi'),
    dueCheckIns: call('dueCheckIns'),
    recordCheckIns: call('recordCheckIns'),
    cascadeTree: call('cascadeTree'),
    health: call('health'),
    goTo: call('goTo'),
  } as TaskpaneActions;
}
