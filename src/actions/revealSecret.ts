// Reading one key of one secret, on the person's explicit request (the keys screen): the secret is
// fetched now (the store never holds values), only the asked key is decoded, and the rest of the
// response is dropped at once. The value goes back to the screen that asked, and nowhere else: the
// action history records that a key was shown, never what it held.
import { classifySecretValue, type SecretValue } from '../resources/secretData.js';
import { builtinKind, type TargetRef } from './targets.js';
import { errorMessage, fail } from './result.js';
import type { Api } from '../kube/api.js';

export type RevealResult = { ok: true; value: SecretValue } | { ok: false; message: string };

export async function revealSecretKey(api: Api, ref: TargetRef, key: string): Promise<RevealResult> {
  let data: Record<string, string> | undefined;
  let uid: string | undefined;
  try {
    const obj = (await api.objects.get(builtinKind('secrets'), ref.namespace, ref.name)) as { data?: Record<string, string>; metadata?: { uid?: string } };
    data = obj.data;
    uid = obj.metadata?.uid;
  } catch (err) {
    return fail(errorMessage(err)) as RevealResult;
  }
  if (ref.uid && uid !== ref.uid) return { ok: false, message: `secret ${ref.name} was deleted and re-created since you chose it: open it again` };
  const b64 = data?.[key];
  data = undefined;
  if (b64 === undefined) return { ok: false, message: `secret ${ref.name} has no key "${key}" any more` };
  const bytes = Buffer.from(b64, 'base64');
  const value = classifySecretValue(bytes);
  bytes.fill(0);
  return { ok: true, value };
}
