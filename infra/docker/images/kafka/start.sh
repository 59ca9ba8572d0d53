#!/usr/bin/env bash
# Entry point of frontera-local/kafka: writes server.properties (the settings of
# infra/local/lib/kafka.sh), formats the log directory once, then runs the broker in the foreground.
# `start.sh format` only writes the properties and formats (the image's build step).
set -euo pipefail
BIND=${FRONTERA_BIND:-127.0.0.1}
PORT=${FRONTERA_KAFKA_PORT:-19092}
CONTROLLER_PORT=${FRONTERA_KAFKA_CONTROLLER_PORT:-19093}
DIR=/var/lib/kafka
PROPS=$DIR/server.properties
read -r -a heap <<<"${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
java_cmd=(java "${heap[@]}" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Djava.awt.headless=true
  -Dlog4j.configuration=file:/opt/frontera-kafka/log4j.properties -cp '/opt/frontera-kafka/libs/*')

cat >"$PROPS" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$BIND:$CONTROLLER_PORT
listeners=PLAINTEXT://$BIND:$PORT,CONTROLLER://$BIND:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$BIND:$PORT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$DIR/logs
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
group.initial.rebalance.delay.ms=0
num.network.threads=2
num.io.threads=4
log.retention.hours=168
PROPS

# The image formats its log directory at build time (`start.sh format`), so a container starts one
# JVM, not two; a fresh volume mounted over /var/lib/kafka is formatted here at first start.
if [[ ! -f $DIR/logs/meta.properties ]]; then
  # A cluster id as StorageTool random-uuid makes it (16 random bytes, base64url, no padding),
  # without starting a JVM only for that.
  [[ -s $DIR/cluster-id ]] || head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n' >"$DIR/cluster-id"
  "${java_cmd[@]}" kafka.tools.StorageTool format -t "$(head -n 1 "$DIR/cluster-id")" -c "$PROPS" --ignore-formatted
fi
[[ ${1:-} == format ]] && exit 0
exec "${java_cmd[@]}" kafka.Kafka "$PROPS"
