// The SQLite database holds password hashes and subscriber e-mails: keep it, like secrets.json, to its
// owner. SQLite creates -wal, -shm and -journal with the database file's own mode, so the database is
// created 0600 before SQLite opens it; files left wider by an older version are tightened.
import fs from "node:fs";
import path from "node:path";

export function secureSqliteFiles(file: string): void {
  if (file === ":memory:") return;
  const dir = path.dirname(file);
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.closeSync(fs.openSync(file, "a", 0o600));
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      if ((fs.statSync(f).mode & 0o077) !== 0) fs.chmodSync(f, 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
  }
}
