// /api/v1/users: team members.
import { body, named } from "../api/operation.ts";
import { USER_DEFAULTS, createUser, deleteUser, getUser, listUsers, updateUser } from "../users/index.ts";
import { UserCreate, UserCreatedOut, UserFilters, UserOut, UserPatch, UserPut } from "../validation/users.ts";
import { resource } from "./resource.ts";

export const USERS = resource(
  { tag: "Users", resource: "users", path: "/api/v1/users", name: "User", noun: "a team member" },
  { out: UserOut, filters: UserFilters, input: body({ UserCreate }), replace: body({ UserPut }), patch: body({ UserPatch }), defaults: USER_DEFAULTS },
  { list: (_principal, query, page) => listUsers(query, page), create: createUser, get: (_principal, id) => getUser(id), update: updateUser, remove: deleteUser },
  {
    list: { summary: "List team members" },
    create: {
      summary: "Add a team member",
      description: "With `create_token: true` the answer also carries the user's first API token and its key (shown once).",
      responses: { 201: named("UserCreated", UserCreatedOut) },
    },
    replace: { description: "A missing password keeps the current one." },
    delete: { summary: "Remove a team member" },
  },
);
