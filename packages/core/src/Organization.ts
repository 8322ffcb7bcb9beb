/**
 * Organizations, as returned by `GET /accounts/{account_id}/organizations`.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { AccountProfile } from "./AccountProfile.js"
import { OrganizationId } from "./Ids.js"
import { readOptional } from "./internal/tolerant.js"
import { UnknownFields } from "./UnknownFields.js"

/**
 * The tenant flags of an organization. The spec requires all seven; read
 * tolerantly, each may be missing or `null`, and flags added later are kept.
 *
 * @since 0.1.0
 */
export const OrganizationFlags = Schema.Struct(
  {
    account_creation: readOptional(Schema.String),
    account_deletion: readOptional(Schema.String),
    account_migration: readOptional(Schema.String),
    account_mobility: readOptional(Schema.String),
    enterprise_capability: readOptional(Schema.String),
    member_management: readOptional(Schema.String),
    sub_org_creation: readOptional(Schema.String)
  },
  UnknownFields
).annotations({ identifier: "OrganizationFlags" })

/** @since 0.1.0 */
export type OrganizationFlags = typeof OrganizationFlags.Type

/**
 * Organization metadata. The spec allows any further keys; they are kept.
 *
 * @since 0.1.0
 */
export const OrganizationMeta = Schema.Struct(
  {
    hierarchy_tags: readOptional(Schema.Array(Schema.String)),
    managed_by: readOptional(Schema.String),
    tenant_flags: readOptional(OrganizationFlags)
  },
  UnknownFields
).annotations({ identifier: "OrganizationMeta" })

/** @since 0.1.0 */
export type OrganizationMeta = typeof OrganizationMeta.Type

/**
 * @since 0.1.0
 */
export const OrganizationParent = Schema.Struct(
  {
    id: OrganizationId,
    name: readOptional(Schema.String)
  },
  UnknownFields
).annotations({ identifier: "OrganizationParent" })

/**
 * An organization as the API returns it. The spec requires `name`,
 * `create_time` and `meta`; read tolerantly, only `id` is required, the others
 * may be missing or `null`, and fields core does not model are kept.
 *
 * @since 0.1.0
 */
export const Organization = Schema.Struct(
  {
    id: OrganizationId,
    name: readOptional(Schema.String),
    create_time: readOptional(Schema.String),
    meta: readOptional(OrganizationMeta),
    parent: readOptional(OrganizationParent),
    profile: readOptional(AccountProfile)
  },
  UnknownFields
).annotations({ identifier: "Organization" })

/** @since 0.1.0 */
export type Organization = typeof Organization.Type
