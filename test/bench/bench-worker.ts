import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface BenchMessage {
  type: string;
  [key: string]: unknown;
}

export interface Worker {
  /** Resolves with the next message of this type (rejects if the worker dies first). */
  next(type: string): Promise<unknown>;
  send(message: object): void;
  /** Every message, as it comes (in addition to next). */
  onMessage(listener: (message: BenchMessage) => void): void;
  kill(): void;
  exited: Promise<void>;
}

/** A bench worker (a .ts file next to this one) with Node's IPC channel; its input goes in PD_BENCH_INPUT. */
export function startWorker(file: string, input: object): Worker {
  return startNodeWorker(['--import', 'tsx', join(HERE, file)], file, input);
}

/**
 * A worker already bundled to plain JavaScript (see bundle-worker.ts), run by bare Node as the
 * app's main process runs its bundle: no TypeScript loader in its memory.
 */
export function startBundledWorker(bundle: string, input: object): Worker {
  return startNodeWorker([bundle], bundle, input);
}

function startNodeWorker(args: string[], file: string, input: object): Worker {
  const child = spawn(process.execPath, ['--expose-gc', ...args], {
    env: { ...process.env, PD_BENCH_INPUT: JSON.stringify(input) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const inbox: BenchMessage[] = [];
  const listeners: ((message: BenchMessage) => void)[] = [];
  const waiting: { type: string; resolve: (message: unknown) => void; reject: (error: Error) => void }[] = [];
  let failure: Error | undefined;
  const deliver = () => {
    for (const waiter of [...waiting]) {
      const index = inbox.findIndex((message) => message.type === waiter.type);
      if (index >= 0) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve(inbox.splice(index, 1)[0]);
      } else if (failure) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.reject(failure);
      }
    }
  };
  child.on('message', (message: BenchMessage) => {
    for (const listener of listeners) listener(message);
    inbox.push(message);
    deliver();
  });
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      if (code !== 0) failure = new Error(`${file} exited with ${signal ?? `code ${String(code)}`}`);
      else failure = new Error(`${file} exited`);
      deliver();
      resolve();
    });
  });
  return {
    next: (type) =>
      new Promise((resolve, reject) => {
        waiting.push({ type, resolve, reject });
        deliver();
      }),
    send: (message) => child.send(message),
    onMessage: (listener) => listeners.push(listener),
    kill: () => {
      if (child.exitCode === null) child.kill();
    },
    exited,
  };
}

/** A worker's input, as its parent gave it. */
export function benchInput<T>(): T {
  return JSON.parse(process.env.PD_BENCH_INPUT ?? '') as T;
}

/** Sends a message to the parent bench process. */
export function toParent(message: BenchMessage): void {
  if (!process.send) throw new Error('This bench worker must be started with an IPC channel.');
  process.send(message);
}
