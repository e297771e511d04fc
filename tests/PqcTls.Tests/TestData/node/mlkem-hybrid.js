'use strict';
// Independent peer for the PqcTls key exchange tests: Node's crypto module (OpenSSL 3.5) plays the TLS 1.3 client or
// server of the hybrid groups. One JSON request per stdin line, one JSON reply per stdout line:
//   {"op":"server","group":G,"clientShare":hex}  -> {"serverShare":hex,"sharedSecret":hex}
//   {"op":"client","group":G}                    -> {"id":n,"clientShare":hex}
//   {"op":"finish","id":n,"serverShare":hex}     -> {"sharedSecret":hex}
// Errors come back as {"error":message}. Layouts follow draft-ietf-tls-ecdhe-mlkem: ML-KEM first for
// X25519MLKEM768, the ECDH part first for SecP256r1MLKEM768 and SecP384r1MLKEM1024. The classical groups x25519,
// secp256r1 and secp384r1 (RFC 8446 section 4.2.8.2) have no ML-KEM part.
const crypto = require('node:crypto');
const readline = require('node:readline');

// DER prefixes of SubjectPublicKeyInfo for a raw key (RFC 8410 for X25519, FIPS 203 OIDs 2.16.840.1.101.3.4.4.2/3).
const SPKI = {
  'ml-kem-768': Buffer.from('308204b2300b0609608648016503040402038204a100', 'hex'),
  'ml-kem-1024': Buffer.from('30820632300b06096086480165030404030382062100', 'hex'),
  'x25519': Buffer.from('302a300506032b656e032100', 'hex'),
};

const GROUPS = {
  X25519MLKEM768: { kem: 'ml-kem-768', ec: 'x25519', kemFirst: true, ek: 1184, ct: 1088, point: 32 },
  SecP256r1MLKEM768: { kem: 'ml-kem-768', ec: 'prime256v1', kemFirst: false, ek: 1184, ct: 1088, point: 65 },
  SecP384r1MLKEM1024: { kem: 'ml-kem-1024', ec: 'secp384r1', kemFirst: false, ek: 1568, ct: 1568, point: 97 },
  x25519: { kem: null, ec: 'x25519', point: 32 },
  secp256r1: { kem: null, ec: 'prime256v1', point: 65 },
  secp384r1: { kem: null, ec: 'secp384r1', point: 97 },
};

function rawPublic(keyObject, type) {
  const der = keyObject.export({ format: 'der', type: 'spki' });
  return der.subarray(SPKI[type].length);
}

function importPublic(raw, type) {
  return crypto.createPublicKey({ key: Buffer.concat([SPKI[type], raw]), format: 'der', type: 'spki' });
}

// ECDH: returns { publicRaw, agree(peerRaw) -> Buffer }.
function ecdhKey(curve) {
  if (curve === 'x25519') {
    const pair = crypto.generateKeyPairSync('x25519');
    return {
      publicRaw: rawPublic(pair.publicKey, 'x25519'),
      agree: (peer) => crypto.diffieHellman({ privateKey: pair.privateKey, publicKey: importPublic(peer, 'x25519') }),
    };
  }
  const ecdh = crypto.createECDH(curve);
  ecdh.generateKeys();
  return { publicRaw: ecdh.getPublicKey(null, 'uncompressed'), agree: (peer) => ecdh.computeSecret(peer) };
}

function split(buffer, g, kemLength) {
  if (!g.kem) {
    return { ec: buffer, kem: Buffer.alloc(0) };
  }
  return g.kemFirst
    ? { kem: buffer.subarray(0, kemLength), ec: buffer.subarray(kemLength) }
    : { ec: buffer.subarray(0, g.point), kem: buffer.subarray(g.point) };
}

function join(g, kemPart, ecPart) {
  return g.kemFirst ? Buffer.concat([kemPart, ecPart]) : Buffer.concat([ecPart, kemPart]);
}

const clients = new Map();
let nextId = 1;

function handle(request) {
  if (request.op === 'server') {
    const g = GROUPS[request.group];
    const share = Buffer.from(request.clientShare, 'hex');
    const parts = split(share, g, g.ek);
    const { sharedKey, ciphertext } = g.kem
      ? crypto.encapsulate(importPublic(parts.kem, g.kem))
      : { sharedKey: Buffer.alloc(0), ciphertext: Buffer.alloc(0) };
    const ec = ecdhKey(g.ec);
    const ecSecret = ec.agree(parts.ec);
    return {
      serverShare: join(g, ciphertext, ec.publicRaw).toString('hex'),
      sharedSecret: join(g, sharedKey, ecSecret).toString('hex'),
    };
  }
  if (request.op === 'client') {
    const g = GROUPS[request.group];
    const kem = g.kem ? crypto.generateKeyPairSync(g.kem) : null;
    const ec = ecdhKey(g.ec);
    const id = nextId++;
    clients.set(id, { g, kem, ec });
    const kemPublic = kem ? rawPublic(kem.publicKey, g.kem) : Buffer.alloc(0);
    return { id, clientShare: join(g, kemPublic, ec.publicRaw).toString('hex') };
  }
  if (request.op === 'finish') {
    const { g, kem, ec } = clients.get(request.id);
    clients.delete(request.id);
    const parts = split(Buffer.from(request.serverShare, 'hex'), g, g.ct);
    const kemSecret = kem ? crypto.decapsulate(kem.privateKey, parts.kem) : Buffer.alloc(0);
    return { sharedSecret: join(g, kemSecret, ec.agree(parts.ec)).toString('hex') };
  }
  if (request.op === 'version') {
    return { node: process.version, openssl: process.versions.openssl };
  }
  throw new Error('unknown op ' + request.op);
}

const lines = readline.createInterface({ input: process.stdin });
lines.on('line', (line) => {
  let reply;
  try {
    reply = handle(JSON.parse(line));
  } catch (e) {
    reply = { error: String(e && e.message ? e.message : e) };
  }
  process.stdout.write(JSON.stringify(reply) + '\n');
});
