// `npm run beacon -- <command>`: operator commands on the server's command line.
//   setup                  migrate and seed (what `npm start` does before serving)
//   migrate                apply pending migrations
//   reset-password EMAIL   set a new random password for EMAIL and print it once
//   create-token EMAIL     create a new API token for EMAIL and print its key once
import { runSetup } from "../lib/setup.ts";
import { migrate } from "../lib/db/migrate.ts";
import { loadSecrets } from "../lib/secrets.ts";
import { disconnectDb } from "../lib/db.ts";
import { resetPassword, createTokenFor } from "../lib/users/recovery.ts";

const [command, arg] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "setup": {
      const result = await runSetup({ log: console.log });
      console.log(result.firstRun ? "Setup complete." : "Setup had already run: nothing changed.");
      if (result.adminPassword) console.log(`Admin password: ${result.adminPassword}`);
      if (result.adminToken) console.log(`Admin API token: ${result.adminToken}`);
      return 0;
    }
    case "migrate": {
      loadSecrets();
      const applied = await migrate();
      console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      return 0;
    }
    case "reset-password":
    case "create-token": {
      if (!arg) {
        console.error(`Usage: npm run beacon -- ${command} EMAIL`);
        return 2;
      }
      loadSecrets();
      await migrate();
      if (command === "reset-password") {
        const password = await resetPassword(arg);
        console.log(`New password for ${arg.toLowerCase()}: ${password}   (shown once)`);
      } else {
        const key = await createTokenFor(arg);
        console.log(`New API token for ${arg.toLowerCase()}: ${key}   (shown once)`);
      }
      return 0;
    }
    default:
      console.error("Usage: npm run beacon -- setup | migrate | reset-password EMAIL | create-token EMAIL");
      return 2;
  }
}

main()
  .then(async (code) => {
    await disconnectDb();
    process.exit(code);
  })
  .catch(async (err: Error) => {
    console.error(`beacon: ${err.message}`);
    await disconnectDb().catch(() => {});
    process.exit(1);
  });
