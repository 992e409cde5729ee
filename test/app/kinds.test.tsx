// Kinds without a hand-made descriptor, as a user meets them in the dashboard: `:sa`, `:endpoints`
// from the server's discovery with the server's own columns, describe of one, Tab completion of names
// only discovery knows, one line for a name the server does not serve, `:aliases`, `:can-i`, and a
// list this account may not make saying so at once.
import { afterEach, describe, expect, it } from 'vitest';
import { objectClient } from '../../src/kube/objects.js';
import { setUserAliases } from '../../src/resources/registry.js';
import { startRig, type Rig } from '../support/rig.js';
import { widget, WIDGETS_CRD } from '../support/widgets.js';

let rig: Rig | undefined;
afterEach(async () => {
  setUserAliases(new Map());
  await rig?.stop();
  rig = undefined;
});

async function line(r: Rig, text: string) {
  await r.press(':');
  await r.type(text);
  await r.press('enter');
}

describe('any kind the server serves', () => {
  it(':sa shows the server’s columns, and d describes the service account', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await line(rig, 'sa');
    await rig.waitFor('serviceaccounts(vgauthier)[1]');
    await rig.waitForRow(/^\s*NAME\s+AGE/);
    await rig.waitForRow(/^>?\s*default\s+\d+[smhd]/);
    await rig.press('d');
    await rig.waitForRow(/^Name:\s+default$/);
    await rig.waitForRow(/^Namespace:\s+vgauthier$/);
  });

  it(':endpoints by its plural and ep by its short name, with kubectl’s ENDPOINTS column', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await line(rig, 'ep');
    await rig.waitForRow(/^\s*NAME\s+ENDPOINTS\s+AGE/);
    await rig.waitForRow(/^>?\s*redis\s+10\.\d+\.\d+\.\d+:6379\s/);
  });

  it('Tab completes a name only discovery knows; an unknown name is one line', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await rig.press(':');
    await rig.type('endpointsl');
    await rig.press('tab');
    await rig.waitFor(':endpointslice█');
    await rig.press('enter');
    await rig.waitFor('endpointslices.discovery.k8s.io(vgauthier)');
    await rig.waitForRow(/^\s*NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE/);
    await line(rig, 'gadgets');
    await rig.waitFor('no such resource type: gadgets');
  });

  it('a user alias opens its kind; :aliases lists every name with the user’s own', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    setUserAliases(new Map([['acct', 'serviceaccounts']]));
    await line(rig, 'acct');
    await rig.waitFor('serviceaccounts(vgauthier)');
    await rig.waitForRow(/^>?\s*default\s+\d+[smhd]/);
    await line(rig, 'aliases');
    await rig.waitForRow(/^configmaps\s+v1\s+cm, configmap, configmaps$/);
    await rig.press('G');
    await rig.waitForRow(/^serviceaccounts\s+v1\s+sa, serviceaccount, serviceaccounts$/);
    await rig.waitForRow(/^\s+acct: serviceaccounts$/);
  });

  it(':can-i shows what the student may do in the namespace, as kubectl auth can-i --list', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await line(rig, 'can-i');
    await rig.waitForRow(/^what vgauthier may do in namespace vgauthier/);
    await rig.waitForRow(/^RESOURCE\s+VERBS(\s+NAMES)?$/);
    await rig.waitForRow(/^deployments\.apps\s+create delete deletecollection get list patch update watch\s*$/);
    await rig.waitForRow(/^endpointslices\.discovery\.k8s\.io\s+get list watch\s*$/);
    expect(rig.frame()).not.toMatch(/^nodes\s/m);
  });

  it(':all shows the kinds of kubectl’s “all” one table after another, rows named kind/name', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    await line(rig, 'all');
    await rig.waitForRow(/^pod\/webnodb-\S+\s+1\/1\s+Running/);
    await rig.waitForRow(/^service\/webnodb\s+ClusterIP/);
    await rig.waitForRow(/^deployment\.apps\/webnodb\s+3\/3\s+3\s+3/);
    await rig.waitForRow(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE$/);
  });

  it(':crd lists a CRD installed after start; Enter opens its objects with its printer columns, live', async () => {
    rig = await startRig({ user: 'admin', namespace: 'vgauthier' });
    await rig.waitForRow(/webnodb-/);
    const objects = objectClient(rig.sim.kubeConfig('admin'));
    const crds = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', namespaced: false };
    const widgets = { group: 'example.com', version: 'v1', plural: 'widgets', namespaced: true };
    await objects.create(crds, '', WIDGETS_CRD);
    await objects.create(widgets, 'vgauthier', widget('w-red', 'vgauthier', { color: 'red', size: 3 }));
    await line(rig, 'crd');
    await rig.waitForRow(/^>?\s*widgets\.example\.com\s/);
    await rig.select(/widgets\.example\.com/);
    await rig.press('enter');
    await rig.waitFor('widgets.example.com(vgauthier)');
    await rig.waitForRow(/^\s*NAME\s+COLOR\s+SIZE\s+AGE$/);
    await rig.waitForRow(/^>?\s*w-red\s+red\s+3\s+\d+s$/);
    await objects.create(widgets, 'vgauthier', widget('w-blue', 'vgauthier', { color: 'blue' }));
    await rig.waitForRow(/^>?\s*w-blue\s+blue\s+\d+s$/);
    await rig.press('o');
    await rig.waitForRow(/^\s*NAME\s+COLOR\s+SIZE\s+SHAPE\s+AGE$/);
  });

  it('a list the student may not make says why at once, never a spinner', async () => {
    rig = await startRig();
    await rig.waitForRow(/webnodb-/);
    // (:ns lists the namespaces the student can use instead: nodes are the list a student may not make.)
    await line(rig, 'nodes');
    await rig.waitFor('nodes are not available to this account — you cannot list nodes (cluster-scoped) with this account');
    expect(rig.frame()).not.toMatch(/loading nodes/);
  });
});
