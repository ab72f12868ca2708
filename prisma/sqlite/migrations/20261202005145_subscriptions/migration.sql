-- AlterTable
ALTER TABLE "subscribers" ADD COLUMN "pending_since" DATETIME;

-- CreateTable
CREATE TABLE "subscriber_components" (
    "subscriber_id" INTEGER NOT NULL,
    "component_id" INTEGER NOT NULL,

    PRIMARY KEY ("subscriber_id", "component_id"),
    CONSTRAINT "subscriber_components_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "subscriber_components_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "token_expiry_reminders" (
    "token_id" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "expires_at" DATETIME NOT NULL,
    "created_at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("token_id", "stage", "expires_at"),
    CONSTRAINT "token_expiry_reminders_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_tokens" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "subscriber_components_component_id_idx" ON "subscriber_components"("component_id");

-- CreateIndex
CREATE INDEX "subscribers_pending_since_idx" ON "subscribers"("pending_since");
