-- AlterTable
ALTER TABLE "subscribers" ADD COLUMN     "pending_since" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "subscriber_components" (
    "subscriber_id" INTEGER NOT NULL,
    "component_id" INTEGER NOT NULL,

    CONSTRAINT "subscriber_components_pkey" PRIMARY KEY ("subscriber_id","component_id")
);

-- CreateTable
CREATE TABLE "token_expiry_reminders" (
    "token_id" INTEGER NOT NULL,
    "stage" TEXT NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "token_expiry_reminders_pkey" PRIMARY KEY ("token_id","stage","expires_at")
);

-- CreateIndex
CREATE INDEX "subscriber_components_component_id_idx" ON "subscriber_components"("component_id");

-- CreateIndex
CREATE INDEX "subscribers_pending_since_idx" ON "subscribers"("pending_since");

-- AddForeignKey
ALTER TABLE "subscriber_components" ADD CONSTRAINT "subscriber_components_subscriber_id_fkey" FOREIGN KEY ("subscriber_id") REFERENCES "subscribers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "subscriber_components" ADD CONSTRAINT "subscriber_components_component_id_fkey" FOREIGN KEY ("component_id") REFERENCES "components"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "token_expiry_reminders" ADD CONSTRAINT "token_expiry_reminders_token_id_fkey" FOREIGN KEY ("token_id") REFERENCES "api_tokens"("id") ON DELETE CASCADE ON UPDATE CASCADE;
