// kdash's commands as data: each one's flags, usage and examples, and what it runs. src/cli.ts parses
// every command through this table, so each answers --help/-h and --version without acting, and
// refuses flags that are not its own — a new command gets all of that by being listed here.
// Kept free of heavy imports: a command's module is loaded only when it runs.
import type { FlagSpec } from './argv.js';
import type { ApplyFlags } from './applyCommand.js';
import type { ClassFlags } from './classCommand.js';
import type { DashboardFlags } from './dashboard.js';
import type { DoctorFlags } from './doctorCli.js';
import type { LogsFlags } from './logsCli.js';
import type { PortForwardFlags } from './portForwardCli.js';
import type { ShutdownFlags } from './shutdownCommand.js';
import type { SimFlags } from './simCommand.js';

export type Flags = Record<string, string | boolean | number | undefined>;

export interface CommandSpec {
  /** The word after `kdash`; '' for the dashboard. */
  name: string;
  /** What the command does, one line. */
  summary: string;
  /** The positional arguments in the usage line, e.g. '(POD | deploy/NAME)', and how many it takes. */
  args?: { usage: string; count: number };
  flags: Record<string, FlagSpec>;
  examples: string[];
  run(flags: Flags, args: string[]): Promise<number>;
}

// Flags shared by the commands that talk to a cluster.
const namespace: FlagSpec = { type: 'string', short: 'n', value: 'NAME', help: "namespace (default: the context's namespace)" };
const connection: Record<string, FlagSpec> = {
  context: { type: 'string', value: 'NAME', help: 'kubeconfig context to use (with --demo: sim-student or sim-admin)' },
  kubeconfig: { type: 'string', value: 'PATH', help: 'kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)' },
  demo: { type: 'boolean', help: 'use the embedded classroom cluster (as the student unless --context says otherwise)' },
};
const selection: Record<string, FlagSpec> = {
  selector: { type: 'string', short: 'l', value: 'SELECTOR', help: 'student namespaces by label, e.g. course=net4255 (default: every namespace with a ResourceQuota)' },
  prefix: { type: 'string', value: 'PREFIX', help: 'student namespaces by name prefix, e.g. student-' },
  idle: { type: 'string', value: 'DURATION', help: 'running with no activity this long counts as left running (default 2h)' },
};
const shutdownFlags: Record<string, FlagSpec> = {
  namespace,
  ...connection,
  dryRun: { type: 'boolean', help: 'only print the plan' },
  yes: { type: 'boolean', short: 'y', help: 'do not ask for confirmation (needed without a terminal)' },
};
function shutdownCommand(name: 'down' | 'up', summary: string, flags: Record<string, FlagSpec>): CommandSpec {
  return {
    name,
    summary,
    flags,
    examples: [`kdash ${name} -n vgauthier --dry-run`, `kdash ${name} -n vgauthier --yes`],
    async run(parsed) {
      const { runShutdownCommand } = await import('./shutdownCommand.js');
      return runShutdownCommand(name, parsed as ShutdownFlags);
    },
  };
}
const noColor: FlagSpec = { type: 'boolean', negatable: true, default: true, help: 'no colours (NO_COLOR is honoured too)' };

export const dashboard: CommandSpec = {
  name: '',
  summary: 'live dashboard of the current context (or a plain table with --once)',
  flags: {
    namespace,
    allNamespaces: { type: 'boolean', short: 'A', help: 'every namespace' },
    ...connection,
    view: { type: 'string', value: 'KIND', help: 'first view: pods, deploy, svc, … (kubectl names and short names)' },
    once: { type: 'boolean', help: 'print the first view as a plain table after the first sync, then exit' },
    readonly: { type: 'boolean', help: 'never change the cluster: mutating keys are off, non-GET requests refused' },
    allowReveal: { type: 'boolean', help: "with --readonly: still allow revealing one secret key's value on its keys screen (x, then Enter)" },
    tail: { type: 'int', min: 0, value: 'N', help: 'lines of history a log view starts with (default 200)' },
    confirmQuit: { type: 'boolean', help: 'q at the top view asks before quitting (ctrl-c still quits at once)' },
    shell: { type: 'string', value: 'CMD', help: "the command s runs in a container (default: bash, else sh), e.g. --shell 'zsh -l'" },
    address: { type: 'string', value: 'ADDR', help: 'where F port forwards listen (default 127.0.0.1)' },
    scenario: { type: 'string', value: 'NAME', help: "with --demo: classroom (default) or class (thirty students: the teacher's :class view)" },
    color: noColor,
    state: {
      type: 'boolean',
      negatable: true,
      default: true,
      help: 'do not read or write the state file ($XDG_CONFIG_HOME/kdash/state.yaml: last view and recent namespaces per context)',
    },
  },
  examples: ['kdash -n vgauthier', 'kdash --demo --once --view deploy', 'kdash --demo --context sim-admin -A'],
  async run(flags) {
    const { runDashboardCommand } = await import('./dashboard.js');
    return runDashboardCommand(flags as DashboardFlags);
  },
};

const commands: CommandSpec[] = [
  {
    name: 'sim',
    summary: 'run the embedded cluster alone on https://127.0.0.1 (for kubectl practice, tests and benchmarks)',
    flags: {
      scenario: { type: 'string', value: 'NAME', help: 'classroom (default), class (thirty students, for the teacher), large or empty' },
      port: { type: 'int', min: 0, max: 65535, value: 'N', help: 'port to listen on (default 0: any free port)' },
      address: { type: 'string', value: 'IP', help: "address to listen on (default 127.0.0.1; 0.0.0.0: every interface, for students' kubectl on the network)" },
      writeKubeconfig: { type: 'string', value: 'PATH', help: 'write a kubeconfig for the cluster (contexts sim-student, sim-admin)' },
      nodes: { type: 'int', min: 0, value: 'N', help: 'large scenario: nodes (default 100)' },
      namespaces: { type: 'int', min: 0, value: 'N', help: 'large scenario: namespaces (default 1)' },
      pods: { type: 'int', min: 0, value: 'N', help: 'large scenario: pods (default 10000)' },
      churn: { type: 'int', min: 0, value: 'PER_SECOND', help: 'large scenario: pod changes per second (default 0)' },
      watchList: { type: 'boolean', default: true, help: 'serve WatchList as kube-apiserver 1.34+ does (--no-watch-list: refuse it like 1.33 with the feature gate off)' },
    },
    examples: ['kdash sim --write-kubeconfig /tmp/sim.kubeconfig   # then: KUBECONFIG=/tmp/sim.kubeconfig kubectl get pods', 'kdash sim --scenario large --pods 50000 --port 6443'],
    async run(flags) {
      const { runSimCommand } = await import('./simCommand.js');
      return runSimCommand(flags as SimFlags);
    },
  },
  shutdownCommand('down', 'end of class: stop everything running in a namespace (or every student namespace: --all), recording what to bring back', {
    ...shutdownFlags,
    deleteBarePods: { type: 'boolean', help: 'also delete pods nothing owns (their definitions are saved for up)' },
    all: { type: 'boolean', help: "every student namespace (a teacher's sweep; with --selector/--prefix/--idle)" },
    ...selection,
  }),
  shutdownCommand('up', 'put back what kdash down recorded in a namespace', shutdownFlags),
  {
    name: 'apply',
    summary: 'server-side apply of YAML files (field manager kdash): shows the dry-run diff, then asks',
    flags: {
      filename: { type: 'string', short: 'f', value: 'FILE|DIR|-', help: 'a YAML/JSON file (several documents allowed), a directory of them, or - for stdin' },
      namespace,
      ...connection,
      dryRun: { type: 'boolean', help: 'only show what the server would change; change nothing' },
      yes: { type: 'boolean', short: 'y', help: 'do not ask (needed without a terminal or with -f -)' },
      forceConflicts: { type: 'boolean', help: 'take over fields another field manager owns (shown as conflicts otherwise)' },
      color: noColor,
    },
    examples: ['kdash apply -f web.yaml -n vgauthier', 'kdash apply -f k8s/ --dry-run', 'cat web.yaml | kdash apply -f - --yes'],
    async run(flags) {
      const { runApplyCommand } = await import('./applyCommand.js');
      return runApplyCommand(flags as ApplyFlags);
    },
  },
  {
    name: 'class',
    summary: "the teacher's view: every student namespace at a glance (pods, quota, restarts, last activity, parked)",
    flags: {
      ...selection,
      output: { type: 'string', short: 'o', value: 'FORMAT', help: 'print once as table, json or csv instead of the full screen' },
      ...connection,
      scenario: { type: 'string', value: 'NAME', help: 'with --demo: the embedded cluster scenario (default class: thirty students)' },
      readonly: { type: 'boolean', help: 'never change the cluster: D is off, non-GET requests refused' },
      confirmQuit: { type: 'boolean', help: 'q at the top view asks before quitting' },
      color: noColor,
    },
    examples: ['kdash class --selector course=net4255 --idle 2h', 'kdash class --prefix student- -o csv > class.csv', 'kdash class --demo'],
    async run(flags) {
      const { runClassCommand } = await import('./classCommand.js');
      return runClassCommand(flags as ClassFlags);
    },
  },
  {
    name: 'doctor',
    summary: "find what is broken in a namespace, with the evidence and the fix (exit 0: nothing found, 1: findings, 2: could not check)",
    flags: {
      namespace,
      ...connection,
      output: { type: 'string', short: 'o', value: 'FORMAT', help: 'text (default) or json, for scripts and grading' },
      logLines: { type: 'int', min: 0, max: 100, value: 'N', help: "lines of a crashing container's previous run to show (default 5, 0: none)" },
    },
    examples: ['kdash doctor -n vgauthier', 'kdash doctor -n vgauthier -o json | jq .findings[].cause', 'kdash doctor --demo'],
    async run(flags) {
      const { runDoctorCli } = await import('./doctorCli.js');
      return runDoctorCli(flags as DoctorFlags);
    },
  },
  {
    name: 'logs',
    summary: "print a pod's or a workload's logs, like kubectl logs (control sequences made visible)",
    args: { usage: '(POD | deploy/NAME | sts/NAME | ds/NAME | job/NAME | rs/NAME | svc/NAME)', count: 1 },
    flags: {
      namespace,
      ...connection,
      container: { type: 'string', short: 'c', value: 'NAME', help: 'the container (default: the pod\'s default container)' },
      allContainers: { type: 'boolean', help: 'every container of the pod(s)' },
      follow: { type: 'boolean', short: 'f', help: 'keep streaming new lines (and new pods of a workload)' },
      tail: { type: 'int', min: -1, value: 'N', help: 'only the last N lines (-1: all)' },
      previous: { type: 'boolean', short: 'p', help: 'the previous run of the container' },
      timestamps: { type: 'boolean', help: 'prefix each line with its time' },
      color: noColor,
    },
    examples: ['kdash logs -n vgauthier deploy/webnodb -f --tail 20', 'kdash logs webnodb-7c9f-abcde -c app --previous'],
    async run(flags, args) {
      const { runLogsCli } = await import('./logsCli.js');
      return runLogsCli(args[0], flags as LogsFlags);
    },
  },
  {
    name: 'port-forward',
    summary: 'forward a local port to a pod, service or workload, following its pods when they are replaced',
    args: { usage: '(POD | pod/NAME | svc/NAME | deploy/NAME | sts/NAME | ds/NAME | rs/NAME) [LOCAL]:REMOTE', count: 2 },
    flags: {
      namespace,
      ...connection,
      address: { type: 'string', value: 'ADDR', help: 'local address to listen on (default 127.0.0.1)' },
    },
    examples: [
      'kdash port-forward -n vgauthier svc/webnodb 8080:80   # then: curl http://127.0.0.1:8080/',
      'kdash port-forward deploy/redis 6379:6379',
      'kdash port-forward pod/webnodb-7c9f-abcde :5000      # any free local port',
    ],
    async run(flags, args) {
      const { runPortForwardCli } = await import('./portForwardCli.js');
      return runPortForwardCli(args[0], args[1], flags as PortForwardFlags);
    },
  },
];

export const subcommands: readonly CommandSpec[] = commands;
