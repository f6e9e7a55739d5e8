import { execFile } from 'node:child_process';
import { randomBytes, X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

// A certificate authority made at test time with the openssl CLI (node:crypto makes keys but
// not certificates): TLS for local stand-ins that MSAL only talks to over https, and client
// certificates for apps that authenticate with one. Nothing outlives the test run.

const run = promisify(execFile);

export interface IssuedCertificate {
  /** PEM private key (PKCS#8, RSA 2048). */
  keyPem: string;
  /** PEM certificate, signed by the test CA. */
  certificatePem: string;
  keyFile: string;
  certificateFile: string;
  /** The key and then the certificate in one PEM file, as exported for an app registration. */
  pemFile: string;
  /** Hex, upper case, no colons. */
  thumbprintSha1: string;
  thumbprintSha256: string;
}

export interface TestCa {
  /** The CA certificate to trust (NODE_EXTRA_CA_CERTS=caFile for a child process, `ca` in-process). */
  caPem: string;
  caFile: string;
  /** A certificate for a TLS server answering as 127.0.0.1 and localhost. */
  serverCertificate(): Promise<IssuedCertificate>;
  /** A client certificate (an app's credential), subject CN=`name`. */
  clientCertificate(name: string): Promise<IssuedCertificate>;
  dispose(): Promise<void>;
}

const openssl = async (cwd: string, args: string[]): Promise<void> => {
  try {
    await run('openssl', args, { cwd });
  } catch (e) {
    const { code, stderr } = e as { code?: string; stderr?: string };
    throw new Error(
      code === 'ENOENT' ? 'the openssl CLI is needed to make test certificates (apt-get install openssl)' : `openssl ${args[0]} failed: ${stderr}`,
      { cause: e },
    );
  }
};

const hex = (fingerprint: string): string => fingerprint.replace(/:/g, '');

export async function createTestCa(): Promise<TestCa> {
  const dir = await mkdtemp(path.join(tmpdir(), 'test-ca-'));
  const caFile = path.join(dir, 'ca.pem');
  const caKey = path.join(dir, 'ca.key');
  await openssl(dir, [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', caKey, '-out', caFile, '-days', '2',
    '-subj', '/CN=activity-bot test CA',
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  const caPem = await readFile(caFile, 'utf8');
  let count = 0;

  const issue = async (commonName: string, extensions: string[]): Promise<IssuedCertificate> => {
    const base = path.join(dir, `${++count}-${commonName.replace(/[^a-z0-9]/gi, '_')}`);
    const keyFile = `${base}.key`;
    const csrFile = `${base}.csr`;
    const extFile = `${base}.ext`;
    const certificateFile = `${base}.crt`;
    const pemFile = `${base}.pem`;
    await writeFile(extFile, `${extensions.join('\n')}\n`);
    await openssl(dir, ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', csrFile, '-subj', `/CN=${commonName}`]);
    await openssl(dir, [
      'x509', '-req', '-in', csrFile, '-CA', caFile, '-CAkey', caKey, '-set_serial', `0x${randomBytes(8).toString('hex')}`,
      '-days', '2', '-sha256', '-extfile', extFile, '-out', certificateFile,
    ]);
    const [keyPem, certificatePem] = await Promise.all([readFile(keyFile, 'utf8'), readFile(certificateFile, 'utf8')]);
    await writeFile(pemFile, `${keyPem.trim()}\n${certificatePem.trim()}\n`);
    const x509 = new X509Certificate(certificatePem);
    return {
      keyPem,
      certificatePem,
      keyFile,
      certificateFile,
      pemFile,
      thumbprintSha1: hex(x509.fingerprint),
      thumbprintSha256: hex(x509.fingerprint256),
    };
  };

  return {
    caPem,
    caFile,
    serverCertificate: () =>
      issue('localhost', [
        'basicConstraints=CA:FALSE',
        'keyUsage=digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ]),
    clientCertificate: (name) =>
      issue(name, ['basicConstraints=CA:FALSE', 'keyUsage=digitalSignature', 'extendedKeyUsage=clientAuth']),
    dispose: () => rm(dir, { recursive: true, force: true }),
  };
}
