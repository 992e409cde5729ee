// The "Volumes:" section of kubectl describe (describe.go describeVolumes and the print*VolumeSource
// functions), for the volume types pods actually use; others show their type name.
import { DescribeWriter, clean } from './describeWriter.js';

// Go's %v of a *bool: "<nil>", "true", "false".
const ptrBool = (v: unknown) => (v === undefined || v === null ? '<nil>' : v ? 'true' : 'false');
const bool = (v: unknown) => (v ? 'true' : 'false');

function source(w: DescribeWriter, l: number, v: any): void {
  if (v.emptyDir) {
    const size = v.emptyDir.sizeLimit && v.emptyDir.sizeLimit !== '0' ? v.emptyDir.sizeLimit : '<unset>';
    w.kv(l, 'Type', "EmptyDir (a temporary directory that shares a pod's lifetime)");
    w.kv(l, 'Medium', v.emptyDir.medium ?? '');
    w.kv(l, 'SizeLimit', size);
  } else if (v.configMap) {
    w.kv(l, 'Type', 'ConfigMap (a volume populated by a ConfigMap)');
    w.kv(l, 'Name', v.configMap.name ?? '');
    w.kv(l, 'Optional', bool(v.configMap.optional));
  } else if (v.secret) {
    w.kv(l, 'Type', 'Secret (a volume populated by a Secret)');
    w.kv(l, 'SecretName', v.secret.secretName ?? '');
    w.kv(l, 'Optional', bool(v.secret.optional));
  } else if (v.persistentVolumeClaim) {
    w.kv(l, 'Type', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
    w.kv(l, 'ClaimName', v.persistentVolumeClaim.claimName ?? '');
    w.kv(l, 'ReadOnly', bool(v.persistentVolumeClaim.readOnly));
  } else if (v.hostPath) {
    w.kv(l, 'Type', 'HostPath (bare host directory volume)');
    w.kv(l, 'Path', v.hostPath.path ?? '');
    w.kv(l, 'HostPathType', v.hostPath.type ?? '');
  } else if (v.projected) {
    w.kv(l, 'Type', 'Projected (a volume that contains injected data from multiple sources)');
    for (const s of v.projected.sources ?? []) {
      if (s.secret) {
        w.kv(l, 'SecretName', s.secret.name ?? '');
        w.kv(l, 'SecretOptionalName', ptrBool(s.secret.optional));
      } else if (s.downwardAPI) w.kv(l, 'DownwardAPI', 'true');
      else if (s.configMap) {
        w.kv(l, 'ConfigMapName', s.configMap.name ?? '');
        w.kv(l, 'ConfigMapOptional', ptrBool(s.configMap.optional));
      } else if (s.serviceAccountToken) w.kv(l, 'TokenExpirationSeconds', s.serviceAccountToken.expirationSeconds ?? 3600);
    }
  } else if (v.downwardAPI) {
    w.kv(l, 'Type', 'DownwardAPI (a volume populated by information about the pod)');
    w.line(l, 'Items:');
    for (const i of v.downwardAPI.items ?? []) {
      const from = i.fieldRef?.fieldPath ?? i.resourceFieldRef?.resource ?? '';
      w.line(l + 1, `${clean(from)} -> ${clean(i.path ?? '')}`);
    }
  } else {
    const type = Object.keys(v).find((k) => k !== 'name');
    w.kv(l, 'Type', type ?? '<unknown>');
  }
}

/**
 * describe.go describeVolumes: the title at `level` (0 for a pod, 1 in a pod template, where names
 * get kubectl's extra space: "   config:"), each volume's details always at the second level.
 */
export function writeVolumes(w: DescribeWriter, level: number, volumes: any[] | undefined): void {
  if (!volumes || volumes.length === 0) {
    w.line(level, 'Volumes:\t<none>');
    return;
  }
  w.line(level, 'Volumes:');
  for (const v of volumes) {
    w.line(1, `${level > 0 ? ' ' : ''}${clean(v.name)}:`);
    source(w, 2, v);
  }
}
