import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { resolvePgliteDataDir } from "@/db/client";
import { env } from "@/env";

/**
 * The Ed25519 key that signs audit checkpoints. In production it comes from AUDIT_SIGNING_KEY and
 * must be the same on every app server (docs/operations.md). Without it (the embedded database,
 * development, demos) a key is generated once and kept beside the embedded database, in
 * `<data dir>/audit-signing-key.pem`, so checkpoints stay verifiable across restarts.
 */
export type CheckpointSigner = {
  privateKey: KeyObject;
  /** SPKI PEM: what outsiders verify with. */
  publicKeyPem: string;
  /** First 16 hex digits of the SHA-256 of the public key's DER: names the key in checkpoints. */
  keyId: string;
  source: "configured" | "data-dir";
};

export const DEFAULT_KEY_FILE_NAME = "audit-signing-key.pem";

export class SigningKeyError extends Error {
  override name = "SigningKeyError";
}

/** AUDIT_SIGNING_KEY's value (PEM, `\n`-escaped PEM or base64 PKCS#8 DER) as an Ed25519 private key. */
export function parseSigningKey(value: string): KeyObject {
  const text = value.trim().replace(/\\n/g, "\n");
  let key: KeyObject;
  try {
    key = text.startsWith("-----BEGIN")
      ? createPrivateKey(text)
      : createPrivateKey({ key: Buffer.from(text, "base64"), format: "der", type: "pkcs8" });
  } catch (error) {
    throw new SigningKeyError("AUDIT_SIGNING_KEY is not a readable PKCS#8 private key.", { cause: error });
  }
  if (key.asymmetricKeyType !== "ed25519") {
    throw new SigningKeyError(`AUDIT_SIGNING_KEY must be an Ed25519 key (it is ${key.asymmetricKeyType ?? "not asymmetric"}).`);
  }
  return key;
}

export function signerFor(privateKey: KeyObject, source: CheckpointSigner["source"]): CheckpointSigner {
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), keyId: keyIdOf(publicKey), source };
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

/** The key file of the embedded default: next to the PGlite folder (`.data/` unless PGLITE_DATA_DIR says otherwise). */
export function defaultKeyFile(): string {
  return path.join(path.dirname(resolvePgliteDataDir()), DEFAULT_KEY_FILE_NAME);
}

/** Reads the key file, or creates it (exclusively: two processes starting at once end up with the same key). */
export function loadOrCreateKeyFile(file: string): KeyObject {
  try {
    return parseSigningKey(readFileSync(file, "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const { privateKey } = generateKeyPairSync("ed25519");
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, privateKey.export({ type: "pkcs8", format: "pem" }), { flag: "wx", mode: 0o600 });
    return privateKey;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return parseSigningKey(readFileSync(file, "utf8"));
    throw error;
  }
}

const globalForSigner = globalThis as typeof globalThis & { __auditCheckpointSigner?: { config: string; signer: CheckpointSigner } };

/** The process's signer: AUDIT_SIGNING_KEY when set, else the data-dir key (logged once, with which it is). */
export function getCheckpointSigner(): CheckpointSigner {
  const configured = env.AUDIT_SIGNING_KEY;
  const config = configured ?? `file:${defaultKeyFile()}`;
  const cached = globalForSigner.__auditCheckpointSigner;
  if (cached?.config === config) return cached.signer;
  const signer = configured
    ? signerFor(parseSigningKey(configured), "configured")
    : signerFor(loadOrCreateKeyFile(defaultKeyFile()), "data-dir");
  console.info(
    signer.source === "configured"
      ? `[audit] checkpoints signed with AUDIT_SIGNING_KEY (key id ${signer.keyId})`
      : `[audit] AUDIT_SIGNING_KEY is not set: checkpoints signed with the key in ${defaultKeyFile()} (key id ${signer.keyId}). Production must set AUDIT_SIGNING_KEY, the same on every server.`,
  );
  globalForSigner.__auditCheckpointSigner = { config, signer };
  return signer;
}

export function signStatement(signer: CheckpointSigner, statement: string): string {
  return sign(null, Buffer.from(statement, "utf8"), signer.privateKey).toString("base64");
}

/** True when `signature` (base64) is `publicKeyPem`'s Ed25519 signature of exactly `statement`. */
export function verifyStatement(publicKeyPem: string, statement: string, signature: string): boolean {
  try {
    const key = createPublicKey(publicKeyPem);
    if (key.asymmetricKeyType !== "ed25519") return false;
    return verify(null, Buffer.from(statement, "utf8"), key, Buffer.from(signature, "base64"));
  } catch {
    return false;
  }
}
