// Secrets kept in the database (an OpenID client secret, a TOTP key), sealed with AES-256-GCM
// under a key derived from SESSION_SECRET (HKDF, one key per purpose). A copy of the database
// alone (a backup, a stolen file) does not reveal them; a new SESSION_SECRET makes them
// unreadable, so they must then be entered again (see README, "Hemmeligheder i databasen").
import crypto from 'node:crypto';

const VERSION = 'v1';

function keyFor(secret: string, purpose: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', secret, 'uldum-sealed', `${VERSION}|${purpose}`, 32));
}

/** `v1.<iv>.<ciphertext+tag>`, base64url; `purpose` is bound into the key and the tag. */
export function seal(secret: string, purpose: string, plaintext: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyFor(secret, purpose), iv);
  cipher.setAAD(Buffer.from(purpose));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${VERSION}.${iv.toString('base64url')}.${body.toString('base64url')}`;
}

/** The plaintext, or null when the value was not sealed by this secret for this purpose (or was changed). */
export function unseal(secret: string, purpose: string, sealed: string): string | null {
  const [version, ivText, bodyText] = sealed.split('.');
  if (version !== VERSION || !ivText || !bodyText) return null;
  try {
    const body = Buffer.from(bodyText, 'base64url');
    if (body.length < 16) return null;
    const decipher = crypto.createDecipheriv('aes-256-gcm', keyFor(secret, purpose), Buffer.from(ivText, 'base64url'));
    decipher.setAAD(Buffer.from(purpose));
    decipher.setAuthTag(body.subarray(body.length - 16));
    return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
