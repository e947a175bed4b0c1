import autocannon from "autocannon";

/**
 * The portal's submission load of bench/intake and bench/scale: `connections` clients posting to
 * `POST /api/v1/public/requests` of `serverUrl`, each submission from a different citizen (the n-th
 * phone) with `content(n)`, and an `Idempotency-Key` of `idempotencyKey(n)` when given. Returns a
 * function that loads the server for `duration` seconds; the count runs on across calls (a warm-up,
 * then the measured phase).
 */
export function submissionLoad(
  serverUrl: string,
  options: { connections: number; content: (n: number) => string; idempotencyKey?: (n: number) => string },
): (duration: number) => Promise<autocannon.Result> {
  let n = 0;
  return (duration) =>
    autocannon({
      url: `${serverUrl}/api/v1/public/requests`,
      connections: options.connections,
      duration,
      requests: [
        {
          method: "POST",
          setupRequest: (req) => {
            n++;
            const key = options.idempotencyKey?.(n);
            return {
              ...req,
              headers: { "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
              body: JSON.stringify({
                fullName: "Nguyễn Văn An",
                phone: `09${String(10_000_000 + n).slice(-8)}`,
                address: "Thôn 3, xã Quảng Phú",
                content: options.content(n),
                field: "y-te-xet-nghiem-tiem-phong",
              }),
            };
          },
        },
      ],
    });
}
