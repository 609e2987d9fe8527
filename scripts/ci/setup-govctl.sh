#!/usr/bin/env bash
# Installs a govctl release tarball (made by scripts/package.sh) on a CI runner: the body of the GitHub
# action in action.yml, and usable on any Linux machine with bash, curl, tar and sha256sum.
#
# Usage: setup-govctl.sh            download (unless cached), verify, extract, put bin/ on the path
#        setup-govctl.sh --resolve  only print where it would install (dir=…, key=…), also to $GITHUB_OUTPUT
#
# Inputs (environment):
#   GOVCTL_VERSION       the release to install, e.g. 0.1.0
#   GOVCTL_TARBALL_URL   install this tarball instead of the release's (any URL curl reads, file:// too)
#   GOVCTL_RELEASES_URL  where releases live (default https://github.com/$GITHUB_ACTION_REPOSITORY/releases/download,
#                        with govctl/govctl when that is unset); the tarball is
#                        $GOVCTL_RELEASES_URL/v$GOVCTL_VERSION/govctl-$GOVCTL_VERSION-linux-$(uname -m).tar.gz
#   GOVCTL_SHA256        the expected SHA-256 of the tarball (default: read from the URL + .sha256)
#   GOVCTL_INSTALL_DIR   where to install (default ${RUNNER_TOOL_CACHE:-$HOME/.cache}/govctl/KEY, KEY being
#                        the version, or for a GOVCTL_TARBALL_URL the first 16 hex digits of its SHA-256,
#                        then -PIN when GOVCTL_SHA256 is given)
# A cached install is used only when the tarball it came from still has the expected checksum (the pin, or
# the .sha256 read again), so neither a new pin nor a tarball replaced behind its URL reuses the old binary.
# Outputs: DIR/bin appended to $GITHUB_PATH, path=DIR and version=… to $GITHUB_OUTPUT, when those are set.
set -euo pipefail

die() { echo "setup-govctl: error: $*" >&2; exit 1; }

mode=install
case ${1:-} in
  "") ;;
  --resolve) mode=resolve ;;
  -h | --help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) die "unknown argument: $1 (usage: setup-govctl.sh [--resolve])" ;;
esac

version=${GOVCTL_VERSION:-}
url=${GOVCTL_TARBALL_URL:-}
pin=$(tr '[:upper:]' '[:lower:]' <<<"${GOVCTL_SHA256:-}")
[[ -z $pin || $pin =~ ^[0-9a-f]{64}$ ]] || die "GOVCTL_SHA256 is not a SHA-256 (64 hex digits): '${GOVCTL_SHA256}'"
if [[ -n $url ]]; then
  # A URL says nothing about what it holds, so its cache entry is named for the URL itself.
  key=$(printf '%s' "$url" | sha256sum | cut -c1-16)
else
  [[ -n $version ]] || die "set GOVCTL_VERSION (or GOVCTL_TARBALL_URL)"
  [[ $version =~ ^[0-9A-Za-z][0-9A-Za-z.+-]*$ ]] || die "not a version: $version"
  base=${GOVCTL_RELEASES_URL:-https://github.com/${GITHUB_ACTION_REPOSITORY:-govctl/govctl}/releases/download}
  url=${base%/}/v$version/govctl-$version-linux-$(uname -m).tar.gz
  key=$version
fi
# A pinned checksum is part of the key: another pin is another cache entry, never the old one's binary.
[[ -z $pin ]] || key=$key-${pin:0:16}
dir=${GOVCTL_INSTALL_DIR:-${RUNNER_TOOL_CACHE:-${HOME:?}/.cache}/govctl/$key}

if [[ $mode == resolve ]]; then
  printf 'dir=%s\nkey=%s\n' "$dir" "$key"
  [[ -z ${GITHUB_OUTPUT:-} ]] || printf 'dir=%s\nkey=%s\n' "$dir" "$key" >>"$GITHUB_OUTPUT"
  exit 0
fi

# Prints the version a govctl binary reports; checks it is the one asked for (a tarball URL may hold any).
version_of() {
  local json v
  json=$("$1" version --format json) || die "'$1 version --format json' failed"
  v=$(sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' <<<"$json" | head -n 1)
  [[ -n $v ]] || die "cannot read a version from: $json"
  if [[ -n $version && -z ${GOVCTL_TARBALL_URL:-} && $v != "$version" ]]; then
    die "asked for govctl $version but $1 is $v"
  fi
  echo "$v"
}

# The checksum the tarball must have: the pin, else the release's .sha256 file (small, so it is read even when
# the install is cached: a tarball replaced behind the same URL is not taken for the cached one).
expected_checksum() {
  if [[ -n $pin ]]; then echo "$pin"; return; fi
  local text sum
  text=$(curl -fsSL --retry 3 "$url.sha256") || return 1
  read -r sum _ <<<"$text"
  sum=$(tr '[:upper:]' '[:lower:]' <<<"$sum")
  [[ $sum =~ ^[0-9a-f]{64}$ ]] || die "$url.sha256 does not hold a SHA-256: '$sum'"
  echo "$sum"
}

# Installed earlier with the tarball of this checksum (recorded at install), and it runs.
cached=false
if "$dir/bin/govctl" version >/dev/null 2>&1 && [[ -f $dir/.tarball.sha256 ]]; then
  recorded=$(<"$dir/.tarball.sha256")
  if want=$(expected_checksum); then
    [[ $want == "$recorded" ]] && cached=true
  else
    # The release server is unreachable: the cached install was checked when it was made.
    echo "setup-govctl: warning: cannot read $url.sha256; using the install checked at $recorded" >&2
    cached=true
  fi
fi

if $cached; then
  echo "setup-govctl: found a working govctl in $dir (cached)"
  installed=$(version_of "$dir/bin/govctl")
else
  for tool in curl tar sha256sum; do
    command -v "$tool" >/dev/null || die "$tool is not installed"
  done
  parent=$(dirname "$dir")
  mkdir -p "$parent"
  # Staged next to the destination so the final move is a rename: an interrupted or failed install never
  # leaves a half-extracted directory that a later run (or the cache) would take for a good one.
  stage=$(mktemp -d "$parent/.setup-govctl.XXXXXX")
  trap 'rm -rf "$stage"' EXIT

  echo "setup-govctl: downloading $url"
  curl -fsSL --retry 3 -o "$stage/govctl.tar.gz" "$url" || die "could not download $url"
  expected=$(expected_checksum) || die "could not download $url.sha256 (or set GOVCTL_SHA256 to the expected checksum)"
  read -r actual _ < <(sha256sum "$stage/govctl.tar.gz")
  [[ $actual == "$expected" ]] || die "checksum mismatch for $url: expected $expected, got $actual; nothing was installed"

  mkdir "$stage/x"
  tar -xzf "$stage/govctl.tar.gz" -C "$stage/x" --no-same-owner
  # The tarball holds one top directory, govctl-VERSION-linux-ARCH/, whatever it was renamed to.
  shopt -s nullglob
  tops=("$stage"/x/*/)
  shopt -u nullglob
  if ((${#tops[@]} != 1)) || [[ ! -f ${tops[0]}bin/govctl ]]; then
    die "$url does not hold one directory with bin/govctl"
  fi
  "${tops[0]}bin/govctl" version >/dev/null || die "the downloaded govctl does not run on this machine"
  installed=$(version_of "${tops[0]}bin/govctl")
  echo "$actual" >"${tops[0]}.tarball.sha256"
  rm -rf "$dir"
  mv "${tops[0]%/}" "$dir"
fi

[[ -z ${GITHUB_PATH:-} ]] || echo "$dir/bin" >>"$GITHUB_PATH"
[[ -z ${GITHUB_OUTPUT:-} ]] || printf 'path=%s\nversion=%s\n' "$dir" "$installed" >>"$GITHUB_OUTPUT"
echo "govctl $installed installed in $dir"
