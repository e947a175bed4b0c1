import { describe, expect, it } from "vitest";
import { parseRange } from "../../services/call-recordings.js";
import { hostAllowed, parseHostList } from "./recording-fetch.js";

describe("the recording host allowlist", () => {
  const allowed = parseHostList(" PBX.local , 10.0.0.5:8088,");
  it("takes host or host:port, case-insensitive", () => {
    expect(allowed).toEqual(["pbx.local", "10.0.0.5:8088"]);
    expect(hostAllowed("http://pbx.local/rec/1.wav", allowed)).toBe(true);
    expect(hostAllowed("https://PBX.LOCAL:8443/rec/1.wav", allowed)).toBe(true);
    expect(hostAllowed("http://10.0.0.5:8088/ari/recordings/stored/x/file", allowed)).toBe(true);
  });
  it("refuses other ports, look-alike hosts, credentials and other schemes", () => {
    expect(hostAllowed("http://10.0.0.5/rec", allowed)).toBe(false);
    expect(hostAllowed("http://10.0.0.5:8089/rec", allowed)).toBe(false);
    expect(hostAllowed("http://pbx.local.evil.example/rec", allowed)).toBe(false);
    expect(hostAllowed("http://evil.example/pbx.local", allowed)).toBe(false);
    expect(hostAllowed("http://user:pw@pbx.local/rec", allowed)).toBe(false);
    expect(hostAllowed("http://pbx.local@evil.example/rec", allowed)).toBe(false);
    expect(hostAllowed("file:///etc/passwd", allowed)).toBe(false);
    expect(hostAllowed("ftp://pbx.local/rec", allowed)).toBe(false);
    expect(hostAllowed("not a url", allowed)).toBe(false);
    expect(hostAllowed("http://pbx.local/rec", [])).toBe(false);
  });
});

describe("Range headers for playback", () => {
  it("reads one range, an open end and a suffix", () => {
    expect(parseRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseRange("bytes=900-", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseRange("bytes=990-5000", 1000)).toEqual({ start: 990, end: 999 });
  });
  it("says what cannot be served, and ignores what is not a single byte range", () => {
    expect(parseRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=50-10", 1000)).toBe("unsatisfiable");
    expect(parseRange("bytes=-0", 1000)).toBe("unsatisfiable");
    expect(parseRange(undefined, 1000)).toBeNull();
    expect(parseRange("bytes=0-1,5-6", 1000)).toBeNull();
    expect(parseRange("items=0-1", 1000)).toBeNull();
    expect(parseRange("bytes=-", 1000)).toBeNull();
  });
});
