import mongoose, { Schema, type Connection } from 'mongoose';
import { databaseUri, endpointsFromEnv, uniqueName } from '@frontera/platform-testing';
import { problemFor } from '../src';

const context = { language: 'en' as const, instance: '/workers', correlationId: 'corr-db-test-1' };

/** What FerretDB really throws is what the filter must recognise. */
describe('database errors from FerretDB', () => {
  let connection: Connection;

  beforeAll(async () => {
    const { mongodbUri } = endpointsFromEnv();
    connection = await mongoose
      .createConnection(databaseUri(mongodbUri, uniqueName('platform-errors')), { maxPoolSize: 2 })
      .asPromise();
  });
  afterAll(async () => {
    await connection.dropDatabase();
    await connection.close();
  });

  it('a unique index violation becomes 409 RESOURCE.DUPLICATE without the duplicate value', async () => {
    const Worker = connection.model(
      'Worker',
      new Schema({ documentHash: { type: String, required: true, unique: true } }),
    );
    await Worker.init();
    await Worker.create({ documentHash: 'hash-of-G12345678' });
    const error: unknown = await Worker.create({ documentHash: 'hash-of-G12345678' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeDefined();
    const problem = problemFor(error, context);
    expect(problem.status).toBe(409);
    expect(problem.body.code).toBe('RESOURCE.DUPLICATE');
    expect(JSON.stringify(problem.body)).not.toContain('G12345678');
    expect(await Worker.countDocuments()).toBe(1);
  });

  it('an id that is not an ObjectId becomes 400 REQUEST.INVALID_VALUE', async () => {
    const Thing = connection.model('Thing', new Schema({ name: String }));
    const error: unknown = await Thing.findById('not-an-id').then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(problemFor(error, context).body).toMatchObject({ status: 400, code: 'REQUEST.INVALID_VALUE' });
  });
});
