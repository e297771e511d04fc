'use strict';
// Benchmark peer: Node's crypto module (OpenSSL 3.5) runs full X25519MLKEM768 exchanges in-process. One request per
// stdin line, {"n":N}; it runs N exchanges and replies {"n":N,"check":byte} once they are done. {"n":0} measures only
// the request/reply round trip, which the benchmark subtracts. Each exchange has the same three steps, with the same
// byte encodings, as PqcTls's: client keygen (ML-KEM-768 + X25519, share as raw bytes), server encapsulate (import
// ek and X25519 key from raw bytes, encapsulate, fresh X25519 key, ECDH), client decapsulate (ML-KEM decapsulate,
// import the server's X25519 key, ECDH). The check byte keeps the work observable.
const crypto = require('node:crypto');
const readline = require('node:readline');

const MLKEM768_SPKI = Buffer.from('308204b2300b0609608648016503040402038204a100', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

const raw = (key, prefix) => key.export({ format: 'der', type: 'spki' }).subarray(prefix.length);
const load = (bytes, prefix) =>
  crypto.createPublicKey({ key: Buffer.concat([prefix, bytes]), format: 'der', type: 'spki' });

function exchange() {
  // Client: key generation and the 1216-byte share.
  const kem = crypto.generateKeyPairSync('ml-kem-768');
  const ecdh = crypto.generateKeyPairSync('x25519');
  const clientShare = Buffer.concat([raw(kem.publicKey, MLKEM768_SPKI), raw(ecdh.publicKey, X25519_SPKI)]);

  // Server: encapsulate to the ek, X25519 with a fresh key, the 1120-byte share and 64-byte secret.
  const { sharedKey, ciphertext } = crypto.encapsulate(load(clientShare.subarray(0, 1184), MLKEM768_SPKI));
  const serverEcdh = crypto.generateKeyPairSync('x25519');
  const serverDh = crypto.diffieHellman({
    privateKey: serverEcdh.privateKey,
    publicKey: load(clientShare.subarray(1184), X25519_SPKI),
  });
  const serverShare = Buffer.concat([ciphertext, raw(serverEcdh.publicKey, X25519_SPKI)]);
  const serverSecret = Buffer.concat([sharedKey, serverDh]);

  // Client: decapsulate and X25519 with the server's key.
  const clientKem = crypto.decapsulate(kem.privateKey, serverShare.subarray(0, 1088));
  const clientDh = crypto.diffieHellman({ privateKey: ecdh.privateKey, publicKey: load(serverShare.subarray(1088), X25519_SPKI) });
  const clientSecret = Buffer.concat([clientKem, clientDh]);
  if (!clientSecret.equals(serverSecret)) {
    throw new Error('secrets differ');
  }
  return clientSecret[0];
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const { n } = JSON.parse(line);
  let check = 0;
  for (let i = 0; i < n; i++) {
    check ^= exchange();
  }
  process.stdout.write(JSON.stringify({ n, check }) + '\n');
});
