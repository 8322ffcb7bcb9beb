/**
 * The refusal to plan or apply on a listing of the fleet that could not be
 * verified, and so may be partial.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

/**
 * The client's confirmed listing of every account completed with warnings
 * (what it could not verify, such as no `total_count` to check its end
 * against). A plan or apply on a fleet that may be partial could create a
 * declared account it did not see, so `Fleet.accounts` and `Apply.apply` fail
 * with this instead. Nothing was sent.
 *
 * @since 0.1.0
 */
export class UnverifiedListingError extends Schema.TaggedError<UnverifiedListingError>()("UnverifiedListingError", {
  warnings: Schema.Array(Schema.String)
}) {
  override get message(): string {
    return `the listing of every account could not be verified (${this.warnings.join("; ")}), so the fleet may be partial; nothing was sent`
  }
}
