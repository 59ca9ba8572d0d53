import { Controller, Get, Inject, Module, Param } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiOkResponse } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { Public } from '@frontera/platform-auth';
import { createOpenApiDocument } from './openapi-document';
import { previewOpenApiDocument } from './preview-document';

const CONNECTION = 'CONNECTION';

@Controller('widgets')
class WidgetsController {
  constructor(@Inject(CONNECTION) private readonly connection: object) {}

  @Get(':id')
  @ApiOkResponse({ description: 'the widget' })
  get(@Param('id') _id: string): object {
    return this.connection;
  }

  @Public()
  @Get()
  list(): object[] {
    return [];
  }
}

const connect = jest.fn((): object => {
  throw new Error('a provider was instantiated: preview mode must not connect to anything');
});

@Module({ controllers: [WidgetsController], providers: [{ provide: CONNECTION, useFactory: connect }] })
class WidgetsModule {}

const INFO = { title: 'widgets', description: 'd', version: '1' };

describe('previewOpenApiDocument (the document of a service without running it)', () => {
  it('documents the routes without instantiating any provider', async () => {
    const document = await previewOpenApiDocument(WidgetsModule, INFO);
    expect(connect).not.toHaveBeenCalled();
    expect(Object.keys(document.paths).sort()).toEqual(['/widgets', '/widgets/{id}']);
    expect(document.paths['/widgets'].get?.security).toEqual([]);
    expect(document.paths['/widgets/{id}'].get?.security).toEqual([{ bearer: [] }]);
    expect(document.info).toMatchObject(INFO);
  });

  it('is the document the running application serves', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [WidgetsModule] })
      .overrideProvider(CONNECTION)
      .useValue({})
      .compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    try {
      const served = createOpenApiDocument(app, { ...INFO, keysFetched: true });
      expect(await previewOpenApiDocument(WidgetsModule, { ...INFO, keysFetched: true })).toEqual(served);
    } finally {
      await app.close();
    }
  });
});
