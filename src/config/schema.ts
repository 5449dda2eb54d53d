// JSON Schema of the policy file. `vigil config schema` prints it for editors (yaml-language-server, VS Code).

const mode = { enum: ['enforce', 'monitor', 'off'] } as const;
const cidrList = { type: 'array', items: { type: 'string', minLength: 1 } } as const;
const stringOrList = { oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] } as const;

const rateLimit = {
  type: 'object',
  additionalProperties: false,
  required: ['key', 'rate'],
  properties: {
    key: { type: 'string', pattern: '^(ip|api_key|subject|principal|header:[A-Za-z0-9-]+)$' },
    rate: { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?/(s|m|h|d)$' },
    burst: { type: 'integer', minimum: 1 },
    mode,
  },
} as const;

const auth = {
  oneOf: [
    { const: 'none' },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        jwt: { type: 'string' },
        api_key: { type: 'string' },
        any: { type: 'array', minItems: 1, items: { $ref: '#/$defs/auth' } },
        mode,
      },
    },
  ],
} as const;

const routeBody = {
  upstream: { type: 'string' },
  mode,
  auth: { $ref: '#/$defs/auth' },
  ip: {
    type: 'object',
    additionalProperties: false,
    properties: { allow: cidrList, deny: cidrList, mode },
  },
  geo: {
    type: 'object',
    additionalProperties: false,
    properties: {
      allow_countries: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
      deny_countries: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' } },
      allow_asns: { type: 'array', items: { type: 'integer', minimum: 0 } },
      deny_asns: { type: 'array', items: { type: 'integer', minimum: 0 } },
      mode,
    },
  },
  rate_limit: { oneOf: [rateLimit, { type: 'array', items: rateLimit }] },
  limits: {
    type: 'object',
    additionalProperties: false,
    properties: {
      methods: { type: 'array', items: { type: 'string', pattern: '^[A-Z]+$' } },
      max_body_bytes: { type: 'integer', minimum: 0 },
      max_header_bytes: { type: 'integer', minimum: 1 },
      max_url_bytes: { type: 'integer', minimum: 1 },
      content_types: { type: 'array', items: { type: 'string' } },
      mode,
    },
  },
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['spec'],
    properties: {
      spec: { type: 'string' },
      unknown_endpoints: { type: 'boolean' },
      unknown_parameters: { type: 'boolean' },
      mode,
    },
  },
  detect: {
    type: 'object',
    additionalProperties: false,
    properties: {
      threshold: { type: 'number', exclusiveMinimum: 0 },
      paranoia: { type: 'integer', minimum: 1, maximum: 4 },
      exclusions: {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: { rule: { type: 'string' }, category: { type: 'string' }, location: { type: 'string' } },
        },
      },
      mode,
    },
  },
} as const;

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://vigil.dev/schema/vigil.schema.json',
  title: 'Vigil policy',
  type: 'object',
  additionalProperties: false,
  required: ['upstreams'],
  $defs: { auth },
  properties: {
    listen: {
      oneOf: [
        { type: ['string', 'integer'] },
        {
          type: 'array',
          minItems: 1,
          items: {
            oneOf: [
              { type: ['string', 'integer'] },
              {
                type: 'object',
                additionalProperties: false,
                required: ['address'],
                properties: {
                  address: { type: ['string', 'integer'] },
                  tls: {
                    type: 'object',
                    additionalProperties: false,
                    required: ['cert', 'key'],
                    properties: { cert: { type: 'string' }, key: { type: 'string' } },
                  },
                },
              },
            ],
          },
        },
      ],
    },
    admin: {
      type: 'object',
      additionalProperties: false,
      required: ['address'],
      properties: {
        address: { type: ['string', 'integer'] },
        tokens: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'sha256', 'role'],
            properties: {
              name: { type: 'string', minLength: 1 },
              sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' },
              role: { enum: ['viewer', 'admin'] },
            },
          },
        },
      },
    },
    workers: { oneOf: [{ const: 'auto' }, { type: 'integer', minimum: 1, maximum: 256 }] },
    upstreams: {
      type: 'object',
      minProperties: 1,
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['url'],
        properties: {
          url: { type: 'string', pattern: '^https?://' },
          max_sockets: { type: 'integer', minimum: 1 },
          timeout_ms: { type: 'integer', minimum: 1 },
        },
      },
    },
    trusted_proxies: cidrList,
    client_ip_headers: { type: 'array', items: { enum: ['x-forwarded-for', 'forwarded', 'x-real-ip'] } },
    timeouts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        headers_ms: { type: 'integer', minimum: 1 },
        idle_ms: { type: 'integer', minimum: 1 },
        body_ms: { type: 'integer', minimum: 1 },
        upstream_ms: { type: 'integer', minimum: 1 },
        shutdown_ms: { type: 'integer', minimum: 1 },
      },
    },
    inspect_body_bytes: { type: 'integer', minimum: 0 },
    auth: {
      type: 'object',
      additionalProperties: false,
      properties: {
        jwt: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['algorithms'],
            properties: {
              jwks_url: { type: 'string', pattern: '^https?://' },
              secret: { type: 'string', minLength: 1 },
              public_key_file: { type: 'string' },
              issuer: stringOrList,
              audience: stringOrList,
              algorithms: {
                type: 'array',
                minItems: 1,
                items: {
                  enum: ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'],
                },
              },
              clock_skew_s: { type: 'integer', minimum: 0, maximum: 3600 },
              subject_claim: { type: 'string' },
              header: { type: 'string' },
              cookie: { type: 'string' },
            },
          },
        },
        api_keys: {
          type: 'object',
          additionalProperties: {
            type: 'object',
            additionalProperties: false,
            required: ['in', 'name', 'keys'],
            properties: {
              in: { enum: ['header', 'query'] },
              name: { type: 'string', minLength: 1 },
              keys: {
                type: 'array',
                items: {
                  type: 'object',
                  additionalProperties: false,
                  required: ['id', 'sha256'],
                  properties: { id: { type: 'string' }, sha256: { type: 'string', pattern: '^[0-9a-f]{64}$' } },
                },
              },
            },
          },
        },
      },
    },
    specs: { type: 'object', additionalProperties: { type: 'string' } },
    geoip: {
      type: 'object',
      additionalProperties: false,
      properties: { country_db: { type: 'string' }, asn_db: { type: 'string' } },
    },
    events: { type: 'object', additionalProperties: false, properties: { file: { type: 'string' } } },
    behaviour: {
      type: 'object',
      additionalProperties: false,
      properties: { rules: { type: 'array', items: { type: 'string' } }, no_shipped_rules: { type: 'boolean' } },
    },
    discovery: {
      type: 'object',
      additionalProperties: false,
      properties: { learn_s: { type: 'number', minimum: 0 }, announce_after: { type: 'integer', minimum: 1 } },
    },
    store: {
      type: 'object',
      additionalProperties: false,
      properties: {
        path: { type: 'string', minLength: 1 },
        max_body_bytes: { type: 'integer', minimum: 0 },
        headers: { type: 'boolean' },
        retention: {
          type: 'object',
          additionalProperties: false,
          properties: { max_age_days: { type: 'number', exclusiveMinimum: 0 }, max_size_mb: { type: 'number', exclusiveMinimum: 0 } },
        },
        max_queued: { type: 'integer', minimum: 100 },
        journal_max_mb: { type: 'number', exclusiveMinimum: 0 },
      },
    },
    cluster: {
      type: 'object',
      additionalProperties: false,
      properties: {
        redis: { type: 'string', pattern: '^rediss?://' },
        nats: { type: 'string', pattern: '^(nats|tls)://' },
        postgres: { type: 'string', pattern: '^postgres(ql)?://' },
        key_prefix: { type: 'string', minLength: 1 },
        stream: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
        spool_dir: { type: 'string', minLength: 1 },
        gateways: { type: 'integer', minimum: 1 },
        postgres_schema: { type: 'string', pattern: '^[a-z_][a-z0-9_]*$' },
      },
    },
    redaction: {
      type: 'object',
      additionalProperties: false,
      properties: {
        headers: { type: 'array', items: { type: 'string', minLength: 1 } },
        fields: { type: 'array', items: { type: 'string', minLength: 1 } },
        patterns: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            required: ['name', 'regex'],
            properties: { name: { type: 'string' }, regex: { type: 'string', minLength: 1 } },
          },
        },
        replacement: { type: 'string' },
      },
    },
    alerts: {
      type: 'object',
      additionalProperties: false,
      properties: {
        dedup_window_s: { type: 'integer', minimum: 0 },
        min_severity: { enum: ['low', 'medium', 'high', 'critical'] },
        suppress: {
          type: 'array',
          items: {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            properties: { type: { type: 'string' }, rule: { type: 'string' }, route: { type: 'string' }, ip: { type: 'string' }, principal: { type: 'string' } },
          },
        },
      },
    },
    sinks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['type'],
        properties: {
          type: { enum: ['syslog', 'file', 'splunk_hec', 'webhook'] },
          name: { type: 'string' },
          format: { enum: ['cef', 'leef', 'ecs', 'ocsf', 'vigil'] },
          address: { type: 'string' },
          transport: { enum: ['udp', 'tcp', 'tls'] },
          ca_file: { type: 'string' },
          path: { type: 'string' },
          url: { type: 'string', pattern: '^https?://' },
          token: { type: 'string', minLength: 1 },
          secret: { type: 'string', minLength: 1 },
          index: { type: 'string' },
          queue_size: { type: 'integer', minimum: 1 },
          max_retries: { type: 'integer', minimum: 0 },
        },
      },
    },
    unmatched: { enum: ['block', 'allow'] },
    defaults: { type: 'object', additionalProperties: false, properties: routeBody },
    routes: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'match'],
        properties: {
          name: { type: 'string', minLength: 1 },
          match: {
            type: 'object',
            additionalProperties: false,
            required: ['path'],
            properties: {
              host: { type: 'string' },
              methods: { type: 'array', items: { type: 'string', pattern: '^[A-Z]+$' } },
              path: { type: 'string', pattern: '^/' },
            },
          },
          ...routeBody,
        },
      },
    },
  },
} as const;
