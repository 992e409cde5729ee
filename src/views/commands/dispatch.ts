// Running a command: the read-only guard and the permission check come from the command's own
// fields, so no command repeats them.
import type { Command, CommandContext } from './types.js';

/** Runs `cmd`; false when it does nothing here (its key passes on). */
export function runCommand(cmd: Command, ctx: CommandContext): boolean {
  if (!cmd.run) return false;
  const { app, table } = ctx;
  if (cmd.dangerous && app.readonly) {
    app.say(ctx.key ? `${ctx.key}: read-only mode — ${cmd.title} is off in this session` : `read-only mode: :${ctx.line ?? cmd.line?.names[0]} is off in this session`, 'error');
    return true;
  }
  if (cmd.permission && table) {
    const request = { ...cmd.permission, resource: cmd.permission.resource ?? table.kind.plural, group: cmd.permission.group ?? table.kind.group };
    const p = app.ports.can(request, table.selected?.metadata.namespace);
    if (!p.allowed) {
      const what = `${request.verb} ${request.resource}${request.subresource ? `/${request.subresource}` : ''}`;
      app.say(`not allowed: ${p.reason ?? `you cannot ${what} here`}`, 'error');
      return true;
    }
  }
  return cmd.run(ctx) !== false;
}
