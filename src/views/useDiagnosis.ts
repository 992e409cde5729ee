// A namespace's diagnosis as React state: started (or shared) while the component is mounted, and
// re-rendered when a new read lands. '' (all namespaces) diagnoses nothing.
import { useEffect, useSyncExternalStore } from 'react';
import { useServices } from './context.js';
import type { DiagnosisState } from './ports.js';

export function useDiagnosis(namespace: string, use: 'screen' | 'markers' = 'screen', enabled = true): DiagnosisState | undefined {
  const { diagnosis } = useServices();
  const on = enabled && namespace !== '';
  useEffect(() => (on ? diagnosis.watch(namespace, use) : undefined), [diagnosis, namespace, use, on]);
  return useSyncExternalStore(diagnosis.subscribe, () => (on ? diagnosis.get(namespace, use) : undefined));
}
