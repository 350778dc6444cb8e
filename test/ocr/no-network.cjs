// Preloaded (node --require) into a process and every thread it starts: any attempt to reach the network (fetch, a
// TCP connection) throws and is reported on stderr, so a test can prove that OCR works with no network at all.
// Unix sockets stay open: tsx talks to its own process over one.
const net = process.getBuiltinModule('node:net');
const { isMainThread } = process.getBuiltinModule('node:worker_threads');

const refuse = (what) => {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  throw new Error(`network use refused in this test: ${what}`);
};
globalThis.fetch = async (input) => refuse(`fetch ${String(input)}`);
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  // net.connect hands its normalised arguments over as one array: [options, callback].
  const target = Array.isArray(args[0]) ? args[0][0] : args[0];
  const unixSocket = (typeof target === 'object' && target !== null && 'path' in target) || (typeof target === 'string' && Number.isNaN(Number(target)));
  return unixSocket ? connect.apply(this, args) : refuse(`connect ${JSON.stringify(target)}`);
};
process.stderr.write(`NETWORK GUARD: ${isMainThread ? 'main' : 'worker'} thread\n`);
