// What each form of the profile and admin pages sends, and the lib/validation schema it is checked
// against in the browser before sending: the same schema the API applies to that body.
import { z } from "zod";
import type { Permission } from "../auth/permissions.ts";
import { RoleInput } from "../validation/roles.ts";
import { SettingsPatch } from "../validation/settings.ts";
import { TokenCreate } from "../validation/tokens.ts";
import { SignIn, UserCreate } from "../validation/users.ts";
import { localInputToIso, splitList } from "./format.ts";

export interface TokenFormValues {
  description: string;
  /** A datetime-local value: the reader's local time. */
  expires_at: string;
  /** Addresses or networks separated by commas or new lines. */
  allowed_ips: string;
  write_enabled: boolean;
  scopes: Permission[];
}

export const tokenFormDefaults: TokenFormValues = { description: "", expires_at: "", allowed_ips: "", write_enabled: true, scopes: [] };

export function tokenBody(values: TokenFormValues) {
  return {
    description: values.description,
    write_enabled: values.write_enabled,
    allowed_ips: splitList(values.allowed_ips),
    ...(values.expires_at ? { expires_at: localInputToIso(values.expires_at) } : {}),
    ...(values.scopes.length ? { scopes: values.scopes } : {}),
  };
}

// Allowed IPs are checked by the API alone (it also normalises and de-duplicates them): the page shows
// its per-address answer beside the field after sending, as it always has (e2e/profile.spec.ts).
export const tokenFormSchema = TokenCreate.extend({ allowed_ips: z.array(z.string()).optional() });

export interface MemberFormValues {
  email: string;
  name: string;
  /** A role id from the picker, or a role name typed when roles cannot be listed. */
  role: string;
  password: string;
  create_token: boolean;
  token_description: string;
  token_write_enabled: boolean;
}

export const memberFormDefaults: MemberFormValues = {
  email: "",
  name: "",
  role: "",
  password: "",
  create_token: false,
  token_description: "",
  token_write_enabled: true,
};

export function memberBody(values: MemberFormValues, rolesReadable: boolean) {
  return {
    email: values.email,
    name: values.name,
    ...(rolesReadable ? { role_id: Number(values.role) } : { role: values.role }),
    ...(values.password ? { password: values.password } : {}),
    ...(values.create_token
      ? { create_token: true, token_description: values.token_description, token_write_enabled: values.token_write_enabled }
      : {}),
  };
}

export const memberFormSchema = UserCreate;

export interface RoleFormValues {
  name: string;
  description: string;
  permissions: Permission[];
}

export const roleFormDefaults: RoleFormValues = { name: "", description: "", permissions: [] };
export const roleBody = (values: RoleFormValues) => ({ name: values.name, description: values.description, permissions: values.permissions });
export const roleFormSchema = RoleInput;

export const NO_PUBLIC_ROLE = "";

export interface SettingsFormValues {
  site_name: string;
  /** A role id, or NO_PUBLIC_ROLE. */
  public_role_id: string;
}

/** Without a usable role picker (no roles:read) the public role is left alone. */
export function settingsBody(values: SettingsFormValues, canPickRole: boolean) {
  return {
    site_name: values.site_name,
    ...(canPickRole ? { public_role_id: values.public_role_id === NO_PUBLIC_ROLE ? null : Number(values.public_role_id) } : {}),
  };
}

export const settingsFormSchema = SettingsPatch;

export interface SignInFormValues {
  email: string;
  password: string;
}

export const signInFormSchema = SignIn;
