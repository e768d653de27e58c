// The parts of the AWS SDK gameday uses, one module per service, each loaded on first use.
// Why not import the packages whole: `@aws-sdk/client-ec2` is 1 MB of schemas for ~700 operations,
// and compiling it was a third of a headless `gameday run`. Naming the commands we call lets the
// bundler drop the rest (scripts/sdk-schemas-plugin.mjs makes the schemas droppable).
import type { ServiceName } from '../types.js';

/** Each service's module (a literal import each, so the bundler gives each its own chunk). */
const MODULES = {
  ec2: () => import('./ec2.js'),
  autoscaling: () => import('./autoscaling.js'),
  ecs: () => import('./ecs.js'),
  cloudwatch: () => import('./cloudwatch.js'),
  sts: () => import('./sts.js'),
  iam: () => import('./iam.js'),
} satisfies Record<ServiceName, () => Promise<unknown>>;

/** What one service's module holds: its client class, commands by operation name, exceptions. */
export type ServiceSdk<S extends ServiceName> = Awaited<ReturnType<(typeof MODULES)[S]>>;

/** The operations gameday may call on a service (their API names, e.g. StopInstances). */
export type OperationOf<S extends ServiceName> = keyof ServiceSdk<S>['commands'] & string;

// Each module once: a repeated import() costs a module-map lookup on every call the steady loop makes.
const loaded = new Map<ServiceName, Promise<unknown>>();

/** Loads (once) the SDK module of a service. */
export function sdkOf<S extends ServiceName>(service: S): Promise<ServiceSdk<S>> {
  let pending = loaded.get(service);
  if (!pending) {
    pending = MODULES[service]();
    loaded.set(service, pending);
  }
  return pending as Promise<ServiceSdk<S>>;
}

/** True when gameday can call this operation (recordings name operations as plain strings). */
export function isKnownOperation(sdk: { commands: object }, operation: string): boolean {
  return Object.hasOwn(sdk.commands, operation);
}
