-- CreateTable
CREATE TABLE "access_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "access_state_pkey" PRIMARY KEY ("id")
);

-- The single row, and the rules that move its version with every change of settings or roles, in the
-- changing statement's own transaction (lib/access-state). Rules rather than a trigger function: the
-- migration tooling splits scripts on semicolons, which a function body would contain. A random step
-- (1-1000): a bump that is rolled back and the next real one never land on the same number.
INSERT INTO "access_state" ("id", "version") VALUES (1, 0);
CREATE RULE "access_state_settings_insert" AS ON INSERT TO "settings" DO ALSO UPDATE "access_state" SET "version" = "version" + 1 + floor(random() * 1000)::int WHERE "id" = 1;
CREATE RULE "access_state_settings_update" AS ON UPDATE TO "settings" DO ALSO UPDATE "access_state" SET "version" = "version" + 1 + floor(random() * 1000)::int WHERE "id" = 1;
CREATE RULE "access_state_settings_delete" AS ON DELETE TO "settings" DO ALSO UPDATE "access_state" SET "version" = "version" + 1 + floor(random() * 1000)::int WHERE "id" = 1;
CREATE RULE "access_state_roles_insert" AS ON INSERT TO "roles" DO ALSO UPDATE "access_state" SET "version" = "version" + 1 + floor(random() * 1000)::int WHERE "id" = 1;
CREATE RULE "access_state_roles_update" AS ON UPDATE TO "roles" DO ALSO UPDATE "access_state" SET "version" = "version" + 1 + floor(random() * 1000)::int WHERE "id" = 1;
CREATE RULE "access_state_roles_delete" AS ON DELETE TO "roles" DO ALSO UPDATE "access_state" SET "version" = "version" + 1 + floor(random() * 1000)::int WHERE "id" = 1;
