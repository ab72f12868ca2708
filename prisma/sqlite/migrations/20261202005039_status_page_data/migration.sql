-- CreateTable
CREATE TABLE "incident_components" (
    "incident_id" INTEGER NOT NULL,
    "component_id" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,

    PRIMARY KEY ("incident_id", "component_id"),
    CONSTRAINT "incident_components_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "incident_components_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "maintenances" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL DEFAULT '',
    "message" TEXT NOT NULL DEFAULT '',
    "scheduled_start" DATETIME NOT NULL,
    "scheduled_end" DATETIME NOT NULL,
    "completed_at" DATETIME,
    "visible" BOOLEAN NOT NULL DEFAULT true,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "maintenance_components" (
    "maintenance_id" INTEGER NOT NULL,
    "component_id" INTEGER NOT NULL,

    PRIMARY KEY ("maintenance_id", "component_id"),
    CONSTRAINT "maintenance_components_maintenance_id_fkey" FOREIGN KEY ("maintenance_id") REFERENCES "maintenances" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "maintenance_components_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "component_status_changes" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "component_id" INTEGER NOT NULL,
    "from_status" INTEGER,
    "to_status" INTEGER NOT NULL,
    "changed_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "component_status_changes_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "incident_components_component_id_idx" ON "incident_components"("component_id");

-- CreateIndex
CREATE INDEX "maintenances_scheduled_start_id_idx" ON "maintenances"("scheduled_start", "id");

-- CreateIndex
CREATE INDEX "maintenances_scheduled_end_idx" ON "maintenances"("scheduled_end");

-- CreateIndex
CREATE INDEX "maintenance_components_component_id_idx" ON "maintenance_components"("component_id");

-- CreateIndex
CREATE INDEX "component_status_changes_changed_at_id_idx" ON "component_status_changes"("changed_at", "id");

-- CreateIndex
CREATE INDEX "component_status_changes_component_id_changed_at_idx" ON "component_status_changes"("component_id", "changed_at");
