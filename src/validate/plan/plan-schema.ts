// JSON Schema of plan.yaml: checked once, when the plan is read.

const request = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    method: { type: 'string', pattern: '^[A-Za-z]+$' },
    path: { type: 'string', pattern: '^/' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    body: {},
  },
} as const;

export const planSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    origin: { type: 'string', pattern: '^https?://' },
    identities: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          token: { type: 'string', minLength: 1 },
          header: { type: 'string', minLength: 1 },
          admin: { type: 'boolean' },
          login: {
            type: 'object',
            additionalProperties: false,
            required: ['path', 'body'],
            properties: {
              method: { type: 'string' },
              path: { type: 'string', pattern: '^/' },
              body: { type: 'object' },
              token_pointer: { type: 'string', pattern: '^/' },
            },
          },
        },
        oneOf: [{ required: ['token'] }, { required: ['login'] }],
      },
    },
    jwt: {
      type: 'object',
      additionalProperties: false,
      required: ['algorithm'],
      properties: {
        secret: { type: 'string', minLength: 1 },
        private_key_file: { type: 'string', minLength: 1 },
        algorithm: { type: 'string', pattern: '^(HS|RS|PS|ES)(256|384|512)$|^EdDSA$' },
        issuer: { type: 'string' },
        audience: { type: 'string' },
        subject: { type: 'string' },
      },
      oneOf: [{ required: ['secret'] }, { required: ['private_key_file'] }],
    },
    objects: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path', 'owner'],
        properties: {
          path: { type: 'string', pattern: '^/' },
          owner: { type: 'string' },
          methods: { type: 'array', items: { type: 'string', pattern: '^[A-Za-z]+$' } },
          write_body: {},
        },
      },
    },
    admin_routes: { type: 'array', items: request },
    privilege_fields: { type: 'object', minProperties: 1 },
    mass_assignment: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['identity', 'create', 'read'],
        properties: { identity: { type: 'string' }, create: request, read: request, id_pointer: { type: 'string', pattern: '^/' } },
      },
    },
    expect: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['name', 'request', 'status'],
        properties: {
          name: { type: 'string', minLength: 1 },
          request,
          identity: { type: 'string' },
          status: {
            oneOf: [
              { type: 'integer', minimum: 100, maximum: 599 },
              { type: 'array', minItems: 1, items: { type: 'integer', minimum: 100, maximum: 599 } },
            ],
          },
        },
      },
    },
    required_headers: { type: 'array', items: { type: 'string', minLength: 1 } },
    attack_routes: { type: 'array', items: { type: 'string', minLength: 1 } },
  },
} as const;
