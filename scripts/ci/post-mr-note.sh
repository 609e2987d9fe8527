#!/usr/bin/env bash
# Posts FILE (govctl's Markdown plan) as ONE sticky note on the GitLab merge request of this pipeline: the
# first run creates the note, every later push updates the same note, so reviewers see one current plan.
#
# Usage: post-mr-note.sh FILE        (installed as govctl-post-mr-note)
#
# Needs CI_API_V4_URL, CI_PROJECT_ID and CI_MERGE_REQUEST_IID (GitLab sets them in merge request pipelines)
# and GITLAB_TOKEN: a project access token with the api scope (role Reporter or above). CI_JOB_TOKEN cannot
# do this: GitLab lets the job token call only a short list of endpoints (packages, releases, job artifacts,
# deployments, …) and the notes API is not among them, so a note posted with it is refused.
# The note is found again by its first line, the marker <!-- govctl-plan -->. The token is sent in a header
# read from a private file, so it is neither printed nor in curl's command line.
set -euo pipefail

marker='<!-- govctl-plan -->'
max_chars=1000000   # GitLab refuses a note body longer than this many characters
max_pages=5         # 500 newest notes; a sticky note older than that is replaced by a new one

die() { echo "post-mr-note: error: $*" >&2; exit 1; }

(($# == 1)) || die "usage: post-mr-note.sh FILE"
file=$1
[[ -f $file ]] || die "no such file: $file"
for tool in curl jq; do
  command -v "$tool" >/dev/null || die "$tool is not installed (Debian/Ubuntu: apt-get install $tool)"
done
missing=()
for var in CI_API_V4_URL CI_PROJECT_ID CI_MERGE_REQUEST_IID GITLAB_TOKEN; do
  [[ -n ${!var:-} ]] || missing+=("$var")
done
((${#missing[@]} == 0)) || die "${missing[*]} not set (this runs in a merge request pipeline, with GITLAB_TOKEN a project access token with api scope)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(umask 077 && printf 'PRIVATE-TOKEN: %s\n' "$GITLAB_TOKEN" >"$tmp/auth")

{ printf '%s\n' "$marker"; cat "$file"; } >"$tmp/body.md"
chars=$(jq -Rs 'length' <"$tmp/body.md")
((chars <= max_chars)) || die "$file makes a note of $chars characters; GitLab's limit is $max_chars. Make the plan shorter (govctl plan --max-bytes) and link the full plan instead."
jq -Rs '{body: .}' <"$tmp/body.md" >"$tmp/body.json"

notes=${CI_API_V4_URL%/}/projects/$CI_PROJECT_ID/merge_requests/$CI_MERGE_REQUEST_IID/notes

# Sends one request; the answer goes to $tmp/answer, the HTTP status to stdout. Only reads are retried:
# a POST retried after a lost answer could post the note twice.
call() {  # $1: method, $2: url, rest: extra curl arguments
  local method=$1 url=$2
  shift 2
  curl -sS -o "$tmp/answer" -w '%{http_code}' -X "$method" -H @"$tmp/auth" "$@" "$url" \
    || die "$method $url: request failed"
}
fail() {  # $1: what, $2: status
  local message
  message=$(jq -r '.message // .error // empty | tostring' "$tmp/answer" 2>/dev/null || true)
  die "$1: HTTP $2${message:+: $message}"
}

note_id=
for ((page = 1; page <= max_pages; page++)); do
  status=$(call GET "$notes?per_page=100&sort=desc&order_by=created_at&page=$page" --retry 3)
  [[ $status == 200 ]] || fail "listing the merge request's notes" "$status"
  note_id=$(jq -r --arg m "$marker" 'first(.[] | select(.system != true and (.body // "" | startswith($m))) | .id) // empty' "$tmp/answer")
  [[ -z $note_id ]] || break
  (($(jq 'length' "$tmp/answer") == 100)) || break
done

if [[ -n $note_id ]]; then
  status=$(call PUT "$notes/$note_id" -H 'Content-Type: application/json' --data-binary @"$tmp/body.json")
  [[ $status == 200 ]] || fail "updating note $note_id" "$status"
  echo "post-mr-note: updated note $note_id on merge request !$CI_MERGE_REQUEST_IID"
else
  status=$(call POST "$notes" -H 'Content-Type: application/json' --data-binary @"$tmp/body.json")
  [[ $status == 201 || $status == 200 ]] || fail "posting the note" "$status"
  echo "post-mr-note: posted note $(jq -r '.id' "$tmp/answer") on merge request !$CI_MERGE_REQUEST_IID"
fi
