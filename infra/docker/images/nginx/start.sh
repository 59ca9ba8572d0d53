#!/bin/sh
# Entry point of frontera-local/nginx: render the gateway template into conf.d (an http-level
# include in both Debian's and the official image's nginx.conf), check it, run nginx in the foreground.
set -eu
mkdir -p /etc/nginx/conf.d
# shellcheck disable=SC2016 # envsubst's list of variables, not an expansion
envsubst '${GATEWAY_LISTEN} ${EMPLOYERS_UPSTREAM} ${PERMITS_UPSTREAM} ${AUDITS_UPSTREAM} ${GATEWAY_ACCESS_LOG} ${GATEWAY_PUBLIC_RATE} ${GATEWAY_PUBLIC_BURST} ${GATEWAY_DOCS_DIR}' \
  </etc/nginx/frontera/frontera.conf.template >/etc/nginx/conf.d/frontera.conf
nginx -t -q
echo "frontera: gateway listening on $GATEWAY_LISTEN"
exec nginx -g 'daemon off;'
