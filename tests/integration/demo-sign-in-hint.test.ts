import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { demoSignInHint } from "@/server/seed/demo-presence";
import { makeUser } from "../helpers/factories";
import { createTestDb } from "../helpers/test-db";

let h: DatabaseHandle;

beforeAll(async () => {
  h = await createTestDb();
});
afterAll(async () => {
  await h.close();
});

describe("the sign-in page's demo hint", () => {
  it("says nothing on an installation whose users are real people only", async () => {
    await makeUser(h.db, { email: "mayor@real-city.example", globalRole: "admin" });
    expect(await demoSignInHint(h.db)).toBeNull();
  });

  it("gives the demo password and the demo accounts that exist once the demo seed's accounts are there", async () => {
    await makeUser(h.db, { email: "expert@demo.city", globalRole: "expert" });
    await makeUser(h.db, { email: "citizen.pudong@demo.city" });
    expect(await demoSignInHint(h.db)).toEqual({
      password: "smartcity-demo",
      accounts: [
        { email: "expert@demo.city", role: "expert" },
        { email: "citizen.pudong@demo.city", role: "citizen" },
      ],
    });
  });
});
