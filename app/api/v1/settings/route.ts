import { api, endpoint } from "@/lib/api/handler";
import { ok } from "@/lib/api/respond";
import { SettingsPatch, SettingsPut } from "@/lib/validation/settings";
import { getSettings, updateSettings } from "@/lib/settings";

export const { GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS } = endpoint({
  GET: api({ permission: "settings:read" }, async () => ok(await getSettings())),
  PUT: api({ permission: "settings:write", body: SettingsPut }, async ({ principal, body }) => ok(await updateSettings(principal, body))),
  PATCH: api({ permission: "settings:write", body: SettingsPatch }, async ({ principal, body }) => ok(await updateSettings(principal, body))),
});
