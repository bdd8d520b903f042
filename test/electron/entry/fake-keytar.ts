/**
 * keytar for the entry smoke run: an in-memory keychain, so the run needs no Secret
 * Service (the real keychain is covered by test/keychain). Same call shapes as keytar.
 */
const entries = new Map<string, string>();
const key = (service: string, account: string) => `${service}\u0000${account}`;

export async function getPassword(service: string, account: string): Promise<string | null> {
  return entries.get(key(service, account)) ?? null;
}
export async function setPassword(service: string, account: string, password: string): Promise<void> {
  entries.set(key(service, account), password);
}
export async function deletePassword(service: string, account: string): Promise<boolean> {
  return entries.delete(key(service, account));
}

export default { getPassword, setPassword, deletePassword };
