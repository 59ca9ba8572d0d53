export * from './lib/database-name';
export * from './lib/domain-service.module';
export * from './lib/run-service';
export * from './lib/queue-board/queue-board.guard';
export * from './lib/queue-board/queue-board.module';
