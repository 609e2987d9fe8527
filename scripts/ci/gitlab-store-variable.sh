#!/usr/bin/env bash
# Stores the value on stdin as a masked, protected CI/CD variable of this GitLab project: updates the
# variable when it exists, creates it otherwise. The vault step of the GitLab recipe:
#   govctl-store-new-keys .govctl/new-keys.json -- govctl-gitlab-store-variable
#
# Usage: gitlab-store-variable.sh [NAME] < VALUE      (installed as govctl-gitlab-store-variable)
#   NAME defaults to $GOVCTL_KEY_NAME, which govctl-store-new-keys sets for each key.
#
# Needs CI_API_V4_URL and CI_PROJECT_ID (set by GitLab) and GITLAB_TOKEN: a project access token with the api
# scope and the Maintainer role (writing CI/CD variables needs it; CI_JOB_TOKEN cannot). Keep that token a
# protected variable, so only pipelines of protected branches (the apply job) ever see it.
# The value is read from stdin only and sent in a request body from a private file: it is never printed,
# never in an argument list, and an error message from GitLab is shown with it blanked out.
set -euo pipefail

die() { echo "gitlab-store-variable: error: $*" >&2; exit 1; }

(($# <= 1)) || die "usage: gitlab-store-variable.sh [NAME] < VALUE"
name=${1:-${GOVCTL_KEY_NAME:-}}
[[ -n $name ]] || die "no variable name: pass NAME or set GOVCTL_KEY_NAME"
[[ $name =~ ^[A-Za-z0-9_]{1,255}$ ]] || die "GitLab variable names are letters, digits and _ (at most 255): $name"
for tool in curl jq; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian/Ubuntu: apt-get install $tool)"
done
missing=()
for var in CI_API_V4_URL CI_PROJECT_ID GITLAB_TOKEN; do
  [[ -n ${!var:-} ]] || missing+=("$var")
done
((${#missing[@]} == 0)) || die "${missing[*]} not set"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
umask 077
printf 'PRIVATE-TOKEN: %s\n' "$GITLAB_TOKEN" >"$tmp/auth"
cat >"$tmp/value"
[[ -s $tmp/value ]] || die "no value on stdin for $name"

jq -Rs '{value: ., masked: true, protected: true, variable_type: "env_var"}' <"$tmp/value" >"$tmp/put.json"
jq --arg key "$name" '{key: $key} + .' "$tmp/put.json" >"$tmp/post.json"

variables=${CI_API_V4_URL%/}/projects/$CI_PROJECT_ID/variables

call() {  # $1: method, $2: url, $3: body file; prints the HTTP status
  curl -sS -o "$tmp/answer" -w '%{http_code}' -X "$1" -H @"$tmp/auth" -H 'Content-Type: application/json' \
    --data-binary @"$3" "$2" || die "$1 $2: request failed"
}
fail() {  # $1: what, $2: status
  local message
  message=$(jq -r --rawfile v "$tmp/value" '(.message // .error // "") | tostring | split($v) | join("(value)")' \
    "$tmp/answer" 2>/dev/null || true)
  die "$1: HTTP $2${message:+: $message}"
}

status=$(call PUT "$variables/$name" "$tmp/put.json")
case $status in
  200) echo "gitlab-store-variable: updated $name" ;;
  404)
    status=$(call POST "$variables" "$tmp/post.json")
    [[ $status == 201 ]] || fail "creating $name" "$status"
    echo "gitlab-store-variable: created $name"
    ;;
  *) fail "updating $name" "$status" ;;
esac
