import { z, id, text, queryBool, queryInt, listFilters, search, storedOut } from "./common.ts";
import { TokenOut } from "./tokens.ts";

/** Stored lower-cased, so uniqueness and look-ups ignore case on both databases. */
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Ensure this field has no more than 254 characters.")
  .pipe(z.email("Enter a valid e-mail address."));

export const password = z
  .string()
  .min(8, "Ensure this field has at least 8 characters.")
  .max(1024, "Ensure this field has no more than 1024 characters.");

/** Signing in with a password (the browser's sign-in form); which e-mails exist is the server's business. */
export const SignIn = z.object({
  email: z.string().trim().min(1, "This field may not be blank.").max(254, "Ensure this field has no more than 254 characters."),
  password: z.string().min(1, "This field may not be blank.").max(1024, "Ensure this field has no more than 1024 characters."),
});

/** A role named in a write: its name, case-insensitive (the alternative to `role_id`). */
export const roleName = z.string().trim().min(1, "This field may not be blank.").max(255, "Ensure this field has no more than 255 characters.");

const userFields = {
  email,
  name: z.string().trim().max(255, "Ensure this field has no more than 255 characters.").optional(),
  role_id: id.optional(),
  role: roleName.optional(),
  password: password.optional(),
  active: z.boolean().optional(),
  can_manage_tokens: z.boolean().optional(),
};

function requireRole(value: { role_id?: number; role?: string }, ctx: z.RefinementCtx) {
  if (value.role_id === undefined && value.role === undefined) {
    ctx.addIssue({ code: "custom", path: ["role"], message: "This field is required (a role name, or role_id)." });
  }
}

export const UserCreate = z
  .strictObject({
    ...userFields,
    /** Also create the user's first API token (bot accounts); its key is in this response only. */
    create_token: z.boolean().optional(),
    token_description: text(255).optional(),
    token_write_enabled: z.boolean().optional(),
  })
  .superRefine((value, ctx) => {
    requireRole(value, ctx);
    if (value.create_token !== true) {
      for (const field of ["token_description", "token_write_enabled"] as const) {
        if (value[field] !== undefined) ctx.addIssue({ code: "custom", path: [field], message: "Only allowed with create_token: true." });
      }
    }
  });
export type UserCreate = z.infer<typeof UserCreate>;

/** PUT: the whole user; a missing password keeps the current one (it is write-only). */
export const UserPut = z.strictObject(userFields).superRefine(requireRole);
export type UserPut = z.infer<typeof UserPut>;

export const UserPatch = z.strictObject(userFields).partial();
export type UserPatch = z.infer<typeof UserPatch>;

export const UserFilters = listFilters(["id", "email", "name", "created_at"], {
  q: search(),
  role_id: queryInt.optional(),
  role: z.string().max(255).optional(),
  active: queryBool.optional(),
});
export type UserFilters = z.infer<typeof UserFilters>;

export const UserOut = storedOut({
  email: z.string(),
  name: z.string(),
  role_id: z.number().int(),
  role: z.string(),
  active: z.boolean(),
  can_manage_tokens: z.boolean(),
});
export type UserOut = z.infer<typeof UserOut>;

/** The first token made with a new user: a token with its key (shown once). */
export const FirstTokenOut = TokenOut.extend({ key: z.string() });

/** POST /users answers the user, plus `token` when `create_token` was asked for. */
export const UserCreatedOut = UserOut.extend({ token: FirstTokenOut.optional() });
