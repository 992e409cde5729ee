// A CRD with printer columns (one wide) for the tests of kinds drawn from the server's Table, on the
// embedded cluster and on kube-apiserver alike, and kubectl's tables compared with their ages blanked.
export const WIDGETS_CRD = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: {
            type: 'object',
            properties: { spec: { type: 'object', properties: { color: { type: 'string' }, size: { type: 'integer' }, shape: { type: 'string' } } } },
          },
        },
        additionalPrinterColumns: [
          { name: 'Color', type: 'string', jsonPath: '.spec.color' },
          { name: 'Size', type: 'integer', jsonPath: '.spec.size' },
          { name: 'Shape', type: 'string', jsonPath: '.spec.shape', priority: 1 },
          { name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' },
        ],
      },
    ],
  },
};

export const widget = (name: string, namespace: string, spec: object) => ({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name, namespace }, spec });

/** A table with its AGE-like cells blanked (they may tick between two commands); everything else must match. */
export const ageless = (table: string) =>
  table
    .trimEnd()
    .split('\n')
    .map((l) => l.replace(/(?<=\s)\d+[smhdy](\d+[smhdy])?(?=\s|$)/g, '<age>').trimEnd())
    .join('\n');
