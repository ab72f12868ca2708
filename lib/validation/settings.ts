import { z, id } from "./common.ts";
import { ALL_PERMISSIONS } from "../auth/permissions.ts";
import { roleName } from "./users.ts";

const siteName = z.string().trim().min(1, "This field may not be blank.").max(100, "Ensure this field has no more than 100 characters.");

const settingsFields = {
  site_name: siteName.optional(),
  /** null: no public role, every request needs credentials (NetBox's LOGIN_REQUIRED). */
  public_role_id: id.nullable().optional(),
  /** The public role by name (case-insensitive), the alternative to public_role_id. */
  public_role: roleName.nullable().optional(),
};

export const SettingsPatch = z.strictObject(settingsFields);
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** PUT: every setting, the public role by id or by name. */
export const SettingsPut = z.strictObject({ ...settingsFields, site_name: siteName }).superRefine((value, ctx) => {
  if (value.public_role_id === undefined && value.public_role === undefined) {
    ctx.addIssue({ code: "custom", path: ["public_role_id"], message: "This field is required (null for none)." });
  }
});
export type SettingsPut = z.infer<typeof SettingsPut>;

export const SettingsOut = z.object({
  site_name: z.string(),
  public_role_id: z.number().int().nullable(),
  public_role: z.string().nullable(),
  anonymous_permissions: z.array(z.enum(ALL_PERMISSIONS)),
  updated_at: z.iso.datetime(),
});
export type SettingsOut = z.infer<typeof SettingsOut>;
