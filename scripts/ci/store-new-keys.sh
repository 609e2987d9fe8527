#!/usr/bin/env bash
# Hands the API key secrets that `govctl apply --secrets-file FILE` wrote to a vault, one command per key,
# then deletes FILE. The vault is whatever COMMAND talks to: `gh secret set`, GitLab CI variables
# (govctl-gitlab-store-variable), Vault, a cloud secret manager…
#
# Usage: store-new-keys.sh FILE -- COMMAND [ARGS...]     (installed as govctl-store-new-keys)
#
# FILE is a JSON object of new secrets by address, {"apikey/staging/ci-deployer": "mk_…", …}. For each entry
# COMMAND runs with
#   GOVCTL_KEY_ADDRESS  the address, e.g. apikey/staging/ci-deployer
#   GOVCTL_KEY_NAME     a variable-safe name for it, e.g. GOVCTL_KEY_STAGING_CI_DEPLOYER
#   stdin               the secret, without a trailing newline (never in arguments or the environment,
#                       which other processes and logs can see)
# Use `sh -c '… "$GOVCTL_KEY_NAME" …'` when COMMAND's arguments need the name: it is set per key.
# Under GitHub Actions every secret is first registered with ::add-mask::, so a COMMAND that echoes it
# still cannot put it in the log.
# Exit 0 when every key was stored (FILE is overwritten, then removed) or there was none; 1 when one failed
# (FILE is kept for a re-run, the failed addresses are named, never a secret).
set -euo pipefail
export LC_ALL=C   # the name mapping below is ASCII, whatever the runner's locale

die() { echo "store-new-keys: error: $*" >&2; exit 1; }

if (($# < 3)) || [[ $2 != -- ]]; then
  die "usage: store-new-keys.sh FILE -- COMMAND [ARGS...]"
fi
file=$1
shift 2
command -v jq >/dev/null || die "jq is not installed (Debian/Ubuntu: apt-get install jq)"

if [[ ! -e $file ]]; then
  echo "store-new-keys: no new API keys"
  exit 0
fi
jq -e 'type == "object" and all(.[]; type == "string" and length > 0)
       and all(keys[]; length > 0 and (explode | all(. >= 32)))' "$file" >/dev/null 2>&1 \
  || die "$file is not a JSON object of secrets by address (as written by govctl apply --secrets-file)"
if (($(jq 'length' "$file") == 0)); then
  echo "store-new-keys: no new API keys"
  exit 0
fi

mapfile -t addresses < <(jq -r 'keys[]' "$file")

# Two addresses that map to one name would overwrite each other's secret in the vault: refuse before
# storing anything.
declare -A owner=()
names=()
for address in "${addresses[@]}"; do
  name=${address#apikey/}
  name=${name^^}
  name=GOVCTL_KEY_${name//[^A-Z0-9]/_}
  [[ -z ${owner[$name]:-} ]] || die "$address and ${owner[$name]} both map to $name; rename one of the keys"
  owner[$name]=$address
  names+=("$name")
done

if [[ ${GITHUB_ACTIONS:-} == true ]]; then
  for address in "${addresses[@]}"; do
    # The one place a secret reaches stdout: the runner swallows ::add-mask:: lines and masks the value.
    while IFS= read -r line; do
      [[ -z $line ]] || echo "::add-mask::$line"
    done < <(jq -r --arg a "$address" '.[$a]' "$file")
  done
fi

failed=()
for i in "${!addresses[@]}"; do
  address=${addresses[$i]}
  code=0
  jq -j --arg a "$address" '.[$a]' "$file" \
    | GOVCTL_KEY_ADDRESS=$address GOVCTL_KEY_NAME=${names[$i]} "$@" || code=$?
  if ((code == 0)); then
    echo "store-new-keys: stored $address as ${names[$i]}"
  else
    echo "store-new-keys: error: storing $address (${names[$i]}) failed: $1 exited $code" >&2
    failed+=("$address")
  fi
done

if ((${#failed[@]})); then
  echo "store-new-keys: ${#failed[@]} of ${#addresses[@]} keys not stored: ${failed[*]}; $file is kept, run again to retry" >&2
  exit 1
fi

# Overwritten in place before the unlink, so the secrets do not linger in the freed blocks of a runner
# that is reused (self-hosted runners are).
size=$(wc -c <"$file")
head -c "$size" /dev/zero 1<>"$file"
rm -f "$file"
echo "store-new-keys: stored ${#addresses[@]} keys; removed $file"
