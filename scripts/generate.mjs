// Generates both Prisma clients (SQLite and PostgreSQL). Runs after `npm install`.
// The Prisma CLI insists on locating its native schema engine even though `generate` never runs it,
// and cannot download it offline: any existing file satisfies the check (STACK.md).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || "/bin/false",
  CHECKPOINT_DISABLE: "1",
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
for (const provider of ["sqlite", "postgresql"]) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", `prisma/${provider}/schema.prisma`],
    { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] },
  );
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    console.error(`prisma generate failed for ${provider}`);
    process.exit(result.status ?? 1);
  }
  console.log(`Generated the ${provider} Prisma client.`);
}
