// Connects to 127.0.0.1:<port> as a default Node 26 / OpenSSL 3.5 TLS client with server name <name> and ALPN
// h2, http/1.1, so that a test can capture a real ClientHello. Exits on any outcome, or after 20 seconds.
'use strict';
const tls = require('tls');
const [port, servername] = process.argv.slice(2);
const socket = tls.connect({ host: '127.0.0.1', port: Number(port), servername, ALPNProtocols: ['h2', 'http/1.1'], rejectUnauthorized: false });
socket.on('error', () => process.exit(0));
socket.on('close', () => process.exit(0));
setTimeout(() => process.exit(0), 20000).unref();
