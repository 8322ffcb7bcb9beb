/**
 * Organizations, as returned by `GET /accounts/{account_id}/organizations`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AccountProfile } from "./AccountProfile.js"
import { OrganizationId } from "./Ids.js"

/**
 * The tenant flags of an organization.
 *
 * @since 0.1.0
 */
export const OrganizationFlags = Schema.Struct({
  account_creation: Schema.String,
  account_deletion: Schema.String,
  account_migration: Schema.String,
  account_mobility: Schema.String,
  enterprise_capability: Schema.String,
  member_management: Schema.String,
  sub_org_creation: Schema.String
}).annotations({ identifier: "OrganizationFlags" })

/** @since 0.1.0 */
export type OrganizationFlags = typeof OrganizationFlags.Type

/**
 * Organization metadata. The spec allows any further keys; they are kept.
 *
 * @since 0.1.0
 */
export const OrganizationMeta = Schema.Struct(
  {
    hierarchy_tags: Schema.optional(Schema.Array(Schema.String)),
    managed_by: Schema.optional(Schema.String),
    tenant_flags: Schema.optional(OrganizationFlags)
  },
  Schema.Record({ key: Schema.String, value: Schema.Unknown })
).annotations({ identifier: "OrganizationMeta" })

/** @since 0.1.0 */
export type OrganizationMeta = typeof OrganizationMeta.Type

/**
 * @since 0.1.0
 */
export const OrganizationParent = Schema.Struct({
  id: OrganizationId,
  name: Schema.String
}).annotations({ identifier: "OrganizationParent" })

/**
 * @since 0.1.0
 */
export const Organization = Schema.Struct({
  id: OrganizationId,
  name: Schema.String,
  create_time: Schema.String,
  meta: OrganizationMeta,
  parent: Schema.optional(OrganizationParent),
  profile: Schema.optional(AccountProfile)
}).annotations({ identifier: "Organization" })

/** @since 0.1.0 */
export type Organization = typeof Organization.Type
