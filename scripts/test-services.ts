// Where the tests and the migration author find their PostgreSQL and Redis: one default each, which
// TEST_DATABASE_URL and TEST_REDIS_URL override.
export const DEFAULT_TEST_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/test";
export const DEFAULT_TEST_REDIS_URL = "redis://127.0.0.1:6379";

export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL || DEFAULT_TEST_REDIS_URL;
}
