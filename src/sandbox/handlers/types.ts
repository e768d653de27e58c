// What every API handler gets and returns: the world, the time of the call, the SDK input.
import type { World } from '../world.js';

/** The context of one answered call. */
export interface Ctx {
  world: World;
  now: number;
}

/** One operation: SDK input in, SDK output shape out (without $metadata), or a SandboxError thrown. */
// biome-ignore lint/suspicious/noExplicitAny: each operation has its own SDK input type
export type Handler = (ctx: Ctx, input: any) => object;

/** The operations one service answers, by operation name (command name without "Command"). */
export type HandlerTable = Record<string, Handler>;
