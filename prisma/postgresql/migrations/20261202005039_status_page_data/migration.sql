-- CreateTable
CREATE TABLE "incident_components" (
    "incident_id" INTEGER NOT NULL,
    "component_id" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,

    CONSTRAINT "incident_components_pkey" PRIMARY KEY ("incident_id","component_id")
);

-- CreateTable
CREATE TABLE "maintenances" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "name_lower" TEXT NOT NULL DEFAULT '',
    "message" TEXT NOT NULL DEFAULT '',
    "scheduled_start" TIMESTAMP(3) NOT NULL,
    "scheduled_end" TIMESTAMP(3) NOT NULL,
    "completed_at" TIMESTAMP(3),
    "visible" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "maintenances_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "maintenance_components" (
    "maintenance_id" INTEGER NOT NULL,
    "component_id" INTEGER NOT NULL,

    CONSTRAINT "maintenance_components_pkey" PRIMARY KEY ("maintenance_id","component_id")
);

-- CreateTable
CREATE TABLE "component_status_changes" (
    "id" SERIAL NOT NULL,
    "component_id" INTEGER NOT NULL,
    "from_status" INTEGER,
    "to_status" INTEGER NOT NULL,
    "changed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "component_status_changes_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "incident_components" ADD CONSTRAINT "incident_components_incident_id_fkey" FOREIGN KEY ("incident_id") REFERENCES "incidents"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "incident_components" ADD CONSTRAINT "incident_components_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_components" ADD CONSTRAINT "maintenance_components_maintenance_id_fkey" FOREIGN KEY ("maintenance_id") REFERENCES "maintenances"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "maintenance_components" ADD CONSTRAINT "maintenance_components_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "component_status_changes" ADD CONSTRAINT "component_status_changes_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;
