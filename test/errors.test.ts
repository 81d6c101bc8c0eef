import { describe, expect, it } from "vitest";
import { ModelerBatchError, isUserError } from "../src/errors.js";

describe("ModelerBatchError", () => {
  it("carries a code and details and serialises them", () => {
    const err = new ModelerBatchError("EXAMPLE", "change X", { node: "n1" });
    expect(err.name).toBe("ModelerBatchError");
    expect(isUserError(err)).toBe(true);
    expect(err.toJSON()).toEqual({ name: "ModelerBatchError", code: "EXAMPLE", message: "change X", node: "n1" });
    expect(isUserError(new Error("bug"))).toBe(false);
  });
});
