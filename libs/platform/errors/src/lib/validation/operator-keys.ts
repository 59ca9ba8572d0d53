import { registerDecorator, type ValidationOptions } from 'class-validator';

const MAX_DEPTH = 32;

/** A key MongoDB could read as an operator or a path: starts with `$` or contains `.`. */
export function isOperatorKey(key: string): boolean {
  return key.startsWith('$') || key.includes('.');
}

/**
 * Paths of every key in `value` (nested objects and arrays included) that
 * starts with `$` or contains `.`; empty when the value is safe to store or use
 * in a query. Free-form objects (`@IsObject()` fields, metadata maps) must pass
 * this, since class-validator checks nothing inside them.
 */
export function findOperatorKeys(value: unknown, path = '', depth = 0): string[] {
  if (depth > MAX_DEPTH) return [path || '(root)'];
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => findOperatorKeys(item, `${path}[${index}]`, depth + 1));
  }
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = path ? `${path}.${key}` : key;
    return isOperatorKey(key) ? [childPath] : findOperatorKeys(child, childPath, depth + 1);
  });
}

/** Throws when {@link findOperatorKeys} finds anything; for code paths outside DTO validation. */
export function assertNoOperatorKeys(value: unknown, what = 'value'): void {
  const found = findOperatorKeys(value);
  if (found.length > 0) {
    throw new TypeError(`${what} has keys that start with "$" or contain ".": ${found.join(', ')}`);
  }
}

/** class-validator decorator for free-form object fields: refuses `$` and dotted keys at any depth. */
export function NoOperatorKeys(options?: ValidationOptions): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: 'noOperatorKeys',
      target: target.constructor,
      propertyName: property as string,
      options: { message: '$property must not have keys that start with "$" or contain "."', ...options },
      validator: { validate: (value: unknown) => findOperatorKeys(value).length === 0 },
    });
}
