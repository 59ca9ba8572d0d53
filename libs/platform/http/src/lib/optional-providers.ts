import type { INestApplicationContext, InjectionToken } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';

/**
 * Every instance of `token` in any module of the application, or none. Looked up through the
 * ModuleRef: on an application of NestFactory, a failing `app.get` goes through Nest's exception
 * zone, which logs it and ends the process instead of throwing.
 */
export function optionalProviders<T>(app: Pick<INestApplicationContext, 'get'>, token: InjectionToken): T[] {
  const moduleRef = app.get(ModuleRef, { strict: false });
  try {
    return moduleRef.get<unknown, T>(token, { strict: false, each: true });
  } catch {
    return [];
  }
}

/** The instance of `token` when the application has one. */
export function optionalProvider<T>(
  app: Pick<INestApplicationContext, 'get'>,
  token: InjectionToken,
): T | undefined {
  return optionalProviders<T>(app, token)[0];
}
