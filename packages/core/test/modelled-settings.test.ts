/**
 * `Account.modelledSettings`, the one list of the settings core models, which
 * the emulator and the client's read-modify-write go by.
 */
import { assert, describe, it } from "@effect/vitest"
import * as Account from "../src/Account.js"

describe("Account.modelledSettings", () => {
  it("names the modelled settings, read and input schemas alike, and no other", () => {
    assert.deepStrictEqual([...Account.modelledSettings], ["abuse_contact_email", "enforce_twofactor"])
    assert.deepStrictEqual([...Account.modelledSettings], Object.keys(Account.AccountSettingsInput.fields))
  })
})
