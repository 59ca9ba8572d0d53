export * from './kafka/brokers';
export * from './kafka/ensure-topics';
