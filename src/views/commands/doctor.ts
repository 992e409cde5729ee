// x: why is this pod/workload/service broken — its findings, evidence and fixes; :doctor: the whole
// namespace's, most severe first. Both live (src/views/DoctorScreen.tsx).
import { doctorScreen } from '../actionScreens.js';
import type { Command } from './types.js';

export const diagnose: Command = {
  id: 'diagnose',
  keys: ['x'],
  title: 'diagnose: what is wrong and the fix',
  views: ['table'],
  action: 'diagnose',
  hint: true,
  run: ({ app, table }) => {
    if (!table?.selected) return false;
    const o = table.selected;
    app.push(doctorScreen({ namespace: o.metadata.namespace ?? app.namespace, object: { kind: table.kind.kind, name: o.metadata.name } }));
  },
};

export const doctor: Command = {
  id: 'doctor',
  keys: [],
  title: "what is broken in the namespace, with the fix",
  views: ['any'],
  line: { names: ['doctor'] },
  run: ({ app }) => {
    if (!app.namespace) {
      app.say(':doctor diagnoses one namespace: choose one first (:ns NAME)', 'error');
      return;
    }
    app.push(doctorScreen({ namespace: app.namespace }));
  },
};
