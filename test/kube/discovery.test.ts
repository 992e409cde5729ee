// Discovery as kubectl reads it: the aggregated form (two requests for the whole cluster) and the
// legacy documents the embedded cluster serves; subresources folded into their parent.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type Sim } from '@kdash/sim';
import { discoverResources, fromAggregated, fromResourceList } from '../../src/kube/discovery.js';

describe('discovery documents', () => {
  it('reads apidiscovery.k8s.io/v2: the preferred version first, scope, short names, categories, subresources', () => {
    const doc = {
      kind: 'APIGroupDiscoveryList',
      items: [
        {
          metadata: { name: 'example.com' },
          versions: [
            {
              version: 'v1',
              resources: [
                {
                  resource: 'widgets',
                  responseKind: { group: 'example.com', version: 'v1', kind: 'Widget' },
                  scope: 'Namespaced',
                  singularResource: 'widget',
                  verbs: ['get', 'list', 'watch', 'delete'],
                  shortNames: ['wd'],
                  categories: ['all'],
                  subresources: [{ subresource: 'scale', verbs: ['get'] }],
                },
              ],
            },
          ],
        },
      ],
    };
    expect(fromAggregated(doc)).toEqual([
      {
        group: 'example.com',
        version: 'v1',
        plural: 'widgets',
        singular: 'widget',
        kind: 'Widget',
        namespaced: true,
        shortNames: ['wd'],
        categories: ['all'],
        verbs: ['get', 'list', 'watch', 'delete'],
        subresources: ['scale'],
      },
    ]);
  });

  it('folds a legacy list’s pods/log and pods/status into pods', () => {
    const list = {
      resources: [
        { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['list'], shortNames: ['po'] },
        { name: 'pods/log', namespaced: true, kind: 'Pod', verbs: ['get'] },
        { name: 'pods/status', namespaced: true, kind: 'Pod', verbs: ['get'] },
      ],
    };
    const [pods, ...rest] = fromResourceList('', 'v1', list);
    expect(rest).toEqual([]);
    expect(pods).toMatchObject({ plural: 'pods', singular: 'pod', shortNames: ['po'], subresources: ['log', 'status'] });
  });
});

describe('discovery from the embedded cluster', () => {
  let sim: Sim;
  beforeAll(async () => {
    sim = await startSim({ scenario: 'empty', port: 0 });
  });
  afterAll(() => sim?.stop());

  it('lists every served resource once, in its group’s preferred version', async () => {
    const all = await discoverResources(sim.kubeConfig('admin'));
    const names = all.map((r) => (r.group ? `${r.plural}.${r.group}` : r.plural));
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(expect.arrayContaining(['pods', 'secrets', 'serviceaccounts', 'deployments.apps', 'endpointslices.discovery.k8s.io']));
    expect(all.find((r) => r.plural === 'deployments')).toMatchObject({ group: 'apps', version: 'v1', namespaced: true, shortNames: ['deploy'] });
    expect(all.find((r) => r.plural === 'deployments')?.subresources.sort()).toEqual(['scale', 'status']);
  });
});
