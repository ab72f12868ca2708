// Recovery from the command line for an operator who lost the printed secrets. Both are audited.
import { db } from "../db.ts";
import { hashPassword, randomPassword } from "../auth/passwords.ts";
import { createToken } from "../tokens/index.ts";
import { CLI_ACTOR, recordAudit } from "../audit/index.ts";

async function findUser(email: string) {
  const user = await db.user.findUnique({ where: { email: email.trim().toLowerCase() }, select: { id: true, email: true } });
  if (!user) throw new Error(`No user with the e-mail ${email}`);
  return user;
}

/** Sets a new random password, ends the user's browser sessions, and returns the password. */
export async function resetPassword(email: string): Promise<string> {
  const user = await findUser(email);
  const password = randomPassword();
  await db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
  });
  await recordAudit(CLI_ACTOR, { action: "user.password_reset", targetType: "user", targetId: user.id, subjectId: user.id });
  return password;
}

export async function createTokenFor(email: string): Promise<string> {
  const user = await findUser(email);
  const { token, key } = await createToken({ userId: user.id, description: "Created from the command line" });
  await recordAudit(CLI_ACTOR, { action: "token.create", targetType: "token", targetId: token.id, subjectId: user.id, detail: { via: "cli" } });
  return key;
}
