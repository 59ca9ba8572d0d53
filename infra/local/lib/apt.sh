# shellcheck shell=bash
# apt-get that waits for the package locks instead of failing (sourced by infra/local/lib/common.sh
# and infra/docker/check-compose.sh; never executed on its own).
#
# On a fresh machine another program (unattended-upgrades, cloud-init, a second terminal) often
# holds the dpkg lock for a while: plain apt-get fails at once with "Could not get lock
# /var/lib/dpkg/lock-frontend". DPkg::Lock::Timeout makes apt-get wait for the dpkg locks; apt
# 2.6 (Debian 12) does not apply it to the lists lock that `apt-get update` takes, so that one is
# retried here until the same deadline.
#
# Environment: FRONTERA_APT_LOCK_TIMEOUT=300 (seconds to wait for a lock)

FRONTERA_APT_LOCK_TIMEOUT=${FRONTERA_APT_LOCK_TIMEOUT:-300}

# apt_get <apt-get arguments...>: non-interactive apt-get; stdout streams, stderr follows at the end.
apt_get() {
  local deadline=$((SECONDS + FRONTERA_APT_LOCK_TIMEOUT)) err rc
  err=$(mktemp) || return 1
  while true; do
    rc=0
    DEBIAN_FRONTEND=noninteractive apt-get -o "DPkg::Lock::Timeout=$FRONTERA_APT_LOCK_TIMEOUT" "$@" 2>"$err" || rc=$?
    if ((rc != 0 && SECONDS < deadline)) && grep -q '^E: Could not get lock' "$err"; then
      printf 'apt-get: %s; retrying in 3s (waiting up to %ss in all)\n' \
        "$(grep -m 1 '^E: Could not get lock' "$err" | cut -c4-)" "$FRONTERA_APT_LOCK_TIMEOUT" >&2
      sleep 3
      continue
    fi
    cat "$err" >&2
    rm -f "$err"
    return "$rc"
  done
}
