"use client";

import { useState } from "react";
import { useApi, useApiList } from "@/lib/client/swr";
import type { Self, Token } from "@/lib/client/types";
import { KeyPanel } from "@/components/KeyPanel";
import { ProblemAlert } from "@/components/ui/Alert";
import { Section } from "@/components/ui/Section";
import { Identity } from "./identity";
import { TokenCreateForm } from "./token-create-form";
import { TokenTable } from "./token-table";
import { TokenEvents } from "./token-events";
import { focusSoon } from "@/components/ui/focus";

interface NewKey {
  key: string;
  title: string;
}

/** Who may do what with their own tokens (API.md §3); the API enforces it, the page only hides. */
function tokenRights(self: Self) {
  const read = self.permissions.includes("tokens:read");
  const write = self.permissions.includes("tokens:write");
  const manage = write && self.user.can_manage_tokens;
  let reason: string | null = null;
  if (!write) reason = `Your role (${self.user.role}) does not include tokens:write, so you cannot create, refresh or revoke API tokens here. A leaked key can still be revoked by anyone holding it: POST it to /api/v1/tokens/revoke.`;
  else if (!self.user.can_manage_tokens)
    reason = "An administrator has switched off token management for your account: you cannot create or refresh API tokens. You can still disable or revoke the ones you have.";
  return { read, write, manage, reason };
}

export function ProfileClient() {
  const me = useApi<Self>("/api/v1/user/self");
  const self = me.data;
  const tokens = useApiList<Token>(self?.permissions.includes("tokens:read") ? "/api/v1/tokens" : null);
  const [newKey, setNewKey] = useState<NewKey | null>(null);
  const problem = me.error ?? tokens.error ?? null;

  if (!self) {
    return problem ? <ProblemAlert problem={problem} /> : <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>;
  }
  const rights = tokenRights(self);

  function showKey(token: Token, title: string) {
    if (token.key) setNewKey({ key: token.key, title });
  }

  return (
    <div className="grid gap-6 lg:grid-cols-3">
      <div className="min-w-0 lg:col-span-1">
        <Identity self={self} />
      </div>
      <div className="min-w-0 space-y-6 lg:col-span-2">
        <Section title="API tokens" description="Keys for scripts and integrations. Each acts as you, limited by the settings below.">
          {rights.reason ? (
            <p className="rounded-md border border-slate-200 dark:border-slate-700 bg-slate-50 dark:bg-slate-800/60 px-3 py-2 text-sm text-slate-700 dark:text-slate-300" data-testid="token-management-off">
              {rights.reason}
            </p>
          ) : null}
          {rights.manage ? (
            <TokenCreateForm permissions={self.permissions} onCreated={(t) => showKey(t, `New token “${t.description || t.display}” created`)} />
          ) : null}
          {problem ? <ProblemAlert problem={problem} /> : null}
        </Section>
        {newKey ? (
          <KeyPanel
            tokenKey={newKey.key}
            title={newKey.title}
            onDismiss={() => {
              setNewKey(null);
              // The panel is gone: back to where tokens are made, or to the list.
              focusSoon(
                () => document.querySelector<HTMLElement>('form[aria-label="Create a token"] input'),
                () => document.querySelector<HTMLElement>('[data-testid="token-table"]')?.closest<HTMLElement>("[tabindex]"),
              );
            }}
          />
        ) : null}
        {rights.read ? (
          <Section title="Your tokens">
            {tokens.data === undefined ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">Loading…</p>
            ) : (
              <TokenTable
                tokens={tokens.data}
                canWrite={rights.write}
                canManage={rights.manage}
                onRefreshed={(t) => showKey(t, `New key for “${t.description || t.display}”`)}
              />
            )}
          </Section>
        ) : null}
        <TokenEvents userId={self.user.id} tokens={tokens.data} />
      </div>
    </div>
  );
}
