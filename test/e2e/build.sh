#!/usr/bin/env bash
# Builds the real Kubernetes control plane used by the end-to-end tests (kube-apiserver,
# kube-controller-manager, kube-scheduler, kubectl, and etcd at the version that Kubernetes release
# depends on) from the wrapper module in k8s/, plus kwok, into a cache outside the repository keyed by
# version. A warm cache returns in well under a second. Nothing built is committed.
# Needs: Go (the version k8s/go.mod names, or a newer toolchain) and the Go module proxy.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
K8S_VERSION="$(awk '/^require k8s.io\/kubernetes/ {print $3}' "$HERE/k8s/go.mod")"
KWOK_VERSION="v0.7.0"
CACHE="${KDASH_E2E_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kdash-e2e}"
BIN="$CACHE/$K8S_VERSION/bin"
command -v go >/dev/null || { echo "test/e2e/build.sh: Go is required to build the e2e control plane (https://go.dev/dl/)" >&2; exit 1; }
mkdir -p "$BIN"
export CGO_ENABLED=0 GOFLAGS=-mod=mod

stamp() { # version-stamp like the release build does (component-base/version)
  local v="$1" pkg=k8s.io/component-base/version minor
  minor="$(echo "${v#v}" | cut -d. -f2)"
  echo "-s -w -X $pkg.gitVersion=$v -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean -X $pkg.buildDate=1970-01-01T00:00:00Z"
}

# Each binary is built to a temporary name and renamed, so an interrupted build never leaves a
# truncated binary that a later run would take as done.
need=()
for cmd in kube-apiserver kube-controller-manager kube-scheduler kubectl; do
  [[ -x "$BIN/$cmd" ]] || need+=("$cmd")
done
if ((${#need[@]})); then
  echo "building ${need[*]} $K8S_VERSION (cold build: many minutes)" >&2
  tmp="$(mktemp -d "$BIN/.build.XXXXXX")"
  pkgs=()
  for cmd in "${need[@]}"; do pkgs+=("k8s.io/kubernetes/cmd/$cmd"); done
  (cd "$HERE/k8s" && go build -trimpath -ldflags "$(stamp "$K8S_VERSION")" -o "$tmp/" "${pkgs[@]}")
  for cmd in "${need[@]}"; do mv "$tmp/$cmd" "$BIN/$cmd"; done
  rmdir "$tmp"
fi
if [[ ! -x "$BIN/etcd" ]]; then
  # etcd's server module as pinned by the Kubernetes release (a `tool` of the wrapper module):
  # `go install go.etcd.io/etcd/server/v3@version` is refused because its go.mod has replace lines.
  etcd_version="$(cd "$HERE/k8s" && go list -m -f '{{.Version}}' go.etcd.io/etcd/server/v3)"
  echo "building etcd $etcd_version" >&2
  (cd "$HERE/k8s" && go build -trimpath -ldflags "-s -w" -o "$BIN/.etcd.tmp" go.etcd.io/etcd/server/v3)
  mv "$BIN/.etcd.tmp" "$BIN/etcd"
fi
if [[ ! -x "$BIN/kwok" ]]; then
  echo "building kwok $KWOK_VERSION" >&2
  tmp="$(mktemp -d "$BIN/.build.XXXXXX")"
  GOBIN="$tmp" go install -trimpath -ldflags "-s -w" "sigs.k8s.io/kwok/cmd/kwok@$KWOK_VERSION"
  mv "$tmp/kwok" "$BIN/kwok"
  rmdir "$tmp"
fi
"$BIN/kube-apiserver" --version | grep -qx "Kubernetes $K8S_VERSION" || { echo "test/e2e/build.sh: $BIN/kube-apiserver is not $K8S_VERSION" >&2; exit 1; }
echo "$BIN"
