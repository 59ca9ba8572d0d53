/** Parses KAFKA_BROKERS ("host:port,host:port") into a broker list. */
export function parseBrokers(value: string | undefined): string[] {
  const brokers = (value ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  for (const broker of brokers) {
    if (!/^[^\s:/]+:\d{1,5}$/.test(broker)) {
      throw new Error(`KAFKA_BROKERS entry "${broker}" must look like host:port`);
    }
  }
  if (brokers.length === 0) {
    throw new Error('KAFKA_BROKERS is empty: set it to host:port[,host:port]');
  }
  return brokers;
}
