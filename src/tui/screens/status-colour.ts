// Which semantic colour a resource state gets: one table for every tab, so "running", "InService",
// "OK" and "healthy" read the same way everywhere.
import type { Colour, Theme } from '../theme.js';

const OK = new Set(['running', 'inservice', 'healthy', 'ok', 'active', 'running/healthy']);
const BAD = new Set([
  'stopped',
  'terminated',
  'alarm',
  'degraded',
  'unhealthy',
  'stopped/unhealthy',
  'inactive',
  'failed',
  'disconnected',
]);
const WARN = new Set([
  'pending',
  'stopping',
  'shutting-down',
  'insufficient_data',
  'provisioning',
  'draining',
  'deprovisioning',
]);

/** The colour for a state word (undefined: no colour). */
export function statusColour(theme: Theme, status: string): Colour {
  const s = status.toLowerCase();
  if (OK.has(s)) return theme.status.ok;
  if (BAD.has(s)) return theme.status.error;
  if (WARN.has(s)) return theme.status.warn;
  return undefined;
}
