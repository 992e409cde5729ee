// Parity cases for WatchList (a watch with sendInitialEvents=true, resourceVersionMatch=NotOlderThan
// and bookmarks, served by kube-apiserver 1.34+): the current state as ADDED events, then one BOOKMARK
// annotated k8s.io/initial-events-end, and the server's 422s for option combinations it refuses, on a
// watch and on a list. Part of parityCases (apiParityCases.ts); kdash's watcher streams its first
// screen this way (src/watchers/watchList.ts).
import type { ParityCase } from './apiParityCases.js';

const INVALID = 'ListOptions.meta.k8s.io "" is invalid: ';
const NEEDS_NOT_OLDER_THAN = 'Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan';

export function watchListParityCases(ns: string): ParityCase[] {
  const cms = `/api/v1/namespaces/${ns}/configmaps`;
  const watchList = 'watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1';
  const refused = (path: string, causes: Array<[string, string, string]>) => ({
    http: { method: 'GET', path },
    expect: {
      status: 422,
      reason: 'Invalid',
      message: INVALID + (causes.length === 1 ? `${causes[0][0]}: ${causes[0][2]}` : `[${causes.map((c) => `${c[0]}: ${c[2]}`).join(', ')}]`),
      causes,
      details: { group: 'meta.k8s.io', kind: 'ListOptions', causes: causes.map(([field, reason, message]) => ({ reason, message, field })) },
    },
  });
  return [
    {
      name: 'a WatchList sends the current objects as ADDED, then the initial-events-end bookmark',
      steps: [
        { http: { method: 'POST', path: cms, body: { metadata: { name: 'wl-a' }, data: { k: 'v' } } }, expect: { status: 201 } },
        {
          http: { method: 'GET', path: `${cms}?${watchList}` },
          expect: {
            status: 200,
            // Every current object (wl-a among them) as one ADDED line, then the bookmark, and nothing more.
            text: new RegExp(
              `^(?=(?:[^\\n]*\\n)*\\{"type":"ADDED","object":\\{[^\\n]*"name":"wl-a","namespace":"${ns}")` +
                '(\\{"type":"ADDED","object":\\{[^\\n]*"kind":"ConfigMap"[^\\n]*\\}\\}\\n)+' +
                '\\{"type":"BOOKMARK","object":\\{"kind":"ConfigMap","apiVersion":"v1","metadata":\\{"resourceVersion":"\\d+","annotations":\\{"k8s.io/initial-events-end":"true"\\}\\}\\}\\}\\n$',
            ),
          },
        },
      ],
    },
    {
      name: 'a WatchList without bookmarks sends the ADDED events and no bookmark',
      steps: [{ http: { method: 'GET', path: `${cms}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1` }, expect: { status: 200, text: /^(\{"type":"ADDED"[^\n]*\n)+$/ } }],
    },
    {
      name: 'a watch with sendInitialEvents=false and no resourceVersion starts now, with no events',
      steps: [{ http: { method: 'GET', path: `${cms}?watch=1&sendInitialEvents=false&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true&timeoutSeconds=1` }, expect: { status: 200, text: /^$/ } }],
    },
    {
      name: 'a WatchList at a resourceVersion the server never issued ends with a 504 ERROR event',
      steps: [
        {
          http: { method: 'GET', path: `${cms}?${watchList.replace('timeoutSeconds=1', 'timeoutSeconds=5')}&resourceVersion=999999999` },
          expect: {
            status: 200,
            text: /^\{"type":"ERROR","object":\{"kind":"Status","apiVersion":"v1","metadata":\{\},"status":"Failure","message":"Timeout: Too large resource version: 999999999, current: \d+","reason":"Timeout","details":\{"causes":\[\{"reason":"ResourceVersionTooLarge","message":"Too large resource version"\}\],"retryAfterSeconds":1\},"code":504\}\}\n$/,
          },
        },
      ],
    },
    {
      name: 'sendInitialEvents without resourceVersionMatch=NotOlderThan is refused',
      steps: [refused(`${cms}?watch=1&sendInitialEvents=true&allowWatchBookmarks=true`, [['resourceVersionMatch', 'FieldValueForbidden', NEEDS_NOT_OLDER_THAN]])],
    },
    {
      name: 'resourceVersionMatch=Exact on a WatchList is refused twice over',
      steps: [
        refused(`${cms}?watch=1&sendInitialEvents=true&resourceVersionMatch=Exact`, [
          ['resourceVersionMatch', 'FieldValueForbidden', NEEDS_NOT_OLDER_THAN],
          ['resourceVersionMatch', 'FieldValueNotSupported', 'Unsupported value: "Exact": supported values: "NotOlderThan"'],
        ]),
      ],
    },
    {
      name: 'resourceVersionMatch on a plain watch is refused',
      steps: [refused(`${cms}?watch=1&resourceVersionMatch=NotOlderThan`, [['resourceVersionMatch', 'FieldValueForbidden', 'Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided']])],
    },
    {
      name: 'resourceVersionMatch with continue is refused on a watch and on a list',
      steps: [
        refused(`${cms}?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&continue=abc`, [['resourceVersionMatch', 'FieldValueForbidden', 'Forbidden: resourceVersionMatch is forbidden when continue is provided']]),
        refused(`${cms}?resourceVersionMatch=NotOlderThan&resourceVersion=1&continue=abc`, [['resourceVersionMatch', 'FieldValueForbidden', 'Forbidden: resourceVersionMatch is forbidden when continue is provided']]),
      ],
    },
    {
      name: 'a list refuses sendInitialEvents and a resourceVersionMatch it cannot honour',
      steps: [
        refused(`${cms}?sendInitialEvents=false&limit=1`, [['sendInitialEvents', 'FieldValueForbidden', 'Forbidden: sendInitialEvents is forbidden for list']]),
        refused(`${cms}?resourceVersionMatch=NotOlderThan`, [['resourceVersionMatch', 'FieldValueForbidden', 'Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided']]),
        refused(`${cms}?resourceVersionMatch=Exact&resourceVersion=0`, [['resourceVersionMatch', 'FieldValueForbidden', 'Forbidden: resourceVersionMatch "exact" is forbidden for resourceVersion "0"']]),
        refused(`${cms}?resourceVersionMatch=Bogus&resourceVersion=1`, [['resourceVersionMatch', 'FieldValueNotSupported', 'Unsupported value: "Bogus": supported values: "Exact", "NotOlderThan", ""']]),
      ],
    },
  ];
}
