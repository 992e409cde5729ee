// The version the embedded cluster reports on /version and in its OpenAPI documents. It answers like
// kube-apiserver v1.36 (WatchList, aggregated discovery v2 only, the 1.36 validation messages), so it
// says 1.36: kubectl warns when the server is more than one minor version away from it. The build
// metadata (+kdash-sim, as k3s writes +k3s1) tells a reader it is the embedded cluster, not a release.
export const SERVER_VERSION = {
  major: '1',
  minor: '36',
  // kube-apiserver 1.31+ also reports its emulation and minimum compatibility versions.
  emulationMajor: '1',
  emulationMinor: '36',
  minCompatibilityMajor: '1',
  minCompatibilityMinor: '35',
  gitVersion: 'v1.36.3+kdash-sim',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.26.8',
  compiler: 'gc',
  platform: 'linux/amd64',
};
