// Production runs compiled JavaScript only, and loads only the database client in use:
// `npm start`, `npm run beacon` and `npm run db:migrate` run plain JavaScript (no tsx), the compiled
// bundle in dist/ imports no TypeScript file, and the compiled CLI's setup on this pass's database
// never loads the other database's driver.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TEST_DB_KIND, createTestDatabase } from "../helpers/database.ts";
import { describeDb } from "../helpers/app.ts";
import { ROOT, ensureBuilt } from "../helpers/production-server.ts";

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; devDependencies: Record<string, string> };

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describeDb("the compiled production server", () => {
  before(() => ensureBuilt());

  test("npm start, beacon and db:migrate run plain JavaScript; esbuild is an explicit dependency of the build", () => {
    for (const name of ["start", "beacon", "db:migrate"]) {
      assert.doesNotMatch(pkg.scripts[name], /tsx|\.ts\b/, `${name}: ${pkg.scripts[name]}`);
    }
    assert.ok(pkg.devDependencies.esbuild, "esbuild in devDependencies");
    const playwright = fs.readFileSync(path.join(ROOT, "playwright.config.ts"), "utf8");
    // Playwright's server starts a capturing SMTP server, then runs package.json's own start command line.
    assert.ok(playwright.includes('command: "node --import tsx e2e/serve-with-smtp.ts"'), "Playwright's web server");
    const serve = fs.readFileSync(path.join(ROOT, "e2e/serve-with-smtp.ts"), "utf8");
    assert.match(serve, /scripts\.start/, "Playwright serves the app the way npm start does");
  });

  test("dist/ imports no TypeScript file and keeps each database client in its own chunk", () => {
    const files = filesUnder(path.join(ROOT, "dist")).filter((f) => f.endsWith(".mjs"));
    assert.ok(files.some((f) => f.endsWith("start.mjs")) && files.some((f) => f.endsWith("beacon.mjs")));
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const tsImports = [...text.matchAll(/(?:from\s*|import\s*\(\s*)["']([^"']+\.tsx?)["']/g)].map((m) => m[1]);
      assert.deepEqual(tsImports, [], `${path.relative(ROOT, file)} imports TypeScript`);
    }
    const start = fs.readFileSync(path.join(ROOT, "dist/start.mjs"), "utf8");
    assert.doesNotMatch(start, /better-sqlite3|adapter-pg/, "no database driver in the entry itself: loaded on demand");
  });

  test(`the compiled CLI's setup on ${TEST_DB_KIND} loads that database's driver only`, async () => {
    const database = await createTestDatabase();
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "beacon-cli-"));
    // A preload that prints, at exit, every CommonJS module the process loaded (both drivers are CommonJS).
    const probe = path.join(dataDir, "probe.cjs");
    fs.writeFileSync(probe, `process.on("exit", () => process.stderr.write("@@" + JSON.stringify(Object.keys(require.cache)) + "\\n"));\n`);
    try {
      const run = spawnSync(process.execPath, ["--require", probe, path.join(ROOT, "dist/beacon.mjs"), "setup"], {
        cwd: ROOT,
        encoding: "utf8",
        env: { NODE_ENV: "production", PATH: process.env.PATH, DATABASE_URL: database.url, BEACON_DATA_DIR: dataDir, BEACON_DEMO: "0", BEACON_ADMIN_EMAIL: "admin@example.com", BEACON_ADMIN_PASSWORD: "correct horse battery staple" },
      });
      assert.equal(run.status, 0, run.stderr + run.stdout);
      assert.match(run.stdout, /Setup complete\./);
      const loaded = JSON.parse(/@@(.*)/.exec(run.stderr)![1]) as string[];
      const has = (pkgName: string) => loaded.some((f) => f.includes(`${path.sep}node_modules${path.sep}${pkgName}${path.sep}`));
      const [own, other] = TEST_DB_KIND === "postgresql" ? [["pg", "@prisma/adapter-pg"], ["better-sqlite3", "@prisma/adapter-better-sqlite3"]] : [["better-sqlite3", "@prisma/adapter-better-sqlite3"], ["pg", "@prisma/adapter-pg"]];
      assert.ok(has(own[0]), `${own[0]} was loaded`);
      for (const name of other) assert.ok(!has(name), `${name} was loaded on ${TEST_DB_KIND}`);
      assert.ok(!loaded.some((f) => /node_modules[\\/](tsx|esbuild)[\\/]/.test(f)), "neither tsx nor esbuild at run time");
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await database.drop();
    }
  });
});
