// /api/v1/users: team members.
import { body, named, operation } from "../api/operation.ts";
import { created, noContent, ok } from "../api/respond.ts";
import { parseId } from "../ids.ts";
import { USER_DEFAULTS, createUser, deleteUser, getUser, listUsers, updateUser } from "../users/index.ts";
import { UserCreate, UserCreatedOut, UserFilters, UserOut, UserPatch, UserPut } from "../validation/users.ts";
import { NO_CONTENT, list } from "./shared.ts";

const User = named("User", UserOut);
const common = { tag: "Users", resource: "users" } as const;
const COLLECTION = "/api/v1/users";
const DETAIL = "/api/v1/users/{id}";

export const USERS = {
  list: operation({
    ...common, method: "GET", path: COLLECTION, operationId: "listUsers", summary: "List team members",
    query: UserFilters, responses: { 200: list(User) },
    list: ({ query, page }) => listUsers(query, page),
  }),
  create: operation({
    ...common, method: "POST", path: COLLECTION, operationId: "createUser", summary: "Add a team member",
    description: "With `create_token: true` the answer also carries the user's first API token and its key (shown once).",
    body: body({ UserCreate }), responses: { 201: named("UserCreated", UserCreatedOut) },
    run: async ({ principal, body }) => created(await createUser(principal, body)),
  }),
  get: operation({
    ...common, method: "GET", path: DETAIL, operationId: "getUser", summary: "Read a team member", responses: { 200: User },
    run: async ({ params }) => ok(await getUser(parseId(params.id))),
  }),
  replace: operation({
    ...common, method: "PUT", path: DETAIL, operationId: "replaceUser", summary: "Replace a team member", description: "A missing password keeps the current one.",
    body: body({ UserPut }), responses: { 200: User },
    run: async ({ principal, params, body }) => ok(await updateUser(principal, parseId(params.id), { ...USER_DEFAULTS, ...body })),
  }),
  update: operation({
    ...common, method: "PATCH", path: DETAIL, operationId: "updateUser", summary: "Change some fields of a team member",
    body: body({ UserPatch }), responses: { 200: User },
    run: async ({ principal, params, body }) => ok(await updateUser(principal, parseId(params.id), body)),
  }),
  delete: operation({
    ...common, method: "DELETE", path: DETAIL, operationId: "deleteUser", summary: "Remove a team member", responses: NO_CONTENT,
    run: async ({ principal, params }) => {
      await deleteUser(principal, parseId(params.id));
      return noContent();
    },
  }),
};
