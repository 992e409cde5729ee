// s on a pod (or a service or daemon set: one of its ready pods; on the kinds that scale, s stays scale as
// in k9s — Enter shows their pods): a shell in the container, on the terminal the dashboard lends and takes
// back as it was. a: attach to the container's main process (any pod or workload row). Both are `create pods/exec|attach` to the authorizer, whatever the row.
import { containerSpec } from '../../streams/podTargets.js';
import { chooseContainer, choosePod, rowTarget } from './podPick.js';
import type { Command, CommandContext } from './types.js';

function openShell({ app, table }: CommandContext): boolean | void {
  const target = rowTarget(app, table);
  if (!target || !table?.selected) return false;
  choosePod(app, target, table.selected, (pod) =>
    chooseContainer(app, pod, 'shell', (c) => {
      if (!c.running) return app.say(`cannot open a shell: container ${c.name} of pod ${pod.metadata.name} is not running (${c.state})`, 'error');
      app.guard(async () => {
        app.report(await app.ports.ops.terminalSession({ mode: 'shell', namespace: target.namespace, pod: pod.metadata.name, container: c.name }));
      });
    }),
  );
}

export const shell: Command = {
  id: 'shell',
  keys: ['s'],
  title: 'shell in a container',
  views: ['table'],
  action: 'shell',
  permission: { verb: 'create', resource: 'pods', group: '', subresource: 'exec' },
  // It runs commands in the container: off in read-only mode.
  dangerous: true,
  hint: true,
  line: { names: ['shell', 'sh'], help: 'shell in the selected pod (or a ready pod of the workload)' },
  run: openShell,
};

export const attach: Command = {
  id: 'attach',
  keys: ['a'],
  title: "attach to a container's main process",
  views: ['table'],
  action: 'attach',
  permission: { verb: 'create', resource: 'pods', group: '', subresource: 'attach' },
  dangerous: true,
  line: { names: ['attach'] },
  run: ({ app, table }) => {
    const target = rowTarget(app, table);
    if (!target || !table?.selected) return false;
    choosePod(app, target, table.selected, (pod) =>
      chooseContainer(app, pod, 'attach', (c) => {
        const spec = containerSpec(pod, c.name);
        if (!spec?.stdin) {
          return app.say(`cannot attach to ${c.name}: it was not started with stdin (spec.containers[].stdin) — its output is in the logs (l)`, 'error');
        }
        if (!c.running) return app.say(`cannot attach: container ${c.name} of pod ${pod.metadata.name} is not running (${c.state})`, 'error');
        app.guard(async () => {
          app.report(await app.ports.ops.terminalSession({ mode: 'attach', namespace: target.namespace, pod: pod.metadata.name, container: c.name, tty: Boolean(spec.tty) }));
        });
      }),
    );
  },
};
