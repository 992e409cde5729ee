// :class — the teacher's view of every student namespace (src/course/), and D on its rows: the
// end-of-class shutdown of the chosen namespaces, with exactly kdash down's plan, confirmation and
// restore. A student's account gets one line saying what the view needs.
import { classAccessProblem, classKind } from '../../course/classKind.js';
import { shutdownScreen } from '../actionScreens.js';
import type { Command } from './types.js';

export const classView: Command = {
  id: 'class',
  keys: [],
  title: "the class: every student namespace at a glance (a teacher's account)",
  views: ['any'],
  line: { names: ['class'], help: 'student namespaces: pods, quota, restarts, last activity, parked' },
  run: ({ app }) => {
    const problem = classAccessProblem((verb, resource, group) => app.ports.can({ verb, resource, group }));
    if (problem) {
      app.say(`:class ${problem}`, 'error');
      return;
    }
    app.push({ type: 'table', kind: classKind(app.ports.classOptions), namespace: '' });
  },
};

export const classDown: Command = {
  id: 'classDown',
  keys: ['D'],
  title: 'class view: shut the namespace (or the marked ones) down, as kdash down',
  views: ['table'],
  action: 'down',
  dangerous: true,
  hint: true,
  run: ({ app, table }) => {
    if (!table?.targets.length) return false;
    const namespaces = table.targets.map((o) => o.metadata.name);
    const refused = namespaces.filter((ns) => !app.ports.can({ verb: 'patch', resource: 'deployments', group: 'apps' }, ns).allowed);
    if (refused.length) {
      app.say(`not allowed: this account cannot patch deployments in ${refused.join(', ')}`, 'error');
      return;
    }
    app.push(shutdownScreen(namespaces, 'down'));
  },
};
