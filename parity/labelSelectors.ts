// Label selectors as apimachinery's labels.Parse reads them and Requirement.Matches applies them.
// kdash parses them for `-l` and drill-downs (src/resources/labels.ts); the embedded cluster parses
// the labelSelector of list and watch requests (packages/sim/src/selectors.ts). Each keeps its own
// parser; both run this table (test/resources/parityTables.test.ts, packages/sim/test/parityTables.test.ts).

export interface SelectorCase {
  selector: string;
  /** Label sets the selector matches and does not match; absent when the selector is invalid. */
  matches?: Array<Record<string, string>>;
  rejects?: Array<Record<string, string>>;
  /** labels.Parse refuses it (the API server answers 400). */
  invalid?: true;
}

export const labelSelectorCases: SelectorCase[] = [
  { selector: '', matches: [{}, { app: 'web' }] },
  { selector: 'app=web', matches: [{ app: 'web' }, { app: 'web', tier: 'db' }], rejects: [{}, { app: 'db' }] },
  { selector: 'app==web', matches: [{ app: 'web' }], rejects: [{ app: 'db' }] },
  { selector: 'app = web', matches: [{ app: 'web' }], rejects: [{ app: 'db' }] },
  // != and notin also match objects without the label.
  { selector: 'app!=web', matches: [{}, { app: 'db' }], rejects: [{ app: 'web' }] },
  { selector: 'env in (dev,prod)', matches: [{ env: 'dev' }, { env: 'prod' }], rejects: [{}, { env: 'qa' }] },
  { selector: 'env in (dev, prod)', matches: [{ env: 'prod' }], rejects: [{ env: 'qa' }] },
  { selector: 'env notin (dev)', matches: [{}, { env: 'prod' }], rejects: [{ env: 'dev' }] },
  { selector: 'canary', matches: [{ canary: '' }, { canary: 'yes' }], rejects: [{}] },
  { selector: '!canary', matches: [{}, { app: 'web' }], rejects: [{ canary: '' }] },
  { selector: 'app=web,env in (dev,prod),!canary', matches: [{ app: 'web', env: 'dev' }], rejects: [{ app: 'web', env: 'dev', canary: 'x' }, { app: 'web' }] },
  { selector: 'app.kubernetes.io/name=web', matches: [{ 'app.kubernetes.io/name': 'web' }], rejects: [{ name: 'web' }] },
  { selector: 'app=', matches: [{ app: '' }], rejects: [{}, { app: 'web' }] },
  // Gt and Lt compare integers; a missing or non-integer label never matches.
  { selector: 'replicas>2', matches: [{ replicas: '3' }], rejects: [{ replicas: '2' }, {}, { replicas: 'many' }] },
  { selector: 'replicas<2', matches: [{ replicas: '1' }, { replicas: '-4' }], rejects: [{ replicas: '2' }, {}] },
  { selector: 'app web', invalid: true },
  { selector: 'app=web,,tier=db', invalid: true },
  { selector: 'replicas>two', invalid: true },
  { selector: '-app=web', invalid: true },
  { selector: 'app=-web', invalid: true },
];
