// Subscribes a component to a model (InventoryModel, SteadyLoop): it re-renders when the model
// notifies, and reads the model's immutable snapshot.
import { useSyncExternalStore } from 'react';

/** Anything with subscribe + snapshot. */
export interface Store<S> {
  subscribe(listener: () => void): () => void;
  snapshot(): S;
}

/** The store's current snapshot, kept fresh. */
export function useStore<S>(store: Store<S>): S {
  return useSyncExternalStore(store.subscribe, store.snapshot, store.snapshot);
}
