// Racing a promise against an AbortSignal: an interrupted provider call stops being waited for.
import { Interrupted } from '../errors.js';

/** Resolves like `p`, or rejects with Interrupted as soon as `signal` fires. */
export function raceAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new Interrupted('interrupted'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Interrupted('interrupted'));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
