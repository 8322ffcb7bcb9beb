// Generated from the worker's OpenAPI document (src/api/WorkerApi.ts) by scripts/openapi.mjs: do not edit.
// Regenerate with `pnpm --filter @cf-accounts/worker openapi` (the dashboard's build does it first).

export interface paths {
    "/v1/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["meta.health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description This document (OpenAPI 3.1) */
        get: operations["meta.openapi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The snapshot's accounts, filtered and sorted, a page at a time */
        get: operations["accounts.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{account_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["accounts.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/accounts/{account_id}/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Job items that touched the account, newest job first */
        get: operations["accounts.jobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/findings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["findings.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Runs an inventory sync: inline (200) or fanned out over the sync queue (202) */
        post: operations["syncs.start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/syncs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["syncs.list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/syncs/{sync_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["syncs.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Creates a job (202, its URL in Location); the same Idempotency-Key and body within 24 hours answer the same job (200) */
        post: operations["jobs.create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{job_id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["jobs.get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/jobs/{job_id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** @description Sends the items of a job whose enqueue stopped part-way */
        post: operations["jobs.resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The current policy (the newest version, or the default while none is stored) */
        get: operations["policy.get"];
        /** @description Stores the body (the policy file, YAML or JSON) as the next version; the next sync audits with it */
        put: operations["policy.put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description Every stored version, newest first: who stored it and when */
        get: operations["policy.versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/policy/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["policy.version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["dashboard.overview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/jobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["dashboard.recentJobs"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/fix-preview/{rule}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["dashboard.fixPreview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/dashboard/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description How the caller signed in: method null without credentials, 401 with wrong ones */
        get: operations["dashboard.session"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        /** @description Bad input, named by `field`; nothing was done */
        InvalidInput: {
            error: {
                /** @enum {string} */
                code: "invalid_input";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description Not found */
        NotFound: {
            error: {
                /** @enum {string} */
                code: "not_found";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description Use a method listed in Allow */
        MethodNotAllowed: {
            error: {
                /** @enum {string} */
                code: "method_not_allowed";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description Configuration, database or internal error */
        InternalError: {
            error: {
                /** @enum {string} */
                code: "configuration" | "database" | "internal";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description Try again later */
        Unavailable: {
            error: {
                /** @enum {string} */
                code: "access_unavailable" | "queue_unavailable";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description Missing or wrong credentials */
        Unauthorized: {
            error: {
                /** @enum {string} */
                code: "unauthorized";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description A write from another origin */
        Forbidden: {
            error: {
                /** @enum {string} */
                code: "forbidden_origin";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description a string that will be converted to lowercase */
        AccountId: string;
        /** @description The sync failed; the previous snapshot is kept */
        SyncFailed: {
            sync: {
                id: string;
                trigger: string;
                /** @enum {string} */
                mode: "inline" | "fanout";
                /** @enum {string} */
                status: "failed";
                started_at: string;
                finished_at: string | null;
                total_count: number | null;
                chunks_total: number;
                accounts_seen: number;
                accounts_deleted: number;
                accounts_inaccessible: number;
                deletion_candidates: number;
                deletions_skipped: boolean;
                warning: string | null;
                error: ({
                    tag: string;
                    message: string;
                    status?: number;
                    errors?: {
                        code: number;
                        message: string;
                    }[];
                    cf_ray?: string;
                } & {
                    [key: string]: unknown;
                }) | null;
                policy_version: number | null;
            };
        };
        /** @description A sync is already running */
        Conflict: {
            error: {
                /** @enum {string} */
                code: "sync_in_progress";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @enum {string} */
        RuleId: "enforce_twofactor" | "abuse_contact_email" | "name" | "type" | "organization";
        /** @description a string matching the pattern ^[A-Za-z0-9_-]{1,64}$ */
        OrganizationId: string;
        /** @description A new job; follow it at Location */
        JobAccepted: {
            job: {
                id: string;
                /** @enum {string} */
                kind: "fix" | "enforce-twofactor" | "move";
                total: number;
                /** @enum {string} */
                status: "enqueueing" | "running" | "completed" | "completed_with_failures";
            };
            warning?: string;
        };
        /** @description The job this key and body created before */
        JobReplayed: {
            job: {
                id: string;
                /** @enum {string} */
                kind: "fix" | "enforce-twofactor" | "move";
                total: number;
                /** @enum {string} */
                status: "enqueueing" | "running" | "completed" | "completed_with_failures";
            };
            warning?: string;
        };
        /** @description The body is too large */
        PayloadTooLarge: {
            error: {
                /** @enum {string} */
                code: "body_too_large";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description The Idempotency-Key was used with another body */
        Unprocessable: {
            error: {
                /** @enum {string} */
                code: "idempotency_key_reused";
                message: string;
                field?: string;
                sync_id?: string;
            };
        };
        /** @description The new version, now the current policy */
        PolicyStored: {
            version: number | null;
            default: boolean;
            text: string;
            /** unknown */
            file: unknown;
            created_by: string | null;
            created_at: string | null;
            rules: {
                id: string;
                detail: string;
                enabled: boolean;
                fix: boolean;
            }[];
            exceptions: {
                rule: string;
                accounts: string[];
                reason: string;
                expires: string;
                expired: boolean;
            }[];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    "meta.health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {string} */
                        status: "ok";
                    };
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
        };
    };
    "meta.openapi": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": unknown;
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
        };
    };
    "accounts.list": {
        parameters: {
            query?: {
                /** @description a string at most 200 character(s) long */
                name?: string;
                compliant?: "true" | "false";
                include_deleted?: "true" | "false";
                include_inaccessible?: "true" | "false";
                inaccessible?: "true" | "false";
                rule?: "enforce_twofactor" | "abuse_contact_email" | "name" | "type" | "organization";
                sort?: "id" | "name";
                order?: "asc" | "desc";
                /** @description a string matching the pattern ^[0-9]{1,15}$ */
                limit?: string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: ({
                            id: string;
                            name: string;
                            type: string;
                            settings: ({
                                enforce_twofactor?: boolean | null;
                                abuse_contact_email?: string | null;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            managed_by: ({
                                parent_org_id?: string | null;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            created_on: string | null;
                            first_seen: string;
                            last_seen: string;
                            deleted_at: string | null;
                            inaccessible_since: string | null;
                            compliant: boolean;
                        } & {
                            [key: string]: unknown;
                        })[];
                        next_cursor: string | null;
                        total: number;
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "accounts.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: components["schemas"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        type: string;
                        settings: ({
                            enforce_twofactor?: boolean | null;
                            abuse_contact_email?: string | null;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        managed_by: ({
                            parent_org_id?: string | null;
                        } & {
                            [key: string]: unknown;
                        }) | null;
                        created_on: string | null;
                        first_seen: string;
                        last_seen: string;
                        deleted_at: string | null;
                        inaccessible_since: string | null;
                        compliant: boolean;
                        findings: {
                            account_id: string;
                            rule: string;
                            /** @enum {string} */
                            status: "open" | "excused" | "resolved";
                            detail: string;
                            exception: {
                                rule: string;
                                accounts: string[];
                                reason: string;
                                expires: string;
                                expired: boolean;
                            } | null;
                            first_seen: string;
                            last_seen: string;
                            resolved_at: string | null;
                        }[];
                    } & {
                        [key: string]: unknown;
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "accounts.jobs": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                account_id: components["schemas"]["AccountId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            job_id: string;
                            kind: string;
                            created_at: string;
                            state: string;
                            attempts: number;
                            /** unknown */
                            error: unknown;
                            updated_at: string;
                        }[];
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "findings.list": {
        parameters: {
            query?: {
                status?: "open" | "excused" | "resolved" | "all";
                rule?: "enforce_twofactor" | "abuse_contact_email" | "name" | "type" | "organization";
                account_id?: components["schemas"]["AccountId"];
                /** @description a string matching the pattern ^[0-9]{1,15}$ */
                limit?: string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            account_id: string;
                            rule: string;
                            /** @enum {string} */
                            status: "open" | "excused" | "resolved";
                            detail: string;
                            exception: {
                                rule: string;
                                accounts: string[];
                                reason: string;
                                expires: string;
                                expired: boolean;
                            } | null;
                            first_seen: string;
                            last_seen: string;
                            resolved_at: string | null;
                            account_name: string | null;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "syncs.start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sync: {
                            id: string;
                            trigger: string;
                            /** @enum {string} */
                            mode: "inline" | "fanout";
                            /** @enum {string} */
                            status: "completed";
                            started_at: string;
                            finished_at: string | null;
                            total_count: number | null;
                            chunks_total: number;
                            accounts_seen: number;
                            accounts_deleted: number;
                            accounts_inaccessible: number;
                            deletion_candidates: number;
                            deletions_skipped: boolean;
                            warning: string | null;
                            error: ({
                                tag: string;
                                message: string;
                                status?: number;
                                errors?: {
                                    code: number;
                                    message: string;
                                }[];
                                cf_ray?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            policy_version: number | null;
                        };
                    };
                };
            };
            /** @description Success */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sync: {
                            id: string;
                            trigger: string;
                            /** @enum {string} */
                            mode: "inline" | "fanout";
                            /** @enum {string} */
                            status: "running" | "finalizing";
                            started_at: string;
                            finished_at: string | null;
                            total_count: number | null;
                            chunks_total: number;
                            accounts_seen: number;
                            accounts_deleted: number;
                            accounts_inaccessible: number;
                            deletion_candidates: number;
                            deletions_skipped: boolean;
                            warning: string | null;
                            error: ({
                                tag: string;
                                message: string;
                                status?: number;
                                errors?: {
                                    code: number;
                                    message: string;
                                }[];
                                cf_ray?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            policy_version: number | null;
                        };
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description A write from another origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Forbidden"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description A sync is already running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Conflict"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description The sync failed; the previous snapshot is kept */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SyncFailed"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "syncs.list": {
        parameters: {
            query?: {
                /** @description a string matching the pattern ^[0-9]{1,15}$ */
                limit?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            trigger: string;
                            /** @enum {string} */
                            mode: "inline" | "fanout";
                            /** @enum {string} */
                            status: "running" | "finalizing" | "completed" | "failed";
                            started_at: string;
                            finished_at: string | null;
                            total_count: number | null;
                            chunks_total: number;
                            accounts_seen: number;
                            accounts_deleted: number;
                            accounts_inaccessible: number;
                            deletion_candidates: number;
                            deletions_skipped: boolean;
                            warning: string | null;
                            error: ({
                                tag: string;
                                message: string;
                                status?: number;
                                errors?: {
                                    code: number;
                                    message: string;
                                }[];
                                cf_ray?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            policy_version: number | null;
                        }[];
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "syncs.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a string matching the pattern ^sync_[0-9a-f]{32}$ */
                sync_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sync: {
                            id: string;
                            trigger: string;
                            /** @enum {string} */
                            mode: "inline" | "fanout";
                            /** @enum {string} */
                            status: "running" | "finalizing" | "completed" | "failed";
                            started_at: string;
                            finished_at: string | null;
                            total_count: number | null;
                            chunks_total: number;
                            accounts_seen: number;
                            accounts_deleted: number;
                            accounts_inaccessible: number;
                            deletion_candidates: number;
                            deletions_skipped: boolean;
                            warning: string | null;
                            error: ({
                                tag: string;
                                message: string;
                                status?: number;
                                errors?: {
                                    code: number;
                                    message: string;
                                }[];
                                cf_ray?: string;
                            } & {
                                [key: string]: unknown;
                            }) | null;
                            policy_version: number | null;
                        };
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "jobs.create": {
        parameters: {
            query?: never;
            header?: {
                /** @description a string matching the pattern ^[\x21-\x7e]{1,255}$ */
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": ((({
                    /** @enum {string} */
                    kind: "fix";
                    rule: components["schemas"]["RuleId"];
                    /**
                     * maxItems(10000)
                     * @description an array of at most 10000 item(s)
                     */
                    account_ids: components["schemas"]["AccountId"][];
                } | {
                    /** @enum {string} */
                    kind: "fix";
                    rule: components["schemas"]["RuleId"];
                    /** @enum {string} */
                    account_ids: "all-noncompliant";
                }) | {
                    /** @enum {string} */
                    kind: "enforce-twofactor";
                    /**
                     * maxItems(10000)
                     * @description an array of at most 10000 item(s)
                     */
                    account_ids: components["schemas"]["AccountId"][];
                }) | {
                    /** @enum {string} */
                    kind: "enforce-twofactor";
                    /** @enum {string} */
                    account_ids: "all-noncompliant";
                }) | {
                    /** @enum {string} */
                    kind: "move";
                    /**
                     * maxItems(10000)
                     * @description an array of at most 10000 item(s)
                     */
                    account_ids: components["schemas"]["AccountId"][];
                    destination_organization_id: components["schemas"]["OrganizationId"];
                };
            };
        };
        responses: {
            /** @description The job this key and body created before */
            200: {
                headers: {
                    /** @description The job's URL */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobReplayed"];
                };
            };
            /** @description A new job; follow it at Location */
            202: {
                headers: {
                    /** @description The job's URL */
                    Location?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["JobAccepted"];
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description A write from another origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Forbidden"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayloadTooLarge"];
                };
            };
            /** @description The Idempotency-Key was used with another body */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unprocessable"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "jobs.get": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a string matching the pattern ^job_[0-9a-f]{32}$ */
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job: {
                            id: string;
                            /** @enum {string} */
                            kind: "fix" | "enforce-twofactor" | "move";
                            /** unknown */
                            params: unknown;
                            created_at: string;
                            total: number;
                            /** @enum {string} */
                            status: "enqueueing" | "running" | "completed" | "completed_with_failures";
                            counts: {
                                pending: number;
                                running: number;
                                done: number;
                                failed: number;
                                skipped: number;
                            };
                            failed: {
                                account_id: string;
                                attempts: number;
                                error: ({
                                    tag: string;
                                    message: string;
                                    status?: number;
                                    errors?: {
                                        code: number;
                                        message: string;
                                    }[];
                                    cf_ray?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "jobs.resume": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a string matching the pattern ^job_[0-9a-f]{32}$ */
                job_id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        job: {
                            id: string;
                            /** @enum {string} */
                            kind: "fix" | "enforce-twofactor" | "move";
                            /** unknown */
                            params: unknown;
                            created_at: string;
                            total: number;
                            /** @enum {string} */
                            status: "enqueueing" | "running" | "completed" | "completed_with_failures";
                            counts: {
                                pending: number;
                                running: number;
                                done: number;
                                failed: number;
                                skipped: number;
                            };
                            failed: {
                                account_id: string;
                                attempts: number;
                                error: ({
                                    tag: string;
                                    message: string;
                                    status?: number;
                                    errors?: {
                                        code: number;
                                        message: string;
                                    }[];
                                    cf_ray?: string;
                                } & {
                                    [key: string]: unknown;
                                }) | null;
                            }[];
                        };
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description A write from another origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Forbidden"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "policy.get": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number | null;
                        default: boolean;
                        text: string;
                        /** unknown */
                        file: unknown;
                        created_by: string | null;
                        created_at: string | null;
                        rules: {
                            id: string;
                            detail: string;
                            enabled: boolean;
                            fix: boolean;
                        }[];
                        exceptions: {
                            rule: string;
                            accounts: string[];
                            reason: string;
                            expires: string;
                            expired: boolean;
                        }[];
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "policy.put": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "text/plain": string;
            };
        };
        responses: {
            /** @description The new version, now the current policy */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PolicyStored"];
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description A write from another origin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Forbidden"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description The body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PayloadTooLarge"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "policy.versions": {
        parameters: {
            query?: {
                /** @description a string matching the pattern ^[0-9]{1,15}$ */
                limit?: string;
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            version: number;
                            created_by: string;
                            created_at: string;
                        }[];
                        next_cursor: string | null;
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "policy.version": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description a string matching the pattern ^[0-9]{1,15}$ */
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        version: number | null;
                        default: boolean;
                        text: string;
                        /** unknown */
                        file: unknown;
                        created_by: string | null;
                        created_at: string | null;
                        rules: {
                            id: string;
                            detail: string;
                            enabled: boolean;
                            fix: boolean;
                        }[];
                        exceptions: {
                            rule: string;
                            accounts: string[];
                            reason: string;
                            expires: string;
                            expired: boolean;
                        }[];
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "dashboard.overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        accounts: number;
                        compliant: number;
                        inaccessible: number;
                        open_findings: number;
                        open_by_rule: {
                            [key: string]: number;
                        };
                        rules: {
                            id: string;
                            detail: string;
                            enabled: boolean;
                            fix: boolean;
                        }[];
                        series: {
                            sync_id: string;
                            finished_at: string;
                            accounts: number;
                            compliant: number;
                            inaccessible: number;
                            open_findings: number;
                            open_by_rule: {
                                [key: string]: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "dashboard.recentJobs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            kind: string;
                            created_at: string;
                            total: number;
                        }[];
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "dashboard.fixPreview": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                rule: "enforce_twofactor" | "abuse_contact_email" | "name" | "type" | "organization";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rule: string;
                        /** @enum {string} */
                        kind: "fix";
                        count: number;
                        sample: {
                            id: string;
                            name: string;
                            changes: {
                                field: string;
                                /** unknown */
                                before: unknown;
                                /** unknown */
                                after: unknown;
                            }[];
                        }[];
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
    "dashboard.session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Success */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        method: ("token" | "access") | null;
                        email: string | null;
                    };
                };
            };
            /** @description Bad input, named by `field`; nothing was done */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InvalidInput"];
                };
            };
            /** @description Missing or wrong credentials */
            401: {
                headers: {
                    /** @description `Bearer` */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unauthorized"];
                };
            };
            /** @description Not found */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotFound"];
                };
            };
            /** @description Use a method listed in Allow */
            405: {
                headers: {
                    /** @description The methods the route answers */
                    Allow?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MethodNotAllowed"];
                };
            };
            /** @description Configuration, database or internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["InternalError"];
                };
            };
            /** @description Try again later */
            503: {
                headers: {
                    /** @description Seconds to wait, when known */
                    "Retry-After"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Unavailable"];
                };
            };
        };
    };
}
