#!/usr/bin/env bash
# Builds the release tarball that scripts/ci/setup-govctl.sh, the GitHub action and the GitLab recipe install.
#
# Usage: scripts/package.sh [--binary PATH] [--out DIR]
#   --binary PATH  package this already built govctl (default: build one, see scripts/install.sh)
#   --out DIR      where to write the tarball and its checksum (default: dist/ in the repository)
#
# Writes DIR/govctl-VERSION-linux-ARCH.tar.gz, holding one directory govctl-VERSION-linux-ARCH/ laid out as
# install.sh lays out a prefix (bin/, share/) plus LICENSE and README.md, and DIR/…tar.gz.sha256 in
# sha256sum's format. The tarball is reproducible: the same binary and commit give the same bytes
# (SOURCE_DATE_EPOCH, default the last commit's time, else 0, is every entry's mtime).
set -euo pipefail

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
die() { echo "package.sh: $*" >&2; exit 1; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
out=$repo/dist
install_args=()

while (($#)); do
  case $1 in
    --binary) (($# >= 2)) || die "--binary needs a file"; install_args=(--binary "$2"); shift 2 ;;
    --binary=*) install_args=(--binary "${1#*=}"); shift ;;
    --out) (($# >= 2)) || die "--out needs a directory"; out=$2; shift 2 ;;
    --out=*) out=${1#*=}; shift ;;
    -h | --help) usage; exit 0 ;;
    *) echo "package.sh: unknown option: $1" >&2; usage >&2; exit 1 ;;
  esac
done

for f in LICENSE README.md; do
  [[ -f $repo/$f ]] || die "$repo/$f is missing; a release ships it"
done

umask 022
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The version is the binary's own, so a tarball can never be named for another version than it holds;
# that means installing first, under a provisional name.
"$repo/scripts/install.sh" --prefix "$work/stage" "${install_args[@]}" >"$work/install.log" \
  || { cat "$work/install.log" >&2; die "install.sh failed"; }
version_json=$("$work/stage/bin/govctl" version --format json) || die "'govctl version --format json' failed"
version=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$version_json" | head -n 1)
[[ $version =~ ^[0-9A-Za-z][0-9A-Za-z.+-]*$ ]] || die "cannot read a version from: $version_json"

name=govctl-$version-linux-$(uname -m)
mv "$work/stage" "$work/$name"
install -m 0644 "$repo/LICENSE" "$repo/README.md" "$work/$name/"

if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
  SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct 2>/dev/null) || SOURCE_DATE_EPOCH=0
  [[ -n $SOURCE_DATE_EPOCH ]] || SOURCE_DATE_EPOCH=0
fi
[[ $SOURCE_DATE_EPOCH =~ ^[0-9]+$ ]] || die "SOURCE_DATE_EPOCH must be seconds since 1970, not: $SOURCE_DATE_EPOCH"

mkdir -p "$out"
tarball=$out/$name.tar.gz
# gnu format keeps no atime/ctime (pax would), and gzip -n drops the name and time from gzip's header:
# together with the fixed order, owners and mtime, the bytes depend only on the files' contents and modes.
tar --format=gnu --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
  -C "$work" -cf - "$name" | gzip -n >"$work/$name.tar.gz"
mv "$work/$name.tar.gz" "$tarball"
(cd "$out" && sha256sum "$name.tar.gz" >"$name.tar.gz.sha256")

size=$(stat -c %s "$tarball")
echo "$tarball"
echo "$tarball.sha256"
echo "size: $(numfmt --to=iec-i --suffix=B "$size" 2>/dev/null || echo "$size bytes") ($size bytes)"
