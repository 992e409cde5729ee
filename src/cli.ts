#!/usr/bin/env node
// kdash's command line. Heavy modules are imported only when a command needs them, so `--help`
// and error lines are instant and the dashboard starts fast.
import meow from 'meow';

const cli = meow(
  `
  Usage
    $ kdash [options]                 live dashboard of the current context
    $ kdash --demo                    the dashboard on an embedded practice cluster
    $ kdash sim [--scenario classroom|large|empty] [--port N] [--write-kubeconfig PATH]
                [--nodes N --namespaces N --pods N --churn PER_SECOND]   (large scenario)
    $ kdash down [-n NS] [--dry-run] [--yes] [--delete-bare-pods]
    $ kdash up [-n NS] [--yes]
    $ kdash logs (POD | deploy/NAME | sts/NAME | ds/NAME | job/NAME) [-n NS] [-c C | --all-containers] [-f] [--tail N] [--previous] [--timestamps]

  Options
    -n, --namespace NAME     namespace (default: the context's namespace)
    -A, --all-namespaces     every namespace
        --context NAME       kubeconfig context to use
        --kubeconfig PATH    kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)
        --view KIND          first view: pods, deploy, svc, … (kubectl names and short names)
        --once               print the first view as a plain table after the first sync, then exit
        --readonly           never change the cluster: mutating keys are off, non-GET requests refused
        --demo               start the embedded classroom cluster and connect to it as the student
        --tail N             lines of history a log view starts with (default 200)
        --no-color           no colours (NO_COLOR is honoured too)
    -h, --help               this help
    -v, --version            version

  Examples
    $ kdash -n vgauthier
    $ kdash --demo --once --view deploy
    $ kdash sim --write-kubeconfig /tmp/sim.kubeconfig   # then: KUBECONFIG=/tmp/sim.kubeconfig kubectl get pods
`,
  {
    importMeta: import.meta,
    allowUnknownFlags: false,
    autoHelp: true,
    autoVersion: true,
    flags: {
      namespace: { type: 'string', shortFlag: 'n' },
      allNamespaces: { type: 'boolean', shortFlag: 'A', default: false },
      context: { type: 'string' },
      kubeconfig: { type: 'string' },
      view: { type: 'string' },
      once: { type: 'boolean', default: false },
      readonly: { type: 'boolean', default: false },
      demo: { type: 'boolean', default: false },
      color: { type: 'boolean', default: true },
      help: { type: 'boolean', shortFlag: 'h' },
      version: { type: 'boolean', shortFlag: 'v' },
      // sim
      scenario: { type: 'string', default: 'classroom' },
      port: { type: 'number', default: 0 },
      writeKubeconfig: { type: 'string' },
      nodes: { type: 'number' },
      namespaces: { type: 'number' },
      pods: { type: 'number' },
      churn: { type: 'number' },
      // down / up
      dryRun: { type: 'boolean', default: false },
      yes: { type: 'boolean', shortFlag: 'y', default: false },
      deleteBarePods: { type: 'boolean', default: false },
      // logs
      container: { type: 'string', shortFlag: 'c' },
      allContainers: { type: 'boolean', default: false },
      follow: { type: 'boolean', shortFlag: 'f', default: false },
      tail: { type: 'number' },
      previous: { type: 'boolean', shortFlag: 'p', default: false },
      timestamps: { type: 'boolean', default: false },
    },
  },
);

if (!cli.flags.color || process.env.NO_COLOR) process.env.FORCE_COLOR = '0';
// meow sets the title to the bare name; keep the arguments visible to ps, top and pkill.
process.title = ['kdash', ...process.argv.slice(2)].join(' ');

function fail(message: string, code = 1): never {
  process.stderr.write(`kdash: ${message}\n`);
  process.exit(code);
}

async function main(): Promise<number> {
  const [command, ...args] = cli.input;
  switch (command) {
    case undefined: {
      const { runDashboardCommand } = await import('./app/dashboard.js');
      return runDashboardCommand(cli.flags);
    }
    case 'sim': {
      const { runSimCommand } = await import('./app/simCommand.js');
      return runSimCommand(cli.flags);
    }
    case 'down':
    case 'up': {
      const { runShutdownCommand } = await import('./app/shutdownCommand.js');
      return runShutdownCommand(command, cli.flags);
    }
    case 'logs': {
      if (args.length !== 1) fail('usage: kdash logs (POD | deploy/NAME | sts/NAME | ds/NAME | job/NAME) [-n NS] [-c C] [-f]', 2);
      const { runLogsCli } = await import('./app/logsCli.js');
      return runLogsCli(args[0], cli.flags);
    }
    default:
      return fail(`unknown command "${command}" (commands: sim, down, up, logs; see kdash --help)`, 2);
  }
}

main().then(
  (code) => {
    // The command is over: a stray timer or socket must not keep the process (or a port) alive.
    process.exit(code);
  },
  async (err: unknown) => {
    const { UserError, describeError } = await import('./kube/errors.js');
    if (err instanceof UserError) fail(err.message, err.exitCode);
    fail(describeError(err), 1);
  },
);

export type CliFlags = typeof cli.flags;
