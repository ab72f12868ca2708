/** @type {import('next').NextConfig} */
const nextConfig = {
  // `/api/v1/components/` must reach the same handler as `/api/v1/components`, with no 308 (API.md §1).
  skipTrailingSlashRedirect: true,
  poweredByHeader: false,
  reactStrictMode: true,
  // Native modules and drivers stay in node_modules instead of being bundled.
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "@node-rs/argon2",
    "ioredis",
    "rate-limiter-flexible",
  ],
};

export default nextConfig;
