// The profile and admin forms check their values in the browser with the API's own schemas: the
// messages a user sees before submitting are the API's, on the fields of the same name.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FieldValues, Resolver } from "react-hook-form";
import { ApiProblem } from "../../lib/client/api.ts";
import { bodyResolver, fieldMessages } from "../../lib/client/form.ts";
import {
  memberBody,
  memberFormDefaults,
  memberFormSchema,
  roleBody,
  roleFormDefaults,
  roleFormSchema,
  settingsBody,
  settingsFormSchema,
  signInFormSchema,
  tokenBody,
  tokenFormDefaults,
  tokenFormSchema,
  type MemberFormValues,
  type TokenFormValues,
} from "../../lib/client/forms.ts";

async function check<V extends FieldValues>(resolver: Resolver<V>, values: V) {
  const result = await resolver(values, undefined, { fields: {}, shouldUseNativeValidation: false, criteriaMode: "firstError", names: undefined });
  return { values: result.values, errors: result.errors, messages: (field: string) => fieldMessages(result.errors, null, field) };
}

const tokenResolver = bodyResolver<TokenFormValues>(tokenFormSchema, tokenBody);
const memberResolver = bodyResolver<MemberFormValues>(memberFormSchema, (v) => memberBody(v, true));

test("token form: an expiry in the past is refused before sending, with the API's message", async () => {
  const past = new Date(Date.now() - 3_600_000);
  const local = new Date(past.getTime() - past.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
  const result = await check(tokenResolver, { ...tokenFormDefaults, description: "deploy", expires_at: local });
  assert.deepEqual(result.messages("expires_at"), ["The expiry must be in the future."]);
});

test("token form: a description over 200 characters is refused; valid values pass as the form's own values", async () => {
  const long = await check(tokenResolver, { ...tokenFormDefaults, description: "x".repeat(201) });
  assert.deepEqual(long.messages("description"), ["Ensure this field has no more than 200 characters."]);
  const values = { ...tokenFormDefaults, description: "deploy bot", allowed_ips: "10.0.0.0/8, 192.0.2.1", scopes: ["components:read" as const] };
  const ok = await check(tokenResolver, values);
  assert.deepEqual(ok.errors, {});
  assert.deepEqual(ok.values, values);
});

test("token form: IP syntax is left to the API, whose answer the page shows beside the field", async () => {
  const result = await check(tokenResolver, { ...tokenFormDefaults, allowed_ips: "10.0.0.0/8, not-an-address" });
  assert.deepEqual(result.errors, {});
});

test("add-member form: a malformed e-mail and a short password are refused before sending", async () => {
  const result = await check(memberResolver, { ...memberFormDefaults, email: "not-an-email", role: "3", password: "short" });
  assert.deepEqual(result.messages("email"), ["Enter a valid e-mail address."]);
  assert.deepEqual(result.messages("password"), ["Ensure this field has at least 8 characters."]);
  const bot = await check(memberResolver, { ...memberFormDefaults, email: "bot@example.com", role: "3", create_token: true, token_description: "ci" });
  assert.deepEqual(bot.errors, {});
});

test("create-role form: a blank name is refused before sending", async () => {
  const resolver = bodyResolver(roleFormSchema, roleBody);
  const result = await check(resolver, { ...roleFormDefaults, name: "   " });
  assert.deepEqual(result.messages("name"), ["This field may not be blank."]);
  assert.deepEqual((await check(resolver, { ...roleFormDefaults, name: "Status writer", permissions: ["components:read" as const] })).errors, {});
});

test("settings form: a blank or too long site name is refused; the public role is sent only when it can be picked", async () => {
  const resolver = bodyResolver(settingsFormSchema, (v: { site_name: string; public_role_id: string }) => settingsBody(v, true));
  assert.deepEqual((await check(resolver, { site_name: " ", public_role_id: "" })).messages("site_name"), ["This field may not be blank."]);
  assert.deepEqual((await check(resolver, { site_name: "x".repeat(101), public_role_id: "" })).messages("site_name"), [
    "Ensure this field has no more than 100 characters.",
  ]);
  assert.deepEqual(settingsBody({ site_name: "Beacon", public_role_id: "" }, true), { site_name: "Beacon", public_role_id: null });
  assert.deepEqual(settingsBody({ site_name: "Beacon", public_role_id: "4" }, false), { site_name: "Beacon" });
});

test("sign-in form: empty e-mail and password are refused before sending", async () => {
  const resolver = bodyResolver(signInFormSchema, (v: { email: string; password: string }) => v);
  const result = await check(resolver, { email: "", password: "" });
  assert.deepEqual(result.messages("email"), ["This field may not be blank."]);
  assert.deepEqual(result.messages("password"), ["This field may not be blank."]);
});

test("a field shows the browser's messages and the API's for it and its items, once each", () => {
  const problem = new ApiProblem(400, "Validation failed.", { "allowed_ips.1": ["bad address"], email: ["taken"] });
  const errors = { allowed_ips: [undefined, { type: "custom", message: "bad address" }] } as never;
  assert.deepEqual(fieldMessages(errors, problem, "allowed_ips"), ["bad address"]);
  assert.deepEqual(fieldMessages({}, problem, "role_id", "email"), ["taken"]);
});
