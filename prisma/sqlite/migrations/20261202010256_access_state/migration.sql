-- CreateTable
CREATE TABLE "access_state" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT DEFAULT 1,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- The single row, and the triggers that move its version with every change of settings or roles, in the
-- changing statement's own transaction (lib/access-state). A random step (1-1000): a bump that is rolled
-- back and the next real one never land on the same number.
INSERT INTO "access_state" ("id", "version") VALUES (1, 0);
CREATE TRIGGER "access_state_settings_insert" AFTER INSERT ON "settings" BEGIN UPDATE "access_state" SET "version" = "version" + 1 + abs(random() % 1000) WHERE "id" = 1; END;
CREATE TRIGGER "access_state_settings_update" AFTER UPDATE ON "settings" BEGIN UPDATE "access_state" SET "version" = "version" + 1 + abs(random() % 1000) WHERE "id" = 1; END;
CREATE TRIGGER "access_state_settings_delete" AFTER DELETE ON "settings" BEGIN UPDATE "access_state" SET "version" = "version" + 1 + abs(random() % 1000) WHERE "id" = 1; END;
CREATE TRIGGER "access_state_roles_insert" AFTER INSERT ON "roles" BEGIN UPDATE "access_state" SET "version" = "version" + 1 + abs(random() % 1000) WHERE "id" = 1; END;
CREATE TRIGGER "access_state_roles_update" AFTER UPDATE ON "roles" BEGIN UPDATE "access_state" SET "version" = "version" + 1 + abs(random() % 1000) WHERE "id" = 1; END;
CREATE TRIGGER "access_state_roles_delete" AFTER DELETE ON "roles" BEGIN UPDATE "access_state" SET "version" = "version" + 1 + abs(random() % 1000) WHERE "id" = 1; END;
