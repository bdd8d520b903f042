/**
 * keytar for the entry smoke run: an in-memory keychain, so the run needs no Secret
 * Service (the real keychain is covered by test/keychain). Same call shapes as keytar.
 * With PD_SMOKE_KEYTAR=no-dbus it answers as libsecret does without a D-Bus session.
 */
const entries = new Map<string, string>();
const key = (service: string, account: string) => `${service}\u0000${account}`;

function reachable(): void {
  if (process.env.PD_SMOKE_KEYTAR === 'no-dbus') throw new Error('Cannot autolaunch D-Bus without X11 $DISPLAY');
}

export async function getPassword(service: string, account: string): Promise<string | null> {
  reachable();
  return entries.get(key(service, account)) ?? null;
}
export async function setPassword(service: string, account: string, password: string): Promise<void> {
  reachable();
  entries.set(key(service, account), password);
}
export async function deletePassword(service: string, account: string): Promise<boolean> {
  reachable();
  return entries.delete(key(service, account));
}

export default { getPassword, setPassword, deletePassword };
