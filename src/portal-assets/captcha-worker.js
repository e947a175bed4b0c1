// Solves an ALTCHA (v1) proof-of-work challenge off the main thread: the smallest n ≤ maxnumber
// with hex(SHA-256(salt + n)) === challenge. Hashes run in batches so the phone stays responsive.
self.onmessage = async (event) => {
  const { algorithm, challenge, salt, maxnumber } = event.data;
  const encoder = new TextEncoder();
  const started = Date.now();
  const hex = (buffer) => Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
  const max = maxnumber || 1e6;
  const batch = 256;
  for (let start = 0; start <= max; start += batch) {
    const tries = [];
    for (let n = start; n < start + batch && n <= max; n++) {
      tries.push(crypto.subtle.digest(algorithm, encoder.encode(salt + n)));
    }
    const hashes = await Promise.all(tries);
    for (let i = 0; i < hashes.length; i++) {
      if (hex(hashes[i]) === challenge) {
        self.postMessage({ number: start + i, took: Date.now() - started });
        return;
      }
    }
  }
  self.postMessage({ number: null });
};
