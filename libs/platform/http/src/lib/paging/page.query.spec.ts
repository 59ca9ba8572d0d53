import { Controller, Get, Query } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Test } from '@nestjs/testing';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { DEFAULT_MAX_PAGE, PageQuery } from './page.query';

class ListQuery extends PageQuery({ maxPageSize: 100, defaultPageSize: 20 }) {}

function parse(query: Record<string, unknown>): { value: ListQuery; failed: string[] } {
  const value = plainToInstance(ListQuery, query);
  const failed = validateSync(value).map(
    (e) => `${e.property}: ${Object.keys(e.constraints ?? {}).join(',')}`,
  );
  return { value, failed };
}

describe('PageQuery', () => {
  it('defaults to page 1 and the default page size', () => {
    expect(parse({})).toEqual({ value: expect.objectContaining({ page: 1, pageSize: 20 }), failed: [] });
    expect(parse({ page: '3', pageSize: '100' }).value).toMatchObject({ page: 3, pageSize: 100 });
  });

  it.each([
    ['1e308', 'page: isInt'],
    ['10001', 'page: max'],
    ['99999999999999999999', 'page: max'],
    ['0', 'page: min'],
    ['-1', 'page: min'],
    ['1.5', 'page: isInt'],
    ['0x10', 'page: isInt'],
    [' 2', 'page: isInt'],
    ['', 'page: isInt'],
  ])('refuses page=%p (%s): a 400, never an offset the database refuses', (page, failure) => {
    expect(parse({ page }).failed[0]).toMatch(new RegExp(`^${failure.replace(': ', ': .*')}`));
  });

  it('refuses a repeated parameter and a page size over the maximum', () => {
    expect(parse({ page: ['1', '2'] }).failed).toEqual([expect.stringMatching(/^page: .*isInt/)]);
    expect(parse({ pageSize: '101' }).failed).toEqual(['pageSize: max']);
  });

  it('accepts the last page, whose offset stays exact', () => {
    expect(parse({ page: String(DEFAULT_MAX_PAGE), pageSize: '100' }).failed).toEqual([]);
  });

  it('refuses bounds whose offset could overflow', () => {
    expect(() => PageQuery({ maxPageSize: 1_000_000, defaultPageSize: 20, maxPage: 1_000_000 })).toThrow(
      /over/,
    );
    expect(() => PageQuery({ maxPageSize: 10, defaultPageSize: 20 })).toThrow(/defaultPageSize/);
  });

  it('documents page and pageSize as bounded integers', async () => {
    @Controller('items')
    class ItemsController {
      @Get()
      list(@Query() _query: ListQuery): object {
        return {};
      }
    }
    const moduleRef = await Test.createTestingModule({ controllers: [ItemsController] }).compile();
    const app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false });
    const document = SwaggerModule.createDocument(app, {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
    });
    await app.close();
    expect(document.paths['/items'].get?.parameters).toEqual([
      expect.objectContaining({
        name: 'page',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: DEFAULT_MAX_PAGE, default: 1 },
      }),
      expect.objectContaining({
        name: 'pageSize',
        in: 'query',
        required: false,
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
      }),
    ]);
  });
});
