import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { DomainError } from "@/server/errors/domain-error";
import { cursorPart, defineCursor, isCursorTimestamp, timeIdCursor } from "@/server/pagination/cursor";

const b64 = (value: unknown) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value), "utf8").toString("base64url");
const UUID = "00000000-0000-0000-0000-000000000000";

function expectBadRequest(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("BAD_REQUEST");
    expect((error as DomainError).fieldErrors?.cursor).toBeDefined();
    return;
  }
  throw new Error("expected a BAD_REQUEST");
}

describe("cursor timestamps", () => {
  it("accepts real instants to the microsecond", () => {
    expect(isCursorTimestamp("2026-02-28T23:59:59.999999Z")).toBe(true);
    expect(isCursorTimestamp("2024-02-29T00:00:00.000001Z")).toBe(true);
    expect(isCursorTimestamp("2014-03-01T00:00:00.000000Z")).toBe(true);
  });

  it.each([
    "2026-99-99T99:99:99.000000Z", // the forged cursor from the report: passes a shape check, fails in PostgreSQL
    "2026-13-45 25:61:61",
    "2026-02-30T00:00:00.000000Z",
    "2025-02-29T00:00:00.000000Z",
    "2026-01-01T24:00:00.000000Z",
    "2026-01-01T00:60:00.000000Z",
    "-271821-04-20T00:00:00.000Z", // the year a JS Date accepts and PostgreSQL does not
    "+275760-09-13T00:00:00.000000Z",
    "0001-01-01T00:00:00.000000Z",
    "2026-01-01T00:00:00.000Z", // milliseconds only: the cursor always carries microseconds
    "2026-01-01T00:00:00.000000+01:00",
    "2026-01-01T00:00:00.000000Z\u0000",
  ])("refuses %s", (value) => {
    expect(isCursorTimestamp(value)).toBe(false);
    expectBadRequest(() => timeIdCursor.decode(b64([value, UUID])));
  });
});

describe("cursor codecs", () => {
  const queueCursor = defineCursor(z.tuple([cursorPart.timestamp, cursorPart.oneOf(["comment", "feedback"]), cursorPart.uuid]));
  const nameCursor = defineCursor(z.tuple([cursorPart.text, cursorPart.uuid]));

  it("round-trips what it encodes", () => {
    const at = "2026-05-01T10:11:12.345678Z";
    expect(timeIdCursor.decode(timeIdCursor.encode([at, UUID]))).toEqual([at, UUID]);
    expect(queueCursor.decode(queueCursor.encode([at, "feedback", UUID]))).toEqual([at, "feedback", UUID]);
    expect(nameCursor.decode(nameCursor.encode(["São Paulo 上海", UUID]))).toEqual(["São Paulo 上海", UUID]);
    expect(timeIdCursor.decode(null)).toBeNull();
    expect(timeIdCursor.decode("")).toBeNull();
  });

  it.each([
    ["a tuple of the wrong types", b64(["1", UUID])],
    ["a number for the timestamp", b64([1, UUID])],
    ["a short tuple", b64(["2026-05-01T10:11:12.345678Z"])],
    ["a long tuple", b64(["2026-05-01T10:11:12.345678Z", UUID, "x"])],
    ["an object", b64({ at: "2026-05-01T10:11:12.345678Z", id: UUID })],
    ["not a uuid", b64(["2026-05-01T10:11:12.345678Z", "------------------------------------"])],
    ["the old pipe format", b64(`2026-05-01T10:11:12.345678Z|${UUID}`)],
    ["not base64url", "%%%"],
    ["not JSON", b64("{")],
  ])("refuses %s", (_label, raw) => {
    expectBadRequest(() => timeIdCursor.decode(raw));
  });

  it("refuses a moderation cursor with an unknown type or a broken date", () => {
    expectBadRequest(() => queueCursor.decode(b64(["2026-13-45 25:61:61", "comment", UUID])));
    expectBadRequest(() => queueCursor.decode(b64(["2026-05-01T10:11:12.345678Z", "users", UUID])));
  });

  it("refuses text sort keys PostgreSQL cannot hold", () => {
    expectBadRequest(() => nameCursor.decode(b64(["ab\u0000cd", UUID])));
    expectBadRequest(() => nameCursor.decode(b64(["ab\ud800cd", UUID])));
  });

  it("answers any input with a tuple of the right shape or a BAD_REQUEST, never another error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.jsonValue().map((v) => b64(v)),
          fc.string().map(b64),
        ),
        (raw) => {
          try {
            const decoded = timeIdCursor.decode(raw);
            if (decoded) {
              expect(isCursorTimestamp(decoded[0])).toBe(true);
              expect(decoded[1]).toMatch(/^[0-9a-f-]{36}$/i);
            }
          } catch (error) {
            expect(error).toBeInstanceOf(DomainError);
            expect((error as DomainError).code).toBe("BAD_REQUEST");
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
