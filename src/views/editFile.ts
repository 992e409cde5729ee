// The name of the file an editor opens for an object (the editor picks its YAML mode from it).
export function editFileName(kind: string, name: string): string {
  return `kdash-${kind.toLowerCase()}-${name.replace(/[^A-Za-z0-9_.-]/g, '_').slice(0, 60)}.yaml`;
}
