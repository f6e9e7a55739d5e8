import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from './config';

// The bot's certificate credential (MicrosoftAppCertificatePath), read and checked at start-up so
// that a wrong file fails the start with the variable's name instead of the first reply.

/** What msal-node needs to sign a client assertion: the key and the certificate's thumbprint (+ chain). */
export interface AppCertificate {
  privateKey: string;
  thumbprintSha256?: string;
  /** SHA-1: only when that is all the configuration gives (a key file without its certificate). */
  thumbprint?: string;
  /** The certificate chain (PEM), sent along: Entra ID accepts it for subject name + issuer authentication. */
  x5c?: string;
}

const PRIVATE_KEY = /-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----[\s\S]+?-----END \1PRIVATE KEY-----/;
const CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

const hex = (fingerprint: string): string => fingerprint.replace(/:/g, '');

const problem = (variable: string, message: string): ConfigError => new ConfigError([{ variable, message }]);

/**
 * Reads a PEM file holding the app's private key (RSA) and, usually, its certificate. Without the
 * certificate, `thumbprint` (MicrosoftAppCertificateThumbprint) says which one Entra ID should check.
 */
export function readAppCertificate(file: string, thumbprint: string | undefined, today = new Date()): AppCertificate {
  const variable = 'MicrosoftAppCertificatePath';
  let pem: string;
  try {
    pem = readFileSync(file, 'utf8');
  } catch (e) {
    throw problem(variable, `cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const keyPem = PRIVATE_KEY.exec(pem)?.[0];
  if (!keyPem) throw problem(variable, `${file} holds no PEM private key (-----BEGIN PRIVATE KEY-----)`);
  let key: KeyObject;
  try {
    key = createPrivateKey(keyPem);
  } catch {
    throw problem(variable, `the private key in ${file} cannot be read (it must not be encrypted)`);
  }
  // Entra ID takes client assertions signed RS256 or PS256
  if (key.asymmetricKeyType !== 'rsa') throw problem(variable, `the private key in ${file} must be an RSA key`);

  const chain = pem.match(CERTIFICATE) ?? [];
  if (chain.length === 0) {
    if (!thumbprint) {
      throw problem('MicrosoftAppCertificateThumbprint', `required when ${variable} holds only the private key (or add the certificate to ${file})`);
    }
    return { privateKey: keyPem, ...(thumbprint.length === 64 ? { thumbprintSha256: thumbprint } : { thumbprint }) };
  }
  const certificate = new X509Certificate(chain[0] ?? '');
  if (!certificate.checkPrivateKey(key)) throw problem(variable, `the first certificate in ${file} is not the private key's`);
  if (new Date(certificate.validTo) < today) throw problem(variable, `the certificate in ${file} expired on ${certificate.validTo}`);
  const sha1 = hex(certificate.fingerprint);
  const sha256 = hex(certificate.fingerprint256);
  if (thumbprint && thumbprint !== sha1 && thumbprint !== sha256) {
    throw problem('MicrosoftAppCertificateThumbprint', `is not that of the certificate in ${file} (SHA-1 ${sha1}, SHA-256 ${sha256})`);
  }
  return { privateKey: keyPem, thumbprintSha256: sha256, x5c: chain.join('\n') };
}
