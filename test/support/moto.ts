// The moto endpoint of this test worker ('' when moto is not available): each worker has its own
// server, so parallel test files never reset each other's world.
import { inject } from 'vitest';

/** This worker's moto endpoint, or '' to skip. */
export function motoEndpoint(): string {
  const endpoints = inject('motoEndpoints');
  if (!endpoints.length) return '';
  const worker = Number(process.env.VITEST_POOL_ID ?? '1');
  return endpoints[(worker - 1) % endpoints.length]!;
}
