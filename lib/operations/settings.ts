// /api/v1/settings: the site settings, including the public API role that anonymous requests act as.
import { body, named, operation } from "../api/operation.ts";
import { ok } from "../api/respond.ts";
import { getSettings, updateSettings } from "../settings/index.ts";
import { SettingsOut, SettingsPatch, SettingsPut } from "../validation/settings.ts";

const Settings = named("Settings", SettingsOut);
const common = { tag: "Settings", resource: "settings", path: "/api/v1/settings" } as const;

export const SETTINGS = {
  get: operation({
    ...common, method: "GET", operationId: "getSettings", summary: "Read the settings", responses: { 200: Settings },
    run: async () => ok(await getSettings()),
  }),
  replace: operation({
    ...common, method: "PUT", operationId: "replaceSettings", summary: "Replace the settings",
    description: "The public API role by `public_role_id` or by name in `public_role`; null for none.",
    body: body({ SettingsPut }), responses: { 200: Settings },
    run: async ({ principal, body }) => ok(await updateSettings(principal, body)),
  }),
  update: operation({
    ...common, method: "PATCH", operationId: "updateSettings", summary: "Change some settings",
    body: body({ SettingsPatch }), responses: { 200: Settings },
    run: async ({ principal, body }) => ok(await updateSettings(principal, body)),
  }),
};
