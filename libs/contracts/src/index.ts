export * from './topics/topic-catalogue';
