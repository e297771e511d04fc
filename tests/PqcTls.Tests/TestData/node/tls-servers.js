// Starts TLS 1.3 servers on 127.0.0.1 for the PqcTls interop tests and prints their ports as one JSON line.
// Each server answers the handshake and closes. The process exits when stdin closes or after 240 seconds.
'use strict';
const tls = require('tls');
const fs = require('fs');
const path = require('path');

const cert = fs.readFileSync(path.join(__dirname, 'cert.pem'));
const key = fs.readFileSync(path.join(__dirname, 'key.pem'));
const configs = {
  hybrid: 'X25519MLKEM768',
  classical: 'X25519:P-256',
  p256hybrid: 'SecP256r1MLKEM768',
  hrr: 'X25519MLKEM768 / X25519',
};

const ports = {};
let pending = Object.keys(configs).length;
for (const [name, curves] of Object.entries(configs)) {
  const server = tls.createServer({
    cert, key, ecdhCurve: curves, minVersion: 'TLSv1.3', maxVersion: 'TLSv1.3', handshakeTimeout: 20000,
  }, socket => { socket.on('error', () => {}); socket.end(); });
  server.on('tlsClientError', () => {});
  server.on('error', e => { console.error(name + ': ' + e.message); process.exit(3); });
  server.listen(0, '127.0.0.1', () => {
    ports[name] = server.address().port;
    if (--pending === 0) {
      console.log(JSON.stringify({ openssl: process.versions.openssl, ports }));
    }
  });
}

process.stdin.on('end', () => process.exit(0));
process.stdin.on('close', () => process.exit(0));
process.stdin.resume();
setTimeout(() => process.exit(0), 240000).unref();
