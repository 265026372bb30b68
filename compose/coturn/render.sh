#!/bin/sh
# Renders coturn's turnserver.conf for the compose stack into $TURN_OUT (see docker-compose.yml).
# Values come from the environment (.env); the secret is skyrtc's own turn.secrets.
set -eu
here=$(dirname "$0")
cli=${RENDER_CLI:-java -jar /app/skyrtc.jar}
: "${TURN_REALM:?}" "${TURN_EXTERNAL_IP:?}" "${TURN_OUT:?}"
tmp=$(mktemp)
trap 'rm -f "$tmp" "$TURN_OUT.tmp"' EXIT
sed -e "s|@TURN_REALM@|$TURN_REALM|" -e "s|@TURN_EXTERNAL_IP@|$TURN_EXTERNAL_IP|" \
    -e "s|@TURN_PORT@|${TURN_PORT:-3478}|" -e "s|@TURN_MIN_PORT@|${TURN_MIN_PORT:-49152}|" \
    -e "s|@TURN_MAX_PORT@|${TURN_MAX_PORT:-65535}|" -e "s|@TURN_STATE_DIR@|${TURN_STATE_DIR:-/var/tmp}|" \
    "$here/profiles.template.yaml" > "$tmp"
$cli turn-conf render --env compose --profiles "$tmp" > "$TURN_OUT.tmp"
mv "$TURN_OUT.tmp" "$TURN_OUT"
echo "coturn config written to $TURN_OUT"
